// The daily lake jobs (attribution, then scorecards) on a synthetic world, issue 6 item 7: wall
// time and peak memory of each, each in its own node process (max RSS is per process), projected
// to the world (1M contacts, 10M events) and set against Lambda's 15 min / 10 GB.
// `npx tsx test/bench/dailyJobs.ts --size 0.1` runs a tenth of it (100k contacts, 1M events);
// `npm run bench -- --only dailyJobs --size 0.1` runs it inside the bench document.
// Export is not run here (it reads DynamoDB): its lake side is the `lake` section of the bench.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { duckdbLocalSqlRunner } from '../../infra/local/duckdbAthena.js';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { parseConfig } from '../../shared/config/programConfig.js';
import type { LakeTable } from '../../shared/lake/lakeTable.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import {
  consentLedgerTable,
  eventsTable,
  intentAlertsTable,
  sendDecisionsTable,
} from '../../shared/lake/tables/index.js';
import { runScorecardsJob } from '../../shared/scorecards/job/scorecardsJob.js';
import { runSqlScorecards } from '../../shared/scorecards/job/sqlEngine.js';
import { settingsFrom } from '../../shared/scorecards/scorecards.js';
import { mulberry32 } from '../support/mulberry32.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const DAY = 86_400_000;
export const START = Date.UTC(2026, 0, 1);
const LAMBDA = { timeoutSeconds: 900, memoryMb: 10_240 };
const progress = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const peakRssMb = () => mb(process.resourceUsage().maxRSS * 1024);

/** The world at `size` 1: contacts and events. Days of history the lake holds. */
export interface DailyWorld {
  size: number;
  days: number;
  seed: number;
}
export const FULL = { contacts: 1_000_000, events: 10_000_000 };

export const DAILY_WORLD_CONFIG = parseConfig({
  version: 1,
  programs: {
    growth: {
      name: 'Growth',
      from: '+14155550198',
      consent: { required: 'not_opted_out' },
      helpText: 'help',
      campaigns: Object.fromEntries(
        ['promotion', 'win_back', 'cart_recovery'].flatMap((category, c) =>
          Array.from({ length: 10 }, (_, i) => [`cmp${c * 10 + i}`, { category }]),
        ),
      ),
    },
    lifecycle: {
      name: 'Lifecycle',
      from: '+14155550199',
      consent: { required: 'opt_in' },
      helpText: 'help',
      workflows: Object.fromEntries(
        ['onboarding', 'renewal', 'reminder', 'follow_up_nudge'].flatMap((category, c) =>
          Array.from({ length: 5 }, (_, i) => [`wf${c * 5 + i}`, { category }]),
        ),
      ),
    },
  },
  fees: { currency: 'USD', smsPerSegmentMicros: { US: 7900, DEFAULT: 50000 }, mmsPerMessageMicros: {} },
  costs: {
    platformMonthlyMinor: 500_000,
    toolingMonthlyMinor: 100_000,
    labor: { lifecycle: { hoursPerMonth: 80, hourlyRateMinor: 6_000 } },
    defaultMarginRate: 0.35,
  },
});

type Row = Record<string, unknown>;
/** A full row: the given values, null in every other column. */
const full = (table: LakeTable, values: Row): Row =>
  Object.fromEntries(Object.keys(table.columns).map((name) => [name, values[name] ?? null]));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Writes the world day by day (never the whole lake in memory): CRM upserts first, then per
 * message its send (send_decisions + events), delivery (95%), human click (8%), bot click (2%),
 * reply (3% of SMS), opt-out (0.5% of SMS, also in consent_ledger), a holdout ghost per ten
 * messages, and outcomes (orders, opportunities, meetings) of 2% of the messages' recipients.
 */
