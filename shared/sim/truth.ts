import { type Arm, plantedEffect, type SimOutcome } from './behaviour.js';
import { type JourneySpec, OUTCOME_EVENT_TYPES, VARIANTS } from './catalog.js';
import type { SimWorld } from './world.js';

/**
 * The truth file: what the world planted (effects) and what the stack answered (counts). The
 * driver feeds a TruthLedger with each answer it got, so a correct scorecard reconciles with it
 * exactly: a send the gate deferred or suppressed is not a send, a delivery is a `delivered`
 * callback the vendor posted, a human clicker is a contact whose non-bot click got its redirect.
 */
export interface CountTruth {
  /** Messages the gate allowed and the vendor accepted. */
  sends: number;
  deliveries: number;
  failures: number;
  /** Distinct contacts with at least one non-bot click. */
  uniqueHumanClickers: number;
  humanClicks: number;
  botClicks: number;
  /** Distinct contacts who replied with anything but an opt-out. */
  repliers: number;
  replies: number;
  /** Opt-outs credited here: the contact's last message before the STOP was of this workflow (step, variant). */
  optOuts: number;
  /** Gate answers that were not sends, by reason (holdout = ghost exposures). */
  suppressed: Record<string, number>;
  deferred: number;
  /** Distinct contacts with at least one send / one ghost exposure. */
  treated: number;
  holdout: number;
}

export interface ArmTruth {
  contacts: number;
  /** Conversions posted to the CRM (inside the world's time). */
  conversions: number;
  revenueMinor: number;
  profitMinor: number;
  /** Mean planted conversion probability over the arm's contacts. */
  expectedConversionRate: number;
}

export interface WorkflowTruth extends CountTruth {
  workflowId: string;
  kind: 'flow' | 'campaign';
  category: string;
  programId: string;
  holdoutRate: number;
  /** The canonical event type that counts as this workflow's conversion. */
  outcomeType: string;
  outcomeWindowDays: number;
  /** Contacts enrolled (requests made for them), whatever the gate answered. */
  eligible: number;
  /** Planted absolute effect on conversion probability, treated minus holdout (population value). */
  trueConversionLift: number;
  /** Planted effect on revenue per recipient (minor units, expected over this world's contacts). */
  trueRevenueLiftPerRecipientMinor: number;
  /** Planted effect on profit (margin minus discount) per recipient. */
  trueProfitLiftPerRecipientMinor: number;
  arms: { treated: ArmTruth; holdout: ArmTruth };
  steps: Record<string, CountTruth>;
  variants: Record<
    string,
    CountTruth & { trueConversionLift: number; arms: { treated: ArmTruth; holdout: ArmTruth } }
  >;
}

export interface TruthFile {
  seed: string;
  options: Record<string, unknown>;
  generatedBy: string;
  /** Definitions travel with the numbers. */
  definitions: Record<string, string>;
  workflows: Record<string, WorkflowTruth>;
  totals: CountTruth & {
    crmEvents: number;
    /** Conversion events posted (all arms, each once however often it was reposted). */
    outcomeEvents: number;
    emailEvents: number;
    duplicatePosts: number;
    requests: number;
    refused: number;
  };
}

export const TRUTH_DEFINITIONS: Record<string, string> = {
  sends: 'POST /v1/messages answered allow with a vendor message id (the vendor accepted it)',
  deliveries: 'sends the fake vendor reported delivered (signed status callback)',
  failures: 'sends the fake vendor reported undelivered',
  uniqueHumanClickers: 'distinct contacts with a click the stack recorded as not a bot',
  botClicks: 'clicks by link-preview scanner user agents (recorded with bot: true)',
  repliers: 'distinct contacts who replied with something other than an opt-out keyword',
  optOuts: "opt-out replies, credited to the workflow of the contact's last message before the STOP",
  treated: 'distinct contacts with at least one send of the workflow',
  holdout: 'distinct contacts with at least one holdout ghost exposure (send.suppressed, reason holdout)',
  trueConversionLift: 'planted absolute effect on conversion probability, treated minus holdout',
  conversions: 'outcome events posted inside the world time, by the arm of the first exposure',
};

