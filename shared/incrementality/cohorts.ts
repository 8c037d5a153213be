import type { OutcomeType } from '../attribution/model.js';
import type { CohortMember, ContactSignal, Exposure, MemberOutcome, TestedUnit } from './model.js';

/**
 * Builds each tested unit's cohort: its members (treatment and holdout) with their FIRST exposure
 * in the period, and what happened to each inside the outcome window after it. Pure: the same
 * inputs give the same members in the same order.
 *
 * A member is counted only once its window has closed by `asOfMs` (both arms alike), so a rate
 * never mixes finished and half-observed members.
 */
export interface CohortOptions {
  /** First exposures before this instant belong to an earlier period. */
  periodFromMs: number;
  /** End of the day the run is for: windows must close by then. */
  asOfMs: number;
  /** Pre-period length for the CUPED covariate. */
  preMs: number;
  windowMs(unit: TestedUnit): number;
  primaryOutcome(unit: TestedUnit): OutcomeType;
}

export interface UnitCohort {
  unit: TestedUnit;
  members: CohortMember[];
  /** Members with exposures in both arms (the holdout changed mid-period): kept in their first arm. */
  crossovers: number;
  /** Members whose first exposure is in the period but whose window is still open. */
  immature: number;
}

/** Outcome types that carry revenue a contact paid (or committed). */
export const REVENUE_OUTCOMES: ReadonlySet<OutcomeType> = new Set([
  'order',
  'closed_won',
  'renewal',
  'expansion',
]);
/** Outcome types that move a contact down the pipeline: "the next step". */
export const PROGRESSION_OUTCOMES: ReadonlySet<OutcomeType> = new Set([
  'lead_qualified',
  'meeting_booked',
  'opportunity_created',
  'stage_changed',
  'closed_won',
]);

const DAY_MS = 86_400_000;

export const unitKey = (unit: TestedUnit): string => `${unit.programId ?? ''}|${unit.kind}|${unit.id}`;

function byMember<T extends { memberKey: string; at: number }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.memberKey);
    if (list) list.push(item);
    else map.set(item.memberKey, [item]);
  }
  for (const list of map.values()) list.sort((a, b) => a.at - b.at);
  return map;
}

export function buildCohorts(
  exposures: readonly Exposure[],
  outcomes: readonly MemberOutcome[],
  signals: readonly ContactSignal[],
  options: CohortOptions,
): UnitCohort[] {
  const outcomesOf = byMember(outcomes);
  const signalsOf = byMember(signals);
  // Per unit, each member's first exposure and whether it was ever exposed in the other arm.
  const units = new Map<
    string,
    { unit: TestedUnit; first: Map<string, { exposure: Exposure; crossed: boolean }> }
  >();
  for (const exposure of exposures) {
    const key = unitKey(exposure.unit);
    let entry = units.get(key);
    if (!entry) {
      entry = { unit: exposure.unit, first: new Map() };
      units.set(key, entry);
    }
    if (exposure.at < options.periodFromMs || exposure.at >= options.asOfMs) continue;
    const seen = entry.first.get(exposure.memberKey);
    if (!seen) {
      entry.first.set(exposure.memberKey, { exposure, crossed: false });
      continue;
    }
    if (seen.exposure.arm !== exposure.arm) seen.crossed = true;
    const first = seen.exposure;
    // Earliest wins; ties broken by arm so the result does not depend on input order.
    if (exposure.at < first.at || (exposure.at === first.at && exposure.arm < first.arm))
      seen.exposure = exposure;
  }

  const cohorts: UnitCohort[] = [];
  for (const key of [...units.keys()].sort()) {
    const { unit, first } = units.get(key)!;
    const windowMs = options.windowMs(unit);
    const primary = options.primaryOutcome(unit);
    const members: CohortMember[] = [];
    let crossovers = 0;
    let immature = 0;
    for (const memberKey of [...first.keys()].sort()) {
      const { exposure, crossed } = first.get(memberKey)!;
      if (crossed) crossovers += 1;
      const windowEnd = exposure.at + windowMs;
      if (windowEnd > options.asOfMs) {
        immature += 1;
        continue;
      }
      members.push(
        memberOf(
          exposure,
          windowEnd,
          primary,
          options.preMs,
          outcomesOf.get(memberKey) ?? [],
          signalsOf.get(memberKey) ?? [],
          windowMs,
        ),
      );
    }
    cohorts.push({ unit, members, crossovers, immature });
  }
  return cohorts;
}

function memberOf(
  exposure: Exposure,
  windowEnd: number,
  primary: OutcomeType,
  preMs: number,
  outcomes: readonly MemberOutcome[],
  signals: readonly ContactSignal[],
  windowMs: number,
): CohortMember {
  const start = exposure.at;
  let conversions = 0;
  let revenueMinor = 0;
  let profitMinor = 0;
  let preRevenueMinor = 0;
  let firstStep: number | null = null;
  let meeting = false;
  let won = false;
  for (const outcome of outcomes) {
    if (outcome.at >= start - preMs && outcome.at < start) {
      if (REVENUE_OUTCOMES.has(outcome.type)) preRevenueMinor += outcome.amountMinor;
      continue;
    }
    // The window is [exposure, exposure + window): the outcome must follow the exposure.
    if (outcome.at < start || outcome.at >= windowEnd) continue;
    if (outcome.type === primary) conversions += 1;
    if (REVENUE_OUTCOMES.has(outcome.type)) {
      revenueMinor += outcome.amountMinor;
      profitMinor += outcome.profitMinor;
    }
    if (PROGRESSION_OUTCOMES.has(outcome.type) && firstStep === null) firstStep = outcome.at;
    if (outcome.type === 'meeting_booked') meeting = true;
    if (outcome.type === 'closed_won') won = true;
  }
  const inWindow = (kind: ContactSignal['kind']) =>
    signals.some((s) => s.kind === kind && s.at >= start && s.at < windowEnd);
  return {
    unit: exposure.unit,
    memberKey: exposure.memberKey,
    arm: exposure.arm,
    exposedAt: start,
    windowEnd,
    variant: exposure.variant,
    converted: conversions > 0,
    conversions,
    revenueMinor,
    profitMinor,
    preRevenueMinor,
    progressed: firstStep !== null,
    daysToNextStep: firstStep === null ? null : (firstStep - start) / DAY_MS,
    optedOut: inWindow('opt_out'),
    engaged: inWindow('engaged'),
    // An email in the window around the exposure: this member is one of the email program's recipients.
    emailed: signals.some((s) => s.kind === 'email' && s.at >= start - windowMs && s.at < windowEnd),
    meeting,
    won,
  };
}
