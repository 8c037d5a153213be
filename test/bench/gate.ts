// npx tsx test/bench/gate.ts: the send gate's decide + record path against dynalite, beside one
// bare DynamoDB conditional PutItem, in the same run. One JSON document on stdout.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalCloud } from '../../infra/local/localCloud.js';
import { loadConfigFile } from '../../shared/config/programConfig.js';
import { isHeldOut } from '../../shared/governance/holdout.js';
import { type Decision, decideSend } from '../../shared/governance/sendGate.js';
import { contactTimeZone } from '../../shared/governance/timeZones.js';
import { DynamoSendLedger } from '../../shared/sending/dynamoSendLedger.js';
import type { LedgerVerdict, SendHistoryEntry } from '../../shared/sending/sendLedger.js';
import { mulberry32 } from '../support/mulberry32.js';
import { measure, round } from './measure.js';

/**
 * What one decision costs on the path sendMessage takes after reading consent: the ledger's
 * consistent GetItem, the pure decideSend over the contact's history, then (when allowed) the
 * conditional PutItem on the version read. Measured against the bare conditional PutItem that
 * the path cannot go below, with both sides on the same in-process dynalite: the ratio is the
 * meaningful figure, absolute numbers include dynalite's own work on this event loop.
 */
export interface LatencyStats {
  ops: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface GateBenchResult {
  dynamo: string;
  now: string;
  contacts: number;
  historyEntriesPerContact: { mean: number; max: number };
  rawConditionalPut: { sequential: LatencyStats; concurrent: LatencyStats & { inFlight: number } };
  gate: {
    sequential: LatencyStats & { decisions: Record<string, number> };
    concurrent: LatencyStats & { inFlight: number; decisions: Record<string, number> };
    /** 20 requests at once on one contact under a 1-a-day cap, repeated on fresh contacts. */
    contended: LatencyStats & {
      rounds: number;
      concurrency: number;
      allowedPerRound: number[];
      dynamoCallsPerDecision: number;
    };
  };
  /** decideSend alone (no I/O) on a seeded history: what the gate adds besides DynamoDB. */
  decideSendOnly: { opsPerSec: number; meanUs: number };
  /** Gate p50 ÷ raw conditional put p50, same run. */
  ratioP50: { sequential: number; concurrent: number };
}

export interface GateBenchOptions {
  /** Decisions per distinct-contact variant. @default 2000 */
  decisions?: number;
  /** @default 16 */
  inFlight?: number;
  /** @default 40 */
  contendedRounds?: number;
  progress?: (line: string) => void;
}

const CONFIG = loadConfigFile(fileURLToPath(new URL('../../config/example.json', import.meta.url)));
const PROGRAM_ID = 'demo';
const PROGRAM = CONFIG.programs[PROGRAM_ID]!;
/** 14:00 in New York, 11:00 in Los Angeles, 08:00 in Honolulu: the window is open for every number below. */
const NOW = new Date('2026-06-10T18:00:00Z');
const AREA_CODES = ['212', '312', '415', '512', '617', '808'];
const CONTENDED_CONCURRENCY = 20;
const DAY_MS = 86_400_000;

const phoneOf = (n: number) => `+1${AREA_CODES[n % AREA_CODES.length]}555${String(n).padStart(4, '0')}`;

/**
 * A month of a typical contact's sends: up to 6 SMS and emails across programs and workflows,
 * none yet today, so the day's cap is open and the decision reaches the write.
 */
function historyOf(random: () => number, phone: string): SendHistoryEntry[] {
  const count = Math.floor(random() * 7);
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(NOW.getTime() - (1 + random() * 29) * DAY_MS).toISOString(),
    channel: random() < 0.8 ? ('sms' as const) : ('email' as const),
    programId: random() < 0.7 ? 'demo' : 'growth',
    ...(random() < 0.5 ? { workflowId: 'renewal-reminder' } : { campaignId: 'spring-sale' }),
    requestId: `seed-${phone}-${i}`,
  }));
}

function stats(durationsMs: number[], elapsedMs: number): LatencyStats {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    ops: sorted.length,
    opsPerSec: Math.round((sorted.length / elapsedMs) * 1000),
    p50Ms: round(at(0.5), 3),
    p99Ms: round(at(0.99), 3),
    maxMs: round(sorted.at(-1) ?? 0, 3),
  };
}