/** The map's value for `key`, created by `make` on first use. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

class Counter {
  sends = 0;
  deliveries = 0;
  failures = 0;
  humanClicks = 0;
  botClicks = 0;
  replies = 0;
  optOuts = 0;
  deferred = 0;
  suppressed: Record<string, number> = {};
  clickers = new Set<number>();
  repliers = new Set<number>();
  treated = new Set<number>();
  holdout = new Set<number>();

  toJSON(): CountTruth {
    return {
      sends: this.sends,
      deliveries: this.deliveries,
      failures: this.failures,
      uniqueHumanClickers: this.clickers.size,
      humanClicks: this.humanClicks,
      botClicks: this.botClicks,
      repliers: this.repliers.size,
      replies: this.replies,
      optOuts: this.optOuts,
      suppressed: { ...this.suppressed },
      deferred: this.deferred,
      treated: this.treated.size,
      holdout: this.holdout.size,
    };
  }
}

class ArmCounter {
  contacts = 0;
  conversions = 0;
  revenueMinor = 0;
  profitMinor = 0;
  probability = 0;

  add(outcome: SimOutcome) {
    this.contacts += 1;
    this.probability += outcome.probability;
    if (!outcome.realized) return;
    this.conversions += 1;
    this.revenueMinor += outcome.revenueMinor;
    this.profitMinor += outcome.marginMinor;
  }

  toJSON(): ArmTruth {
    return {
      contacts: this.contacts,
      conversions: this.conversions,
      revenueMinor: this.revenueMinor,
      profitMinor: this.profitMinor,
      // Rounded: the sum's last bits depend on the order concurrent answers arrived in.
      expectedConversionRate: this.contacts ? Math.round((this.probability / this.contacts) * 1e9) / 1e9 : 0,
    };
  }
}

/** Where one message counts: its workflow, its step and its variant. */
export interface MessageKey {
  journeyId: string;
  step: number;
  variant: string;
  contactIndex: number;
}

export type CountEvent =
  | { kind: 'sent' | 'delivered' | 'failed' | 'deferred' | 'botClick' | 'optOut' }
  | { kind: 'suppressed'; reason: string }
  | { kind: 'humanClick' | 'reply' };

/** Accumulates what the stack answered, per workflow, step and variant. */
export class TruthLedger {
  private readonly total = new Counter();
  private readonly byJourney = new Map<string, Counter>();
  private readonly bySteps = new Map<string, Counter>();
  private readonly byVariants = new Map<string, Counter>();
  private readonly arms = new Map<string, { treated: ArmCounter; holdout: ArmCounter }>();
  private readonly eligible = new Map<string, Set<number>>();
  readonly extra = {
    crmEvents: 0,
    outcomeEvents: 0,
    emailEvents: 0,
    duplicatePosts: 0,
    requests: 0,
    refused: 0,
  };

  constructor(private readonly world: SimWorld) {}

  private counters(key: MessageKey): Counter[] {
    const get = (map: Map<string, Counter>, id: string) => entry(map, id, () => new Counter());
    return [
      this.total,
      get(this.byJourney, key.journeyId),
      get(this.bySteps, `${key.journeyId}|${key.step}`),
      get(this.byVariants, `${key.journeyId}|${key.variant}`),
    ];
  }

  enrolled(key: MessageKey): void {
    entry(this.eligible, key.journeyId, () => new Set<number>()).add(key.contactIndex);
  }

  count(key: MessageKey, event: CountEvent): void {
    for (const c of this.counters(key)) {
      switch (event.kind) {
        case 'sent':
          c.sends += 1;
          c.treated.add(key.contactIndex);
          break;
        case 'delivered':
          c.deliveries += 1;
          break;
        case 'failed':
          c.failures += 1;
          break;
        case 'deferred':
          c.deferred += 1;
          break;
        case 'botClick':
          c.botClicks += 1;
          break;
        case 'optOut':
          c.optOuts += 1;
          break;
        case 'humanClick':
          c.humanClicks += 1;
          c.clickers.add(key.contactIndex);
          break;
        case 'reply':
          c.replies += 1;
          c.repliers.add(key.contactIndex);
          break;
        case 'suppressed':
          c.suppressed[event.reason] = (c.suppressed[event.reason] ?? 0) + 1;
          if (event.reason === 'holdout') c.holdout.add(key.contactIndex);
          break;
      }
    }
  }

