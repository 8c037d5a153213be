import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appConfig } from '../../../../shared/config/runtimeConfig.js';
import type { HoldoutConfig } from '../../../../shared/governance/holdout.js';
import { setSimulatedTime } from '../../../../shared/runtime/clock.js';
import { type JourneySpec, SIM_JOURNEYS } from '../../../../shared/sim/catalog.js';
import { type TruthFile, TruthLedger } from '../../../../shared/sim/truth.js';
import { DAY_MS, generateWorld, journeyOf } from '../../../../shared/sim/world.js';
import type { LocalStack } from '../../localStack.js';
import {
  accountItem,
  appointmentBookedItem,
  contactItem,
  dealCreatedItem,
  dealMoveItem,
  type GenericItem,
  priorOrderItem,
} from './crmEvents.js';
import { digestItems } from './digest.js';
import { StackDoors } from './doors.js';
import { type DayCounts, type Task, worldMessaging } from './messaging.js';
import { runLimited, Timeline } from './timeline.js';

/**
 * Runs a simulated world through the local stack's public doors on a simulated clock:
 * the send API (the gate; the fake vendor accepts and posts signed delivery callbacks, failures
 * included), tracked links and their redirect (people and link-preview scanners), signed Twilio
 * inbound SMS (replies, STOP), and signed generic CRM/email webhooks (accounts, contacts, deals,
 * orders, renewals, meetings, the weekly digest). Time moves in buckets: the clock is set to a
 * bucket's start and its actions run concurrently; queues are drained at each simulated day's
 * end (and before a send to someone whose STOP is still in flight), so consent is in force.
 * What the stack answered is counted into DATA_DIR/sim/truth.json.
 */
export interface SimRunOptions {
  seed?: string | number;
  /** @default 600 (DEFAULT_SIM) */
  contacts?: number;
  /** @default 30 */
  days?: number;
  /** First simulated day (UTC midnight). @default `days` days before today (UTC) */
  start?: Date | string | number;
  /** Actions within one bucket share an instant and run concurrently. @default 15 */
  bucketMinutes?: number;
  /** Requests in flight within a bucket. @default 8 */
  concurrency?: number;
  /** @default DATA_DIR/sim/truth.json (the stack's data dir) */
  truthFile?: string;
  /** Share of replies, STOPs and outcome webhooks posted twice. @default 0.05 */
  duplicateRate?: number;
}

export interface SimRunSummary {
  seed: string;
  contacts: number;
  days: number;
  start: string;
  seconds: number;
  truthFile: string;
  requests: number;
  refused: number;
  duplicatePosts: number;
  errors: string[];
  truth: TruthFile;
}

const CRM_CHUNK = 200;
const HOUR_MS = 3_600_000;

// Sized so the world takes about a minute on a quiet 2-core machine: every request costs the
// in-process stack ~15 ms of CPU, and the simulated programs hold 40% out (ghost exposures are
// cheap), which gives each workflow enough held-out contacts for a lift interval.
// SIM_CONTACTS grows it.
export const DEFAULT_SIM = { seed: 'acme-2026', contacts: 1500, days: 30 } as const;

/**
 * `npm start`'s world from the environment: SIM_SEED, SIM_CONTACTS, SIM_DAYS (defaults above),
 * so a developer can grow or shrink the demo without code.
 */
export function simOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SimRunOptions {
  const positive = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return {
    ...(env.SIM_SEED ? { seed: env.SIM_SEED } : {}),
    ...(positive('SIM_CONTACTS') ? { contacts: positive('SIM_CONTACTS') } : {}),
    ...(positive('SIM_DAYS') ? { days: positive('SIM_DAYS') } : {}),
  };
}

function defaultStart(days: number): number {
  return Math.floor(Date.now() / DAY_MS) * DAY_MS - days * DAY_MS;
}

function holdoutsFromConfig(journeys: readonly JourneySpec[]): Record<string, HoldoutConfig> {
  const config = appConfig();
  const holdouts: Record<string, HoldoutConfig> = {};
  for (const journey of journeys) {
    const program = config.programs[journey.programId];
    const declared =
      journey.kind === 'flow' ? program?.workflows[journey.id] : program?.campaigns[journey.id];
    if (!program || !declared) {
      throw new Error(
        `the simulated world needs ${journey.kind} "${journey.id}" in program "${journey.programId}" of the config`,
      );
    }
    holdouts[journey.programId] = program.holdout;
  }
  return holdouts;
}

