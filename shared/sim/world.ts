import { type HoldoutConfig, isHeldOut } from '../governance/holdout.js';
import { type JourneySpec, SIM_JOURNEYS, VARIANTS, type Variant } from './catalog.js';
import { localTimeToUtc, PLACES, phoneFor } from './places.js';
import { hash32, Rng } from './random.js';

export const DAY_MS = 86_400_000;

export type Tier = 'enterprise' | 'mid-market' | 'smb';

/**
 * The holdouts of the simulated programs, as config/example.json declares them (a test checks).
 * They run as lift tests (40% held out), not always-on holdouts (5–10%, as program `demo`): a
 * laptop-sized month then gives every workflow enough held-out contacts for an interval.
 */
export const SIM_PROGRAM_HOLDOUTS: Readonly<Record<string, HoldoutConfig>> = {
  lifecycle: { rate: 0.4, salt: 'lifecycle-sim-2026' },
  commerce: { rate: 0.4, salt: 'commerce-sim-2026' },
  newsletter: { rate: 0.4, salt: 'newsletter-sim-2026' },
};

/** CRM owners: the two the example config routes alerts to, and two without Slack routing. */
export const SIM_OWNERS = ['hubspot:owner:7001', 'hubspot:owner:7002', 'sim:owner:8001', 'sim:owner:8002'];

export interface WorldOptions {
  seed: string | number;
  contacts: number;
  days: number;
  /** First simulated instant; UTC midnight is expected (it is floored to it). */
  start: Date | string | number;
  /** Program id -> the send gate's holdout (rate, salt). @default SIM_PROGRAM_HOLDOUTS */
  holdouts?: Readonly<Record<string, HoldoutConfig>>;
  /** The journeys to run. @default SIM_JOURNEYS */
  journeys?: readonly JourneySpec[];
  /** Share of webhooks (replies, STOPs, outcomes) the sender posts twice. @default 0.05 */
  duplicateRate?: number;
}

export interface SimAccount {
  accountId: string;
  name: string;
  tier: Tier;
  ownerId: string;
}

export interface SimStep {
  /** Step number, 0-based as the lake's `step` column is. */
  step: number;
  /** When the send is requested (epoch ms, inside the recipient's 10:00–19:00). */
  at: number;
}

export interface SimOrder {
  orderId: string;
  at: number;
  revenueMinor: number;
  marginMinor: number;
}

export interface SimContact {
  index: number;
  contactId: string;
  accountId: string;
  ownerId: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  timeZone: string;
  country: string;
  journeyId: string;
  variant: Variant;
  /** Day (from start) the contact entered the journey. */
  enrollDay: number;
  /** Multiplies the journey's base conversion rate (mean about 1); correlates with pre-period revenue. */
  propensity: number;
  /** Their phone's messaging app previews links: every delivered link also gets a scanner click. */
  previewsLinks: boolean;
  /** The system's own holdout assignment for the journey's program (shared/governance/holdout.ts). */
  heldOut: boolean;
  steps: SimStep[];
  /** Orders in the 90 days before the start (pre-period, for CUPED and LTV). */
  priorOrders: SimOrder[];
  priorRevenueMinor: number;
}

export interface SimDealMove {
  at: number;
  kind: 'stage' | 'won' | 'lost';
  from: string;
  to: string;
}

export interface SimDeal {
  opportunityId: string;
  accountId: string;
  ownerId: string;
  amountMinor: number;
  createdAt: number;
  moves: SimDealMove[];
}

export interface SimWorld {
  seed: string;
  options: { seed: string; contacts: number; days: number; start: string };
  start: number;
  end: number;
  journeys: readonly JourneySpec[];
  holdouts: Readonly<Record<string, HoldoutConfig>>;
  duplicateRate: number;
  accounts: SimAccount[];
  contacts: SimContact[];
  deals: SimDeal[];
  /** Contacts (indexes) per journey id. */
  members: Record<string, number[]>;
}

const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jo',
  'Kemal',
  'Lena',
  'Maya',
  'Noor',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vic',
  'Wen',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Alvarez',
  'Brooks',
  'Chen',
  'Dubois',
  'Eze',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Patel',
  'Rossi',
  'Silva',
  'Tanaka',
  'Walsh',
];
const COMPANY_WORDS = [
  'Northwind',
  'Bluebird',
  'Granite',
  'Harbor',
  'Juniper',
  'Keystone',
  'Lumen',
  'Maple',
  'Orbit',
  'Pioneer',
  'Quarry',
  'Summit',
];