  /** The contact's outcome, once its arm is known (first send or first ghost exposure). */
  outcome(key: Pick<MessageKey, 'journeyId' | 'variant'>, outcome: SimOutcome): void {
    if (outcome.arm === 'none') return;
    for (const id of [key.journeyId, `${key.journeyId}|${key.variant}`]) {
      const arms = entry(this.arms, id, () => ({ treated: new ArmCounter(), holdout: new ArmCounter() }));
      arms[outcome.arm].add(outcome);
    }
  }

  toJSON(generatedBy: string): TruthFile {
    const workflows: Record<string, WorkflowTruth> = {};
    const emptyArms = () => ({ treated: new ArmCounter().toJSON(), holdout: new ArmCounter().toJSON() });
    const armsOf = (id: string) => {
      const arms = this.arms.get(id);
      return arms ? { treated: arms.treated.toJSON(), holdout: arms.holdout.toJSON() } : emptyArms();
    };
    for (const journey of this.world.journeys) {
      const counts = this.byJourney.get(journey.id)?.toJSON() ?? new Counter().toJSON();
      const steps: Record<string, CountTruth> = {};
      for (const [i] of journey.stepDays.entries()) {
        const step = this.bySteps.get(`${journey.id}|${i}`);
        if (step) steps[String(i)] = step.toJSON();
      }
      const variants: WorkflowTruth['variants'] = {};
      for (const variant of VARIANTS) {
        const counter = this.byVariants.get(`${journey.id}|${variant}`);
        if (!counter) continue;
        variants[variant] = {
          ...counter.toJSON(),
          trueConversionLift: plantedEffect(journey, { variant }),
          arms: armsOf(`${journey.id}|${variant}`),
        };
      }
      workflows[journey.id] = {
        workflowId: journey.id,
        kind: journey.kind,
        category: journey.category,
        programId: journey.programId,
        holdoutRate: this.world.holdouts[journey.programId]?.rate ?? 0,
        outcomeType: OUTCOME_EVENT_TYPES[journey.outcome],
        outcomeWindowDays: journey.windowDays,
        eligible: this.eligible.get(journey.id)?.size ?? 0,
        ...counts,
        ...plantedMoney(this.world, journey),
        trueConversionLift: journey.effect,
        arms: armsOf(journey.id),
        steps,
        variants,
      };
    }
    return {
      seed: this.world.seed,
      options: this.world.options,
      generatedBy,
      definitions: TRUTH_DEFINITIONS,
      workflows,
      totals: { ...this.total.toJSON(), ...this.extra },
    };
  }
}

/**
 * Expected revenue and profit lift per recipient over this world's members of the journey:
 * E[treated] - E[holdout] with p_h = base x propensity, p_t = p_h + effect(variant), value V,
 * discount share d (treated converters only) and margin share m:
 * revenue lift = mean(p_t) V (1 - d) - mean(p_h) V; profit lift = mean(p_t) V (m - d) - mean(p_h) V m.
 */
export function plantedMoney(
  world: SimWorld,
  journey: JourneySpec,
): { trueRevenueLiftPerRecipientMinor: number; trueProfitLiftPerRecipientMinor: number } {
  const members = world.members[journey.id] ?? [];
  if (members.length === 0 || journey.meanValueMinor === 0)
    return { trueRevenueLiftPerRecipientMinor: 0, trueProfitLiftPerRecipientMinor: 0 };
  let pHoldout = 0;
  let pTreated = 0;
  for (const index of members) {
    const contact = world.contacts[index]!;
    const base = journey.baseRate * contact.propensity;
    pHoldout += base;
    pTreated += base + plantedEffect(journey, contact);
  }
  pHoldout /= members.length;
  pTreated /= members.length;
  const value = journey.meanValueMinor;
  return {
    trueRevenueLiftPerRecipientMinor: pTreated * value * (1 - journey.discountShare) - pHoldout * value,
    trueProfitLiftPerRecipientMinor:
      pTreated * value * (journey.marginShare - journey.discountShare) -
      pHoldout * value * journey.marginShare,
  };
}

export type { Arm };