/** Runs `op(i)` for i in [0, count) with `inFlight` at a time; per-op latency and the wall time. */
async function timed(count: number, inFlight: number, op: (i: number) => Promise<unknown>) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        const t0 = performance.now();
        await op(i);
        durations.push(performance.now() - t0);
      }
    }),
  );
  return { durations, elapsedMs: performance.now() - started };
}

/** decideSend for a contact who opted in, as sendMessage calls it, on `history`. */
function decide(phone: string, requestId: string, history: readonly SendHistoryEntry[]): Decision {
  return decideSend({
    request: { programId: PROGRAM_ID, campaignId: 'spring-sale', channel: 'sms', to: phone, requestId },
    program: PROGRAM,
    config: CONFIG,
    consent: { status: 'opted_in' },
    contactKey: phone,
    timeZone: contactTimeZone(undefined, phone, CONFIG.defaultTimeZone),
    country: 'US',
    history,
    now: NOW,
  });
}

/** One gate decision on sendMessage's path: read the ledger, decide, record when allowed. */
function decideAndRecord(ledger: DynamoSendLedger, phone: string, requestId: string) {
  return ledger.decideAndRecord(phone, (history): LedgerVerdict<Decision> => {
    const decision = decide(phone, requestId, history);
    if (decision.decision !== 'allow') return { decision };
    const record = {
      at: NOW.toISOString(),
      channel: 'sms' as const,
      programId: PROGRAM_ID,
      campaignId: 'spring-sale',
      requestId,
    };
    return { decision, record };
  });
}

const label = (d: Decision) => (d.decision === 'allow' ? 'allow' : `${d.decision}:${d.reason}`);

function tally(decisions: Decision[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of decisions) counts[label(d)] = (counts[label(d)] ?? 0) + 1;
  return counts;
}

/** Counts the DynamoDB calls a document client makes (to show what contention costs). */
function countingClient(client: DynamoDBDocumentClient): {
  client: DynamoDBDocumentClient;
  calls: () => number;
} {
  let calls = 0;
  const send = client.send.bind(client);
  const counting = Object.create(client) as DynamoDBDocumentClient;
  counting.send = ((command: never) => {
    calls += 1;
    return send(command);
  }) as DynamoDBDocumentClient['send'];
  return { client: counting, calls: () => calls };
}

