// Attribution engine bench: a seeded synthetic lake (touches, outcomes, contacts, accounts),
// the TypeScript engine's wall time, rows/s and peak RSS. The DuckDB twin joins this later
// over the same rows (`syntheticTouches` / `syntheticOutcomes` regenerate them identically).
//   npx tsx test/bench/attribution.ts --touches 1000000 [--outcomes N --contacts N --accounts N --seed S]
import { pathToFileURL } from 'node:url';
import { attributeBatches } from '../../shared/attribution/attribute.js';
import { AttributionEngine } from '../../shared/attribution/engine.js';
import type { Outcome, OutcomeType, Touch } from '../../shared/attribution/model.js';
import { DAY_MS, DEFAULT_ATTRIBUTION_RULES, maxLookbackMs } from '../../shared/attribution/rules.js';
import { TouchIndexBuilder } from '../../shared/attribution/touchIndex.js';
import { mulberry32 } from '../support/mulberry32.js';

export interface AttributionBenchSizes {
  touches: number;
  /** Default touches / 20. */
  outcomes?: number;
  /** Default touches / 10. */
  contacts?: number;
  /** Default contacts / 10. */
  accounts?: number;
  seed?: number;
}

interface ResolvedSizes {
  touches: number;
  outcomes: number;
  contacts: number;
  accounts: number;
  seed: number;
}

export function resolveSizes(sizes: AttributionBenchSizes): ResolvedSizes {
  const contacts = sizes.contacts ?? Math.max(1, Math.round(sizes.touches / 10));
  return {
    touches: sizes.touches,
    outcomes: sizes.outcomes ?? Math.max(1, Math.round(sizes.touches / 20)),
    contacts,
    accounts: sizes.accounts ?? Math.max(1, Math.round(contacts / 10)),
    seed: sizes.seed ?? 20_260_101,
  };
}

const START_MS = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 365;
const CAMPAIGNS = 300;
const WORKFLOWS = 40;

const contactId = (c: number) => `c${c}`;
export const accountOfContact = (c: number, accounts: number) =>
  `a${(Math.imul(c, 2_654_435_761) >>> 0) % accounts}`;

/** Contact -> account map of the synthetic CRM. */
export function syntheticContactAccounts(sizes: AttributionBenchSizes): Map<string, string> {
  const { contacts, accounts } = resolveSizes(sizes);
  const map = new Map<string, string>();
  for (let c = 0; c < contacts; c += 1) map.set(contactId(c), accountOfContact(c, accounts));
  return map;
}

/**
 * Touches, one object at a time (never all in memory): 60% sends, 30% clicks (5% of them
 * bots, some repeated on one message), 10% replies; 70% campaign, 30% flow steps; times to
 * the second so ties happen; 10% carry their account, the rest rely on the contact map.
 */