const TIERS: ReadonlyArray<{ tier: Tier; weight: number; dealChance: number; dealMinor: number }> = [
  { tier: 'enterprise', weight: 1, dealChance: 0.6, dealMinor: 6_000_000 },
  { tier: 'mid-market', weight: 3, dealChance: 0.4, dealMinor: 1_500_000 },
  { tier: 'smb', weight: 6, dealChance: 0.2, dealMinor: 300_000 },
];

/** Pipeline stages (HubSpot's default ids) and the chance a deal moves on from each. */
export const PIPELINE: ReadonlyArray<{ stage: string; advance: number }> = [
  { stage: 'appointmentscheduled', advance: 0.6 },
  { stage: 'qualifiedtobuy', advance: 0.5 },
  { stage: 'presentationscheduled', advance: 0.45 },
  { stage: 'decisionmakerboughtin', advance: 0.6 },
  { stage: 'contractsent', advance: 0.7 },
];

const CONTACTS_PER_ACCOUNT = 6;
const PREVIEW_SHARE = 0.12;

/** A positive multiplier with mean about 1: exp(sigma z - sigma^2 / 2). */
export function logNormal(rng: Rng, sigma: number): number {
  return Math.exp(sigma * rng.normal() - (sigma * sigma) / 2);
}

/** The highest propensity that keeps base x propensity + the largest variant effect below 0.98. */
export function propensityCeiling(journey: JourneySpec): number {
  return journey.baseRate > 0 ? (0.98 - journey.effect * 1.25) / journey.baseRate : 10;
}

function utcMidnight(start: Date | string | number): number {
  const at =
    typeof start === 'string' ? Date.parse(start) : typeof start === 'number' ? start : start.getTime();
  if (Number.isNaN(at)) throw new RangeError(`start is not a date: ${String(start)}`);
  return Math.floor(at / DAY_MS) * DAY_MS;
}

function stepsFor(
  journey: JourneySpec,
  enrollDay: number,
  timeZone: string,
  rng: Rng,
  world: { start: number; end: number; days: number },
): SimStep[] {
  const steps: SimStep[] = [];
  for (const [i, offset] of journey.stepDays.entries()) {
    const day = enrollDay + offset;
    // Local 10:00–18:59: inside every program's quiet-hours window with margin.
    const minute = rng.int(600, 1139);
    if (day >= world.days) continue;
    let at = localTimeToUtc(world.start + day * DAY_MS, minute, timeZone);
    // Far-east zones: 10:00 local on the first day can fall before the start; send a day later.
    if (at < world.start) at += DAY_MS;
    if (at >= world.end) continue;
    steps.push({ step: i, at });
  }
  return steps;
}

/**
 * A whole world from a seed: pure, deterministic, no I/O. Same options, same world, byte for
 * byte; a 20k-contact world takes well under a second.
 */