export async function writeDailyWorld(root: string, world: DailyWorld) {
  const started = performance.now();
  const store = new LocalObjectStore(root);
  const next = mulberry32(world.seed);
  const contacts = Math.round(FULL.contacts * world.size);
  const targetEvents = Math.round(FULL.events * world.size);
  const messages = Math.round((targetEvents - contacts) / 2.17);
  const hash = (kind: string, c: number) => createHash('sha256').update(`${kind}:${c}`).digest('hex');
  const phone = Array.from({ length: contacts }, (_, c) => hash('phone', c));
  const email = Array.from({ length: contacts }, (_, c) => hash('email', c));
  let serial = 0;
  const id = () => {
    serial += 1;
    return `evt_${serial.toString(16).padStart(32, '0')}`;
  };
  // Account tiers, deal stages and reply alerts draw from their own stream, so the messages
  // and outcomes stay the ones earlier runs of this bench measured.
  const extra = mulberry32(world.seed + 1);
  const counts = { events: 0, send_decisions: 0, consent_ledger: 0, intent_alerts: 0 };
  const write = async (table: LakeTable, dt: string, rows: Row[]) => {
    await replacePartition(store, table, dt, rows, 'bench');
    counts[table.name as keyof typeof counts] += rows.length;
  };
  const event = (type: string, at: number, values: Row): Row =>
    full(eventsTable, {
      event_id: id(),
      type,
      v: 1,
      source: 'twilio',
      vendor_ref: `ref-${serial}`,
      occurred_at: new Date(at),
      received_at: new Date(at + 5_000),
      attributes: '{}',
      ...values,
    });

  const crmAt = START - DAY;
  await write(
    eventsTable,
    day(crmAt),
    Array.from({ length: contacts }, (_, c) =>
      event('crm.contact.upserted', crmAt, {
        source: 'hubspot',
        contact_id: `c${c}`,
        account_id: `a${c % Math.max(1, Math.round(contacts / 10))}`,
        phone_hash: phone[c],
        email_hash: email[c],
        attributes: `{"timeZone":"${['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London'][c % 4]}"}`,
      }),
    ),
  );

  const accounts = Math.max(1, Math.round(contacts / 10));
  await write(
    eventsTable,
    day(crmAt),
    Array.from({ length: accounts }, (_, a) =>
      event('crm.account.upserted', crmAt, {
        source: 'hubspot',
        account_id: `a${a}`,
        attributes: `{"tier":"${['enterprise', 'mid_market', 'smb'][a % 3]}"}`,
      }),
    ),
  );

  for (let d = 0; d < world.days; d += 1) {
    const dayStart = START + d * DAY;
    const alerts: Row[] = [];
    const events: Row[] = [];
    const decisions: Row[] = [];
    const consent: Row[] = [];
    const today = Math.round(((d + 1) * messages) / world.days) - Math.round((d * messages) / world.days);
    for (let m = 0; m < today; m += 1) {
      const c = Math.floor(next() * contacts);
      const at = dayStart + Math.floor(next() * 86_000) * 1000;
      const isEmail = next() < 0.2;
      const campaign = next() < 0.6;
      const touch = {
        channel: isEmail ? 'email' : 'sms',
        program_id: campaign ? 'growth' : 'lifecycle',
        kind: campaign ? 'campaign' : 'flow',
        campaign_id: campaign ? `cmp${Math.floor(next() * 30)}` : null,
        workflow_id: campaign ? null : `wf${Math.floor(next() * 20)}`,
        step: campaign ? null : Math.floor(next() * 4),
        variant: next() < 0.5 ? 'personalized' : 'generic',
        contact_id: `c${c}`,
      };
      const messageId = `m${serial}`;
      const who = isEmail ? { email_hash: email[c] } : { phone_hash: phone[c] };
      const sent = event(isEmail ? 'email.sent' : 'message.sent', at, {
        ...touch,
        ...who,
        message_id: messageId,
      });
      events.push(sent);
      if (!isEmail) {
        const segments = next() < 0.8 ? 1 : 2;
        decisions.push(
          full(sendDecisionsTable, {
            event_id: sent.event_id,
            decided_at: new Date(at),
            decision: 'allow',
            ...touch,
            phone_hash: phone[c],
            message_id: messageId,
            segments,
          }),
        );
        if (next() < 0.1) {
          decisions.push(
            full(sendDecisionsTable, {
              event_id: id(),
              request_id: `req-${serial}`,
              decided_at: new Date(at),
              decision: 'suppress',
              reason: 'holdout',
              ...touch,
              phone_hash: phone[(c + 1) % contacts],
            }),
          );
        }
      }
      const base = { ...touch, ...who, message_id: messageId };
      if (next() < 0.95)
        events.push(event(isEmail ? 'email.delivered' : 'message.delivered', at + 60_000, base));
      const click = next();
      if (click < 0.1) {
        const bot = click < 0.02;
        events.push(
          event(isEmail ? 'email.clicked' : 'message.clicked', at + (bot ? 5_000 : 600_000), {
            ...base,
            source: 'internal',
            attributes: `{"destination":"https://shop.example.com/p${Math.floor(next() * 20)}?u=${c}","bot":${bot}}`,
          }),
        );
      }
      if (!isEmail && next() < 0.03) {
        events.push(
          event('message.received', at + 1_800_000, {
            phone_hash: phone[c],
            channel: 'sms',
            message_id: `mo${serial}`,
            attributes: `{"fromHash":"${phone[c]}","bodyLength":12}`,
          }),
        );
        if (extra() < 0.4) {
          const reply = events.at(-1)!;
          const alertId = `alert-${serial}`;
          const alertAt = at + 1_800_000;
          const alert = { alert_id: alertId, priority: 'warm', signal: 'reply', phone_hash: phone[c] };
          alerts.push(
            full(intentAlertsTable, {
              ...alert,
              event_id: id(),
              event_type: 'intent.detected',
              occurred_at: new Date(alertAt + 1_000),
              intent: extra() < 0.3 ? 'complaint' : 'pricing',
              source_event_id: reply.event_id,
            }),
          );
          if (extra() < 0.5) {
            alerts.push(
              full(intentAlertsTable, {
                ...alert,
                event_id: id(),
                event_type: extra() < 0.8 ? 'alert.claimed' : 'alert.snoozed',
                occurred_at: new Date(alertAt + Math.floor(extra() * 2 * DAY)),
              }),
            );
          }
        }
      }
      if (!isEmail && next() < 0.005) {
        const stop = event('consent.changed', at + 1_900_000, {
          phone_hash: phone[c],
          channel: 'sms',
          source: 'internal',
        });
        events.push(stop);
        consent.push(
          full(consentLedgerTable, {
            event_id: stop.event_id,
            occurred_at: new Date(at + 1_900_000),
            channel: 'sms',
            address_hash: phone[c],
            status: 'opted_out',
            scope_kind: 'all',
            method: 'keyword',
          }),
        );
      }
      if (next() < 0.02) {
        const outcomeAt = at + Math.floor(next() * 3 * DAY);
        const roll = next();
        if (roll < 0.6) {
          events.push(
            event('order.placed', outcomeAt, {
              source: 'generic',
              phone_hash: phone[c],
              email_hash: email[c],
              contact_id: `c${c}`,
              amount_minor: BigInt(1_000 + Math.floor(next() * 20_000)),
              currency: 'USD',
              attributes: `{"orderId":"o${serial}","marginMinor":${Math.floor(next() * 5_000)},"discountMinor":${next() < 0.3 ? 500 : 0}}`,
            }),
          );
        } else if (roll < 0.8) {
          events.push(
            event('opportunity.created', outcomeAt, {
              source: 'salesforce',
              contact_id: `c${c}`,
              amount_minor: BigInt(100_000 + Math.floor(next() * 5_000_000)),
              currency: 'USD',
              attributes: `{"opportunityId":"opp${serial}","stage":"${extra() < 0.5 ? 'Qualification' : 'Proposal'}"}`,
            }),
          );
        } else {
          events.push(
            event('meeting.booked', outcomeAt, {
              source: 'hubspot',
              contact_id: `c${c}`,
              attributes: `{"meetingId":"mtg${serial}"}`,
            }),
          );
        }
      }
    }
    // Partitions by arrival day; outcomes a day or more later land in the day they happened
    // (a simplification: the jobs read partitions by range, so where a row sits matters little).
    const dt = day(dayStart);
    await write(eventsTable, dt, events);
    await write(sendDecisionsTable, dt, decisions);
    if (consent.length > 0) await write(consentLedgerTable, dt, consent);
    if (alerts.length > 0) await write(intentAlertsTable, dt, alerts);
    if (d % 15 === 14) progress(`  dailyJobs lake: ${d + 1}/${world.days} days, ${counts.events} events`);
  }
  return { contacts, messages, ...counts, writeSeconds: Math.round(performance.now() - started) / 1000 };
}