export async function runSimulatedWorld(
  stack: LocalStack,
  options: SimRunOptions = {},
  print: (line: string) => void = () => {},
): Promise<SimRunSummary> {
  const started = performance.now();
  const days = options.days ?? DEFAULT_SIM.days;
  const seed = String(options.seed ?? DEFAULT_SIM.seed);
  const world = generateWorld({
    seed,
    contacts: options.contacts ?? DEFAULT_SIM.contacts,
    days,
    start: options.start ?? defaultStart(days),
    holdouts: holdoutsFromConfig(SIM_JOURNEYS),
    duplicateRate: options.duplicateRate,
  });
  const bucketMs = (options.bucketMinutes ?? 15) * 60_000;
  const concurrency = options.concurrency ?? 8;
  const truthFile = options.truthFile ?? join(stack.dataDir, 'sim', 'truth.json');
  const doors = new StackDoors(stack);
  const ledger = new TruthLedger(world);
  const timeline = new Timeline<Task>(bucketMs);
  const optOutsInFlight = new Set<number>();
  let currentBucket = world.start;
  let settleMs = 0;
  const settle = async () => {
    const began = performance.now();
    await stack.settle();
    settleMs += performance.now() - began;
  };
  const day: DayCounts = {
    sends: 0,
    delivered: 0,
    failed: 0,
    holdout: 0,
    otherSuppressed: 0,
    clicks: 0,
    replies: 0,
    optOuts: 0,
    crm: 0,
  };

  print(
    `Simulated world: seed ${seed}, ${world.contacts.length} contacts, ${world.accounts.length} accounts, ${world.deals.length} deals, ${days} days from ${world.options.start.slice(0, 10)}`,
  );

  const crm = (at: number, item: GenericItem, duplicate = false) =>
    timeline.add(at, { run: async () => {}, crm: item, duplicate });
  const messaging = worldMessaging({
    world,
    config: appConfig(),
    doors,
    ledger,
    timeline,
    day,
    optOutsInFlight,
    now: () => currentBucket,
    scheduleCrm: crm,
  });
  stack.setDeliveryFate(messaging.deliveryFate);

  // Everything the world will do, on the timeline.
  for (const deal of world.deals) {
    crm(deal.createdAt, dealCreatedItem(deal));
    for (const move of deal.moves) crm(move.at, dealMoveItem(deal, move));
  }
  for (const contact of world.contacts) {
    const journey = journeyOf(world, contact);
    const first = contact.steps[0];
    if (first && journey.outcome === 'meeting_attended')
      crm(first.at - HOUR_MS, appointmentBookedItem(contact, first.at - HOUR_MS));
    for (const step of contact.steps) {
      timeline.add(step.at, { run: messaging.sendStep(contact, journey, step.step), sendTo: contact.index });
    }
  }
  for (const { at, item } of digestItems(world)) timeline.add(at, { run: async () => {}, email: item });

  // Day 0: the CRM knows every account and contact (with zone and owner) and past orders.
  setSimulatedTime(new Date(world.start));
  stack.pauseSchedules(true);
  try {
    const setup: GenericItem[] = [
      ...world.accounts.map((a) => accountItem(a, world.start)),
      ...world.contacts.map((c) => contactItem(c, world.start)),
      ...world.contacts.flatMap((c) => c.priorOrders.map((o) => priorOrderItem(c, o))),
    ];
    await postGeneric(doors, 'crm', setup, concurrency);
    ledger.extra.crmEvents += setup.length;
    await stack.settle();
    print(`  day 0 setup: ${setup.length} CRM events (accounts, contacts, prior orders)`);

    let dayEnd = world.start + DAY_MS;
    let dayStarted = performance.now();
    const closeDay = async () => {
      await settle();
      optOutsInFlight.clear();
      const index = Math.round((dayEnd - world.start) / DAY_MS);
      print(
        `  day ${String(index).padStart(2)}/${days} ${new Date(dayEnd - DAY_MS).toISOString().slice(0, 10)}: ` +
          `${day.sends} sent, ${day.delivered} delivered, ${day.failed} failed, ${day.holdout} held out, ` +
          `${day.otherSuppressed} capped/other, ${day.clicks} human clicks, ${day.replies} replies, ` +
          `${day.optOuts} opt-outs, ${day.crm} CRM/email events (${((performance.now() - dayStarted) / 1000).toFixed(1)} s)`,
      );
      for (const k of Object.keys(day) as Array<keyof typeof day>) day[k] = 0;
      dayStarted = performance.now();
      dayEnd += DAY_MS;
    };
    for (;;) {
      const nextAt = timeline.peek();
      if (nextAt === undefined || nextAt >= world.end) break;
      while (nextAt >= dayEnd) await closeDay();
      const bucket = timeline.take()!;
      currentBucket = bucket.at;
      // A STOP still in the queues must be in force before the next send to that contact.
      if (bucket.actions.some((t) => t.sendTo !== undefined && optOutsInFlight.has(t.sendTo))) {
        await settle();
        optOutsInFlight.clear();
      }
      setSimulatedTime(new Date(bucket.at));
      const crmItems = bucket.actions.filter((t) => t.crm);
      const emailItems = bucket.actions.filter((t) => t.email);
      const posts: Array<() => Promise<void>> = [
        ...chunkPosts(
          doors,
          'crm',
          crmItems.filter((t) => !t.duplicate).map((t) => t.crm!),
        ),
        ...crmItems
          .filter((t) => t.duplicate)
          .map((t) => async () => void (await doors.generic('crm', [t.crm!], true))),
        ...chunkPosts(
          doors,
          'email',
          emailItems.map((t) => t.email!),
        ),
      ];
      ledger.extra.crmEvents += crmItems.length;
      ledger.extra.emailEvents += emailItems.length;
      day.crm += crmItems.length + emailItems.length;
      const others = bucket.actions.filter((t) => !t.crm && !t.email).map((t) => t.run);
      await runLimited([...posts, ...others], concurrency);
    }
    while (dayEnd <= world.end) await closeDay();
  } finally {
    setSimulatedTime(undefined);
    stack.setDeliveryFate(undefined);
    stack.pauseSchedules(false);
  }
  ledger.extra.requests = doors.stats.requests;
  ledger.extra.refused = doors.stats.refused;
  ledger.extra.duplicatePosts = doors.stats.duplicatePosts;
  const truth = ledger.toJSON('infra/local/simulator/world/runWorld.ts');
  mkdirSync(dirname(truthFile), { recursive: true });
  writeFileSync(truthFile, `${JSON.stringify(truth, null, 2)}\n`);
  const seconds = Math.round(performance.now() - started) / 1000;
  print(
    `Simulated world done in ${seconds} s: ${doors.stats.requests} requests (${doors.stats.duplicatePosts} duplicates, ${doors.stats.refused} refused); truth in ${truthFile}`,
  );
  for (const error of doors.stats.errors) print(`  refused: ${error}`);
  print(
    `  time per door: ${Object.entries(doors.stats.timing)
      .map(([door, t]) => `${door} ${t.requests} x ${(t.ms / t.requests).toFixed(0)} ms`)
      .join(', ')}; settling ${(settleMs / 1000).toFixed(1)} s`,
  );
  return {
    seed,
    contacts: world.contacts.length,
    days,
    start: world.options.start,
    seconds,
    truthFile,
    requests: doors.stats.requests,
    refused: doors.stats.refused,
    duplicatePosts: doors.stats.duplicatePosts,
    errors: doors.stats.errors,
    truth,
  };
}

function chunkPosts(doors: StackDoors, family: 'crm' | 'email', items: GenericItem[]) {
  const posts: Array<() => Promise<void>> = [];
  for (let i = 0; i < items.length; i += CRM_CHUNK) {
    const chunk = items.slice(i, i + CRM_CHUNK);
    posts.push(async () => void (await doors.generic(family, chunk)));
  }
  return posts;
}

async function postGeneric(doors: StackDoors, family: 'crm' | 'email', items: GenericItem[], limit: number) {
  await runLimited(chunkPosts(doors, family, items), limit);
}