export function generateWorld(options: WorldOptions): SimWorld {
  const seed = String(options.seed);
  const journeys = options.journeys ?? SIM_JOURNEYS;
  const holdouts = options.holdouts ?? SIM_PROGRAM_HOLDOUTS;
  const start = utcMidnight(options.start);
  const end = start + options.days * DAY_MS;
  const frame = { start, end, days: options.days };
  const rng = new Rng(`world|${seed}`);
  const tag = (hash32(seed) % 1_000_000).toString(36);
  const phoneOffset = hash32(seed, 7) % 1_000_000;

  const accountCount = Math.max(1, Math.ceil(options.contacts / CONTACTS_PER_ACCOUNT));
  const accounts: SimAccount[] = [];
  const deals: SimDeal[] = [];
  for (let i = 0; i < accountCount; i += 1) {
    const tier = rng.weighted(TIERS, (t) => t.weight);
    const account: SimAccount = {
      accountId: `sim-${tag}-a${i}`,
      name: `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_WORDS)} ${i}`,
      tier: tier.tier,
      ownerId: rng.pick(SIM_OWNERS),
    };
    accounts.push(account);
    if (!rng.chance(tier.dealChance)) continue;
    const createdAt =
      start + rng.int(0, Math.max(0, options.days - 1)) * DAY_MS + rng.int(14, 22) * 3_600_000;
    const moves: SimDealMove[] = [];
    let at = createdAt;
    let index = 0;
    for (;;) {
      at += rng.int(2, 8) * DAY_MS + rng.int(0, 8) * 3_600_000;
      if (at >= end) break;
      const from = PIPELINE[index]!;
      if (!rng.chance(from.advance)) {
        // Deals that do not move on are lost about half the time, otherwise they stall.
        if (rng.chance(0.5)) moves.push({ at, kind: 'lost', from: from.stage, to: 'closedlost' });
        break;
      }
      index += 1;
      const next = PIPELINE[index];
      if (!next) {
        moves.push({ at, kind: 'won', from: from.stage, to: 'closedwon' });
        break;
      }
      moves.push({ at, kind: 'stage', from: from.stage, to: next.stage });
    }
    deals.push({
      opportunityId: `sim-${tag}-d${i}`,
      accountId: account.accountId,
      ownerId: account.ownerId,
      amountMinor: Math.round((tier.dealMinor * logNormal(rng, 0.4)) / 100) * 100,
      createdAt,
      moves,
    });
  }

  const members: Record<string, number[]> = Object.fromEntries(journeys.map((j) => [j.id, []]));
  const contacts: SimContact[] = [];
  for (let index = 0; index < options.contacts; index += 1) {
    const place = rng.weighted(PLACES, (p) => p.weight);
    const journey = rng.weighted(journeys, (j) => j.weight);
    const account = accounts[Math.floor(rng.next() * accountCount)]!;
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const lastStepDay = journey.stepDays[journey.stepDays.length - 1] ?? 0;
    const latestEnroll = Math.max(0, options.days - lastStepDay - journey.windowDays - 1);
    const enrollDay = journey.fixedEnrollDay ?? rng.int(0, latestEnroll);
    const propensity = Math.min(propensityCeiling(journey), Math.max(0.2, logNormal(rng, 0.45)));
    const variant = VARIANTS[rng.int(0, VARIANTS.length - 1)]!;
    const previewsLinks = rng.chance(PREVIEW_SHARE);
    const contactId = `sim-${tag}-c${index}`;
    const phone = phoneFor(place, index, phoneOffset);
    const priorOrders: SimOrder[] = [];
    // Pre-period buying follows the same propensity, so CUPED has something to work with.
    const priorCount = rng.chance(Math.min(0.9, 0.35 * propensity)) ? rng.int(1, 3) : 0;
    for (let o = 0; o < priorCount; o += 1) {
      const revenueMinor = Math.round(5_000 * propensity * logNormal(rng, 0.5));
      priorOrders.push({
        orderId: `${contactId}-p${o}`,
        at: start - rng.int(1, 90) * DAY_MS + rng.int(9, 20) * 3_600_000,
        revenueMinor,
        marginMinor: Math.round(revenueMinor * 0.45),
      });
    }
    const contact: SimContact = {
      index,
      contactId,
      accountId: account.accountId,
      ownerId: account.ownerId,
      firstName,
      lastName,
      phone,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}.${tag}${index}@sim.example.com`,
      timeZone: place.timeZone,
      country: place.country,
      journeyId: journey.id,
      variant,
      enrollDay,
      propensity,
      previewsLinks,
      heldOut: isHeldOut(holdouts[journey.programId] ?? { rate: 0, salt: 'none' }, phone),
      steps: stepsFor(journey, enrollDay, place.timeZone, rng, frame),
      priorOrders,
      priorRevenueMinor: priorOrders.reduce((sum, o) => sum + o.revenueMinor, 0),
    };
    contacts.push(contact);
    members[journey.id]!.push(index);
  }
  return {
    seed,
    options: { seed, contacts: options.contacts, days: options.days, start: new Date(start).toISOString() },
    start,
    end,
    journeys,
    holdouts,
    duplicateRate: options.duplicateRate ?? 0.05,
    accounts,
    contacts,
    deals,
    members,
  };
}

export function journeyOf(world: SimWorld, contact: SimContact): JourneySpec {
  const journey = world.journeys.find((j) => j.id === contact.journeyId);
  if (!journey) throw new Error(`unknown journey ${contact.journeyId}`);
  return journey;
}