export interface JobResult {
  job: string;
  seconds: number;
  /** CPU time of the process (user + system): the wall time on an idle core, whatever else runs. */
  cpuSeconds: number;
  peakRssMb: number;
  summary: Record<string, unknown>;
}

/** One job in this process: the daily run (yesterday and today of the lake's last day). */
async function runJob(job: string, root: string, lastDay: string): Promise<JobResult> {
  const store = new LocalObjectStore(root);
  const now = () => new Date(`${lastDay}T23:00:00Z`);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const range = { to: lastDay };
  const settings = settingsFrom(DAILY_WORLD_CONFIG);
  let summary: unknown;
  if (job === 'attribution') summary = await runAttributionJob({ store, now }, range);
  else if (job === 'scorecards-duckdb') {
    // The SQL twin as `npm run job` runs it with engine duckdb: the local runner, its memory limit.
    const runner = await duckdbLocalSqlRunner(root);
    try {
      summary = await runSqlScorecards(
        { store, now, runner, s3Uri: runner.s3Uri },
        settings,
        range,
        'duckdb',
      );
    } finally {
      runner.close();
    }
  } else summary = await runScorecardsJob({ store, now }, settings, range);
  const { days: _days, ...rest } = summary as unknown as Record<string, unknown>;
  const cpu = process.cpuUsage(cpuStarted);
  return {
    job,
    seconds: Math.round(performance.now() - started) / 1000,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    peakRssMb: peakRssMb(),
    summary: rest,
  };
}

