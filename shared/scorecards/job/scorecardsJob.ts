import { microsToMinor } from '../../cost/costModel.js';
import { addDays, newRunId, planDayRange, utcDay } from '../../jobs/days.js';
import type { JobLease, WatermarkStore } from '../../lake/export/watermark.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { replacePartition } from '../../lake/partitions.js';
import { scorecardsTable } from '../../lake/tables/scorecards.js';
import { DEFINITIONS_VERSION } from '../definitions.js';
import { type PreparedScoring, prepareScoring, type ScorecardSettings, scoreOneDay } from '../scorecards.js';
import { readScorecardInputs } from './lakeInputs.js';

/**
 * (schedule, daily) lake send_decisions, events, consent_ledger, intent_alerts,
 * attribution_credits, pipeline_outcomes -> scorecard core -> `scorecards`, one day at a time.
 *
 * A day's partition is replaced whole, so rerunning a day rewrites it. One run at a time holds
 * the lease (DynamoJobState 'scorecards'); the watermark records the last day written. Run it
 * after attribution: conversions and revenue come from attribution's tables.
 */
export interface ScorecardsJobPorts {
  store: ObjectStore;
  lease?: JobLease;
  watermark?: WatermarkStore;
  now: () => Date;
  progress?: (line: string) => void;
}

export interface ScorecardsJobOptions {
  /** First scored day. @default the day before `to` */
  from?: string;
  /** Last scored day. @default today (UTC) */
  to?: string;
  runId?: string;
}

export type ScorecardsEngine = 'lambda' | 'duckdb' | 'athena';

export interface ScorecardsJobSummary {
  runId: string;
  engine: ScorecardsEngine;
  definitionsVersion: string;
  attributionModel: string;
  from: string;
  to: string;
  days: string[];
  rows: number;
  /** Messages the run read (all time up to the last day). */
  sends: number;
  /** Monthly overhead of days without a message to carry it, minor units of currency. */
  unallocatedCostMinor: number;
  currency: string;
  rowsRead: Record<string, number>;
  seconds: number;
  skipped?: string;
  /** The SQL engines' queries, with the bytes Athena says each scanned (what it bills). */
  queries?: { from: string; to: string; queryId: string; seconds: number; scannedBytes?: number }[];
}

/** Longer than a run takes; renewed before each day. */
export const SCORECARDS_LEASE_MS = 15 * 60_000;
export const MAX_SCORECARD_DAYS = 400;

export function planDays(
  options: ScorecardsJobOptions,
  now: Date,
): { from: string; to: string; days: string[] } {
  return planDayRange(options, { to: utcDay(now.getTime()), daysBack: 1, maxDays: MAX_SCORECARD_DAYS });
}

/** Reads the lake and works out the facts; the raw records go out of scope here, before scoring. */
async function readAndPrepare(
  ports: ScorecardsJobPorts,
  settings: ScorecardSettings,
  to: string,
): Promise<{ prepared: PreparedScoring; rowsRead: Record<string, number> }> {
  const { inputs, stats } = await readScorecardInputs(
    ports.store,
    { toDt: to, scanToDt: addDays(to, settings.config.lateArrivalDays) },
    settings.config.model,
    ports.progress,
  );
  return { prepared: prepareScoring(inputs, settings, to), rowsRead: stats.rowsRead };
}

/** A run of either engine, set up the same way (see startScorecardsRun). */
export interface ScorecardsRun {
  plan: { from: string; to: string; days: string[] };
  runId: string;
  summary: ScorecardsJobSummary;
  /** Runs `write` holding the lease, advances the watermark and times the summary; skipped when another run holds it. */
  underLease(write: (renew: () => Promise<void>) => Promise<void>): Promise<ScorecardsJobSummary>;
}

export function startScorecardsRun(
  ports: ScorecardsJobPorts,
  settings: ScorecardSettings,
  options: ScorecardsJobOptions,
  engine: ScorecardsEngine,
): ScorecardsRun {
  const started = performance.now();
  const plan = planDays(options, ports.now());
  const runId = options.runId ?? newRunId(ports.now());
  const summary: ScorecardsJobSummary = {
    runId,
    engine,
    definitionsVersion: DEFINITIONS_VERSION,
    attributionModel: settings.config.model,
    from: plan.from,
    to: plan.to,
    days: [],
    rows: 0,
    sends: 0,
    unallocatedCostMinor: 0,
    currency: settings.fees.currency,
    rowsRead: {},
    seconds: 0,
  };
  const lease = ports.lease;
  const renew = async () => {
    const renewed = await lease?.acquire(runId, ports.now(), SCORECARDS_LEASE_MS);
    if (renewed && !renewed.acquired)
      throw new Error(`scorecards run ${runId} lost its lease to ${renewed.heldBy}`);
  };
  return {
    plan,
    runId,
    summary,
    async underLease(write) {
      if (lease) {
        const taken = await lease.acquire(runId, ports.now(), SCORECARDS_LEASE_MS);
        if (!taken.acquired) {
          const skipped = `another scorecards run (${taken.heldBy}) holds the lease until ${taken.until}`;
          ports.progress?.(`scorecards: skipped: ${skipped}`);
          return { ...summary, skipped };
        }
      }
      try {
        await write(renew);
        await ports.watermark?.advance({ day: plan.to, runId, at: ports.now().toISOString() });
      } finally {
        await lease?.release(runId);
      }
      summary.seconds = Math.round(performance.now() - started) / 1000;
      return summary;
    },
  };
}

/** The TypeScript engine's run: the lake read into this process (a Lambda, or `npm run job`). */
export async function runScorecardsJob(
  ports: ScorecardsJobPorts,
  settings: ScorecardSettings,
  options: ScorecardsJobOptions = {},
): Promise<ScorecardsJobSummary> {
  const { plan, runId, summary, underLease } = startScorecardsRun(ports, settings, options, 'lambda');
  const progress = ports.progress;
  return underLease(async (renew) => {
    const { prepared, rowsRead } = await readAndPrepare(ports, settings, plan.to);
    summary.rowsRead = rowsRead;
    summary.sends = prepared.facts.sends.length;
    const unallocated = prepared.facts.unallocated;
    summary.unallocatedCostMinor = microsToMinor(
      unallocated.platform + unallocated.tooling + unallocated.labor,
      settings.fees.currency,
    );
    for (const day of plan.days) {
      const dayStarted = performance.now();
      await renew();
      const rows = scoreOneDay(prepared, day);
      await replacePartition(ports.store, scorecardsTable, day, rows, runId);
      summary.days.push(day);
      summary.rows += rows.length;
      progress?.(`scorecards ${day}: ${rows.length} rows (${Math.round(performance.now() - dayStarted)} ms)`);
    }
  });
}