export function* syntheticTouches(sizes: AttributionBenchSizes): Generator<Touch> {
  const { touches, contacts, accounts, seed } = resolveSizes(sizes);
  const next = mulberry32(seed);
  for (let i = 0; i < touches; i += 1) {
    const c = Math.floor(next() * contacts);
    const at = START_MS + Math.floor(next() * SPAN_DAYS * 86_400) * 1000;
    const roll = next();
    const kind = roll < 0.6 ? 'send' : roll < 0.9 ? 'click' : 'reply';
    const campaign = next() < 0.7;
    const hash = (Math.imul(i + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
    yield {
      touchEventId: `evt_${hash}${i.toString(16).padStart(24, '0')}`,
      contactId: contactId(c),
      accountId: next() < 0.1 ? accountOfContact(c, accounts) : null,
      channel: next() < 0.8 ? 'sms' : 'email',
      kind,
      at,
      programId: campaign ? 'growth' : 'lifecycle',
      campaignId: campaign ? `cmp${Math.floor(next() * CAMPAIGNS)}` : null,
      workflowId: campaign ? null : `wf${Math.floor(next() * WORKFLOWS)}`,
      step: campaign ? null : Math.floor(next() * 5),
      messageId: kind === 'click' ? `m-${c}-${Math.floor(next() * 4)}` : `m-${i}`,
      bot: kind === 'click' && next() < 0.05,
    };
  }
}

const OUTCOME_MIX: [OutcomeType, number][] = [
  ['order', 0.4],
  ['meeting_booked', 0.15],
  ['lead_qualified', 0.1],
  ['opportunity_created', 0.1],
  ['stage_changed', 0.1],
  ['closed_won', 0.1],
  ['renewal', 0.05],
];

function pick<T>(mix: [T, number][], roll: number): T {
  let left = roll;
  for (const [value, share] of mix) {
    left -= share;
    if (left < 0) return value;
  }
  return mix[mix.length - 1]![0];
}

/** Outcomes: orders and meetings per contact, opportunities and renewals per account; USD, EUR, JPY. */
export function syntheticOutcomes(sizes: AttributionBenchSizes): Outcome[] {
  const { outcomes, contacts, accounts, seed } = resolveSizes(sizes);
  const next = mulberry32(seed ^ 0x5bd1e995);
  const result: Outcome[] = [];
  for (let i = 0; i < outcomes; i += 1) {
    const type = pick(OUTCOME_MIX, next());
    const c = Math.floor(next() * contacts);
    const at = START_MS + Math.floor(next() * SPAN_DAYS * 86_400) * 1000;
    const account = ['opportunity_created', 'stage_changed', 'closed_won', 'renewal'].includes(type);
    const hasAmount = type !== 'meeting_booked' && type !== 'lead_qualified' && type !== 'stage_changed';
    const currencyRoll = next();
    const currency = currencyRoll < 0.8 ? 'USD' : currencyRoll < 0.95 ? 'EUR' : 'JPY';
    result.push({
      outcomeId: `out-${i}`,
      outcomeType: type,
      at,
      contactId: contactId(c),
      accountId: account ? accountOfContact(c, accounts) : null,
      level: account ? 'account' : 'contact',
      amountMinor: hasAmount ? Math.floor(next() * (account ? 50_000_000 : 30_000)) + 100 : null,
      currency: hasAmount ? currency : null,
      milestones:
        type === 'closed_won'
          ? {
              leadCreatedAt: at - Math.floor((30 + next() * 90) * DAY_MS),
              opportunityCreatedAt: at - Math.floor((5 + next() * 55) * DAY_MS),
            }
          : null,
    });
  }
  return result;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const seconds = (ms: number) => Math.round(ms) / 1000;

/** Builds the index from the synthetic rows, attributes every outcome under every model, and flags them. */
export function benchAttributionTs(sizes: AttributionBenchSizes) {
  const resolved = resolveSizes(sizes);
  const rules = DEFAULT_ATTRIBUTION_RULES;
  const outcomes = syntheticOutcomes(resolved);
  const contactAccounts = syntheticContactAccounts(resolved);

  // The rows' own creation cost (what a Parquet reader would pay) is measured apart.
  let t0 = performance.now();
  let generated = 0;
  for (const _touch of syntheticTouches(resolved)) generated += 1;
  const generateMs = performance.now() - t0;

  t0 = performance.now();
  const builder = new TouchIndexBuilder({ expectedTouches: resolved.touches });
  for (const touch of syntheticTouches(resolved)) builder.add(touch);
  const index = builder.build(contactAccounts);
  const indexMs = performance.now() - t0 - generateMs;

  t0 = performance.now();
  let creditRows = 0;
  let creditSum = 0;
  let amountSum = 0;
  for (const batch of attributeBatches(outcomes, index, rules)) {
    creditRows += batch.length;
    for (let i = 0; i < batch.length; i += 1) {
      creditSum += batch.credit[i]!;
      amountSum += batch.creditedAmountMinor[i] ?? 0;
    }
  }
  const attributeMs = performance.now() - t0;

  t0 = performance.now();
  const engine = new AttributionEngine(index, rules);
  let influenced = 0;
  let sourced = 0;
  for (const outcome of outcomes) {
    const flags = engine.flags(outcome);
    if (flags.influenced) influenced += 1;
    if (flags.sourced) sourced += 1;
  }
  const flagsMs = performance.now() - t0;

  const engineMs = indexMs + attributeMs + flagsMs;
  return {
    engine: 'typescript',
    sizes: resolved,
    rulesVersion: rules.version,
    lookbackDays: maxLookbackMs(rules) / DAY_MS,
    rows: {
      touchesGenerated: generated,
      touchesIndexed: index.size,
      skipped: index.skipped,
      outcomes: outcomes.length,
      influenced,
      sourced,
      creditRows,
      creditSum: Math.round(creditSum * 1e6) / 1e6,
      creditedAmountSum: amountSum,
    },
    seconds: {
      generateRows: seconds(generateMs),
      index: seconds(indexMs),
      attribute: seconds(attributeMs),
      flags: seconds(flagsMs),
      engine: seconds(engineMs),
    },
    rowsPerSecond: {
      touchesIndexed: Math.round(resolved.touches / (indexMs / 1000)),
      creditRowsWritten: Math.round(creditRows / (attributeMs / 1000)),
      touchesEndToEnd: Math.round(resolved.touches / (engineMs / 1000)),
    },
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMb: mb(process.memoryUsage().heapUsed),
    node: process.version,
  };
}

function argValue(args: string[], name: string): number | undefined {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const result = benchAttributionTs({
    touches: argValue(args, 'touches') ?? 1_000_000,
    outcomes: argValue(args, 'outcomes'),
    contacts: argValue(args, 'contacts'),
    accounts: argValue(args, 'accounts'),
    seed: argValue(args, 'seed'),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