/** One job in a node process of its own (peak RSS is per process). */
export function child(job: string, root: string, lastDay: string, heapMb = LAMBDA.memoryMb): JobResult {
  const result = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, '--import', 'tsx', THIS_FILE, '--child', job, root, lastDay],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0)
    throw new Error(`${job} child failed (status ${result.status}, signal ${result.signal})`);
  return JSON.parse(result.stdout) as JobResult;
}

/** Node's own RSS before any work (the runtime and the modules): not scaled by the projection. */
const BASE_RSS_MB = 150;

/**
 * Linear projection to size 1: both jobs read every row of their range once and keep per-row
 * state (attribution: the touches of its lookback; scorecards: every message of all time), so
 * time and memory above the runtime's own grow with the lake.
 */
function project(result: JobResult, size: number, heapRun: { completed: boolean; peakRssMb?: number }) {
  // CPU time, not wall: the jobs are single-threaded and the machine may be busy with others.
  const seconds = result.cpuSeconds / size;
  const scale = (rss: number) => Math.round(BASE_RSS_MB + (rss - BASE_RSS_MB) / size);
  const rssMb = heapRun.completed && heapRun.peakRssMb ? scale(heapRun.peakRssMb) : scale(result.peakRssMb);
  return {
    cpuSeconds: Math.round(seconds),
    shareOfLambdaTimeout: Math.round((seconds / LAMBDA.timeoutSeconds) * 100) / 100,
    /** From the run under the scaled heap (live memory); the unconstrained run's RSS is mostly garbage. */
    peakRssMb: rssMb,
    peakRssMbWithoutHeapLimit: scale(result.peakRssMb),
    shareOfLambdaMemory: Math.round((rssMb / LAMBDA.memoryMb) * 100) / 100,
    fitsOneLambda: seconds < LAMBDA.timeoutSeconds && heapRun.completed && rssMb < LAMBDA.memoryMb,
  };
}