export async function benchGate(options: GateBenchOptions = {}): Promise<GateBenchResult> {
  const decisions = options.decisions ?? 2000;
  const inFlight = options.inFlight ?? 16;
  const rounds = options.contendedRounds ?? 40;
  const progress = options.progress ?? (() => {});
  const cloud = await startLocalCloud({ inMemory: true });
  const raw = new DynamoDBClient({
    endpoint: cloud.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: cloud.env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const base = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  const { client, calls } = countingClient(base);
  const table = cloud.tableName;
  const ledger = new DynamoSendLedger(client, table, () => NOW);
  try {
    // Contacts for both distinct-contact variants and the contended rounds, none held out
    // (a held-out contact is decided without a write, which would flatter the figures).
    const random = mulberry32(8);
    const wanted = decisions * 2 + rounds + 200;
    const phones: string[] = [];
    for (let n = 0; phones.length < wanted; n += 1) {
      if (!isHeldOut(PROGRAM.holdout, phoneOf(n))) phones.push(phoneOf(n));
    }
    progress(`seeding ${phones.length} contacts' send ledgers`);
    const sizes: number[] = [];
    for (let start = 0; start < phones.length; start += 25) {
      const items = phones.slice(start, start + 25).map((phone) => {
        const entries = historyOf(random, phone);
        sizes.push(entries.length);
        return { PutRequest: { Item: { pk: `SENDS#${phone}`, sk: 'LEDGER', entries, version: 1 } } };
      });
      await base.send(new BatchWriteCommand({ RequestItems: { [table]: items } }));
    }

    // Warm both paths (JIT, connection pool) on contacts the measured runs do not use.
    const warm = phones.slice(-200);
    await timed(200, 4, (i) => decideAndRecord(ledger, warm[i]!, `warm-${i}`));
    await timed(500, 4, (i) => base.send(conditionalPut(table, `WARM#${i}`)));

    progress('raw conditional PutItem');
    const putSeq = await timed(decisions, 1, (i) => base.send(conditionalPut(table, `RAW#seq#${i}`)));
    const putPar = await timed(decisions, inFlight, (i) => base.send(conditionalPut(table, `RAW#par#${i}`)));

    progress('gate: distinct contacts');
    const seqDecisions: Decision[] = [];
    const gateSeq = await timed(decisions, 1, async (i) => {
      seqDecisions.push((await decideAndRecord(ledger, phones[i]!, `seq-${i}`)).decision);
    });
    const parDecisions: Decision[] = [];
    const gatePar = await timed(decisions, inFlight, async (i) => {
      parDecisions.push((await decideAndRecord(ledger, phones[decisions + i]!, `par-${i}`)).decision);
    });

    progress(`gate: ${CONTENDED_CONCURRENCY} at once on one contact, ${rounds} rounds`);
    const contendedDurations: number[] = [];
    const allowedPerRound: number[] = [];
    const callsBefore = calls();
    const contendedStart = performance.now();
    for (let round = 0; round < rounds; round += 1) {
      const phone = phones[decisions * 2 + round]!;
      const results = await Promise.all(
        Array.from({ length: CONTENDED_CONCURRENCY }, async (_, i) => {
          const t0 = performance.now();
          const result = await decideAndRecord(ledger, phone, `race-${round}-${i}`);
          contendedDurations.push(performance.now() - t0);
          return result.decision;
        }),
      );
      allowedPerRound.push(results.filter((d) => d.decision === 'allow').length);
    }
    const contendedElapsed = performance.now() - contendedStart;
    const contendedCalls = calls() - callsBefore;

    progress('decideSend alone');
    const sample = await ledger.history(phones[0]!);
    const pure = await measure(() => decide(phones[0]!, 'pure', sample), { warmupMs: 300, measureMs: 700 });

    const sequential = stats(putSeq.durations, putSeq.elapsedMs);
    const concurrent = stats(putPar.durations, putPar.elapsedMs);
    const gateSequential = stats(gateSeq.durations, gateSeq.elapsedMs);
    const gateConcurrent = stats(gatePar.durations, gatePar.elapsedMs);
    return {
      dynamo: 'dynalite 4, in-process, in memory (loopback HTTP, same event loop as the client)',
      now: NOW.toISOString(),
      contacts: phones.length,
      historyEntriesPerContact: {
        mean: round(sizes.reduce((a, b) => a + b, 0) / sizes.length, 2),
        max: Math.max(...sizes),
      },
      rawConditionalPut: { sequential, concurrent: { ...concurrent, inFlight } },
      gate: {
        sequential: { ...gateSequential, decisions: tally(seqDecisions) },
        concurrent: { ...gateConcurrent, inFlight, decisions: tally(parDecisions) },
        contended: {
          ...stats(contendedDurations, contendedElapsed),
          rounds,
          concurrency: CONTENDED_CONCURRENCY,
          allowedPerRound: [...new Set(allowedPerRound)],
          dynamoCallsPerDecision: round(contendedCalls / (rounds * CONTENDED_CONCURRENCY), 2),
        },
      },
      decideSendOnly: { opsPerSec: pure.opsPerSec, meanUs: pure.meanUs },
      ratioP50: {
        sequential: round(gateSequential.p50Ms / sequential.p50Ms, 2),
        concurrent: round(gateConcurrent.p50Ms / concurrent.p50Ms, 2),
      },
    };
  } finally {
    base.destroy();
    await cloud.stop();
  }
}

/** The write the gate's record step is built on, alone: a put that must not overwrite. */
function conditionalPut(table: string, key: string) {
  return new PutCommand({
    TableName: table,
    Item: { pk: key, sk: 'LEDGER', entries: [], version: 1 },
    ConditionExpression: 'attribute_not_exists(pk)',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const result = await benchGate({ progress: (line) => process.stderr.write(`${line}\n`) });
  const machine = {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
  };
  const durationSeconds = round((performance.now() - started) / 1000);
  process.stdout.write(`${JSON.stringify({ gate: result, machine, durationSeconds }, null, 2)}\n`);
  // The cap must hold under contention, or the figures are of a broken gate.
  if (result.gate.contended.allowedPerRound.some((n) => n !== 1)) process.exitCode = 1;
}
