import {
  BOT_USER_AGENTS,
  DELIVERY_FAILURE_CODES,
  HUMAN_USER_AGENTS,
  type JourneySpec,
  OPT_OUT_TEXTS,
  optOutProbability,
  REPLY_INTENTS,
  type ReplyIntent,
  VARIANT_EFFECT,
} from './catalog.js';
import { Rng } from './random.js';
import { DAY_MS, journeyOf, logNormal, type SimContact, type SimWorld } from './world.js';

const MINUTE_MS = 60_000;

/** Share of messages the carrier does not deliver (duplicates: SimWorld.duplicateRate). */
export const DELIVERY_FAILURE_RATE = 0.03;

/** What a contact does with one delivered (or failed) message; every draw is made, in a fixed order. */
export interface MessageFate {
  /** Undefined: delivered. */
  failureCode?: string;
  /** A link-preview scanner opens the link right away (contacts whose phone previews links). */
  botClick?: { userAgent: string };
  /** The person taps the link this many minutes after the send. */
  humanClick?: { afterMinutes: number; userAgent: string };
  reply?: { afterMinutes: number; intent: ReplyIntent; text: string; duplicate: boolean };
  optOut?: { afterMinutes: number; text: string; duplicate: boolean };
}

/**
 * The fate of step `step` for a contact who has received `receivedLast30Days` messages before
 * it. Pure: the same contact, step and history give the same fate. The opt-out chance rises
 * with frequency (catalog.optOutProbability); an opting-out contact neither clicks nor replies.
 */
export function messageFate(
  world: SimWorld,
  contact: SimContact,
  step: number,
  receivedLast30Days: number,
): MessageFate {
  const journey = journeyOf(world, contact);
  const rng = new Rng(`${world.seed}|${contact.contactId}|step${step}`);
  const failed = rng.next() < DELIVERY_FAILURE_RATE;
  const failureCode = rng.pick(DELIVERY_FAILURE_CODES);
  const optOut = rng.next() < optOutProbability(journey, receivedLast30Days);
  const personalized = contact.variant === 'personalized' ? 1.3 : 1;
  const clicks = rng.next() < Math.min(0.95, journey.clickRate * personalized * contact.propensity ** 0.5);
  const replies = rng.next() < journey.replyRate;
  const clickAfter = rng.int(2, 240);
  const replyAfter = rng.int(3, 300);
  const optOutAfter = rng.int(1, 120);
  const intent = rng.weighted(REPLY_INTENTS, (i) => i.weight);
  const replyText = rng.pick(intent.texts);
  const optOutText = rng.pick(OPT_OUT_TEXTS);
  const humanAgent = rng.pick(HUMAN_USER_AGENTS);
  const botAgent = rng.pick(BOT_USER_AGENTS);
  const replyDuplicate = rng.next() < world.duplicateRate;
  const optOutDuplicate = rng.next() < world.duplicateRate;
  if (failed) return { failureCode };
  const fate: MessageFate = {};
  if (contact.previewsLinks) fate.botClick = { userAgent: botAgent };
  if (optOut) {
    fate.optOut = { afterMinutes: optOutAfter, text: optOutText, duplicate: optOutDuplicate };
    return fate;
  }
  if (clicks) fate.humanClick = { afterMinutes: clickAfter, userAgent: humanAgent };
  if (replies)
    fate.reply = {
      afterMinutes: replyAfter,
      intent: intent.intent,
      text: replyText,
      duplicate: replyDuplicate,
    };
  return fate;
}

export type Arm = 'treated' | 'holdout' | 'none';

/** A contact's outcome for their journey given the arm the send gate put them in. */
export interface SimOutcome {
  contactIndex: number;
  journeyId: string;
  arm: Arm;
  /** Probability of converting in this arm (base x propensity, plus the variant's effect if treated). */
  probability: number;
  converted: boolean;
  /** When it happens; `realized` is false when that is after the world ends (not posted). */
  at: number;
  realized: boolean;
  revenueMinor: number;
  marginMinor: number;
  discountMinor: number;
  /** The CRM posts this outcome's webhook twice. */
  duplicate: boolean;
}

/**
 * Conversion for one contact. Common random numbers: the same uniform decides treated and
 * holdout, so the arm changes only the probability (by exactly the planted effect).
 */
export function outcomeFor(world: SimWorld, contact: SimContact, arm: Arm, exposedAt: number): SimOutcome {
  const journey = journeyOf(world, contact);
  const rng = new Rng(`${world.seed}|${contact.contactId}|outcome`);
  const u = rng.next();
  const delay = 2 * 3_600_000 + rng.next() * (journey.windowDays * DAY_MS - 2 * 3_600_000);
  const value = journey.meanValueMinor > 0 ? Math.round(journey.meanValueMinor * logNormal(rng, 0.6)) : 0;
  const duplicate = rng.next() < world.duplicateRate;
  const probability =
    journey.baseRate * contact.propensity + (arm === 'treated' ? plantedEffect(journey, contact) : 0);
  const converted = u < probability;
  const at = Math.floor((exposedAt + delay) / MINUTE_MS) * MINUTE_MS;
  const margin = Math.round(value * journey.marginShare);
  const discount = arm === 'treated' ? Math.round(value * journey.discountShare) : 0;
  return {
    contactIndex: contact.index,
    journeyId: journey.id,
    arm,
    probability,
    converted,
    at,
    realized: converted && at < world.end,
    revenueMinor: converted ? value - discount : 0,
    marginMinor: converted ? margin - discount : 0,
    discountMinor: converted ? discount : 0,
    duplicate,
  };
}

/** The planted absolute lift for this contact's variant. */
export function plantedEffect(journey: JourneySpec, contact: Pick<SimContact, 'variant'>): number {
  return journey.effect * VARIANT_EFFECT[contact.variant];
}

export { MINUTE_MS };