export async function benchDailyJobs(
  options: { size?: number; days?: number; seed?: number; keep?: boolean } = {},
) {
  const world: DailyWorld = { size: options.size ?? 0.1, days: options.days ?? 90, seed: options.seed ?? 6 };
  const root = mkdtempSync(join(tmpdir(), 'daily-jobs-bench-'));
  try {
    progress(
      `dailyJobs: writing a world of ${Math.round(FULL.contacts * world.size)} contacts, ~${Math.round(FULL.events * world.size)} events, ${world.days} days`,
    );
    const lake = await writeDailyWorld(root, world);
    const lastDay = day(START + (world.days - 1) * DAY);
    progress(
      `  ${lake.events} events, ${lake.send_decisions} decisions in ${lake.writeSeconds} s; attribution…`,
    );
    const attribution = child('attribution', root, lastDay);
    progress(
      `  attribution ${attribution.seconds} s (CPU ${attribution.cpuSeconds} s), ${attribution.peakRssMb} MB; scorecards…`,
    );
    const scorecards = child('scorecards', root, lastDay);
    progress(
      `  scorecards ${scorecards.seconds} s (CPU ${scorecards.cpuSeconds} s), ${scorecards.peakRssMb} MB`,
    );
    // Peak RSS under a 10 GB heap limit is mostly garbage V8 had no reason to collect yet; the
    // real test of fit: each job again with the heap Lambda's 10 GB comes to at this size.
    const scaledHeapMb = Math.max(256, Math.round(LAMBDA.memoryMb * world.size));
    const fitsScaledHeap = (job: string) => {
      try {
        const result = child(job, root, lastDay, scaledHeapMb);
        return { completed: true, peakRssMb: result.peakRssMb, cpuSeconds: result.cpuSeconds };
      } catch (error) {
        return { completed: false, error: (error as Error).message };
      }
    };
    progress(`  both again with a ${scaledHeapMb} MB heap (10 GB x ${world.size})…`);
    const scaledHeap = {
      heapLimitMb: scaledHeapMb,
      meaning:
        'each job rerun with a heap of 10 GB x size: completing means its live memory fits 10 GB at size 1, if it grows linearly',
      attribution: fitsScaledHeap('attribution'),
      scorecards: fitsScaledHeap('scorecards'),
    };
    progress(`  scaled heap: ${JSON.stringify(scaledHeap)}`);
    return {
      world: { ...world, ...lake, lastDay, run: 'daily: the last day and the one before' },
      jobs: { attribution, scorecards },
      projectedToFullWorld: {
        world: FULL,
        method: `linear in rows: CPU seconds / size; peak RSS (under the scaled heap) above a ${BASE_RSS_MB} MB runtime / size`,
        lambda: LAMBDA,
        attribution: project(attribution, world.size, scaledHeap.attribution),
        scorecards: project(scorecards, world.size, scaledHeap.scorecards),
        scaledHeap,
      },
      export:
        'lake export reads DynamoDB, not measured here; its Parquet side is the bench `lake` section (1M events rows written per run)',
    };
  } finally {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, job, root, lastDay] = args;
    process.stdout.write(JSON.stringify(await runJob(job!, root!, lastDay!)));
  } else {
    const value = (name: string) => {
      const at = args.indexOf(`--${name}`);
      return at < 0 ? undefined : Number(args[at + 1]);
    };
    const size = value('size');
    if (size !== undefined && !(size > 0 && size <= 1)) throw new Error('--size must be in (0, 1]');
    const result = await benchDailyJobs({ size, days: value('days'), keep: args.includes('--keep') });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }
}
