import { newRunId } from '../../jobs/days.js';
import type { JobLease, WatermarkStore } from '../../lake/export/watermark.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { replacePartition } from '../../lake/partitions.js';
import { attributionCreditsTable } from '../../lake/tables/attribution_credits.js';
import { pipelineOutcomesTable } from '../../lake/tables/pipeline_outcomes.js';
import type { OutcomeKpiConfig } from '../../outcomes/config.js';
import { type OutcomeKpisSummary, writeOutcomeKpis } from '../../outcomes/job/outcomeKpisJob.js';
import { type CurrencyRates, convert } from '../currency.js';
import { type AttributionRules, DEFAULT_ATTRIBUTION_RULES, describeRules } from '../rules.js';
import { type AttributionPlan, type PlanOptions, planAttribution } from './plan.js';
import { type OutcomeLakeRow, prepareAttribution, type ReadStats } from './prepare.js';

/**
 * (schedule, daily) lake `events` -> attribution core -> `attribution_credits` and
 * `pipeline_outcomes`, one outcome day at a time.
 *
 * Each day's partitions are replaced whole (replacePartition), so rerunning a day rewrites it
 * and never adds to it; a day with no outcome is emptied. One run at a time holds the job's
 * lease: replacing a partition deletes the parts it did not write, so two runs on one day would
 * delete each other's.
 */
export interface AttributionJobPorts {
  store: ObjectStore;
  /** One run at a time (DynamoJobState with job `attribution` in AWS and locally). */
  lease?: JobLease;
  /** Records the last outcome day written. */
  watermark?: WatermarkStore;
  now: () => Date;
  /** One line per step and per day when someone watches (`npm run job`). */
  progress?: (line: string) => void;
}

export interface AttributionJobOptions extends PlanOptions {
  /** @default DEFAULT_ATTRIBUTION_RULES */
  rules?: AttributionRules;
  /** Converts the summary's influenced totals; rows always keep their own currency. */
  currencyRates?: CurrencyRates;
  /** Names this run's part files. @default a timestamp and a random suffix */
  runId?: string;
  /** Stage order and progression window of the outcome KPIs written after the days. */
  kpis?: OutcomeKpiConfig;
}

/** Influenced amounts by currency, and their sum in the base currency when rates are configured. */
export interface InfluencedTotals {
  byCurrency: Record<string, number>;
  converted?: { currency: string; amountMinor: number };
}

export interface AttributionJobSummary {
  runId: string;
  engine: 'lambda' | 'athena';
  rulesVersion: string;
  from: string;
  to: string;
  days: string[];
  outcomes: number;
  influenced: number;
  sourced: number;
  rows: { attribution_credits: number; pipeline_outcomes: number };
  /** Amounts of influenced opportunity_created outcomes (pipeline) and closed_won outcomes (revenue). */
  pipelineInfluenced: InfluencedTotals;
  revenueInfluenced: InfluencedTotals;
  read?: ReadStats;
  /** Engine athena: each query of the run, with what Athena scanned (what it bills). */
  queries?: AthenaQueryReport[];
  seconds: number;
  /** Why nothing was written (another run holds the lease). */
  skipped?: string;
  /** The `outcome_kpis` days written from the days' outcomes and credits. */
  outcomeKpis?: OutcomeKpisSummary;
}

export interface AthenaQueryReport {
  /** The table the query computes. */
  table: string;
  /** First and last outcome day of the slice it covers. */
  from: string;
  to: string;
  queryId: string;
  seconds: number;
  scannedBytes?: number;
}

/** Longer than a day takes to write; renewed before each day. */
export const ATTRIBUTION_LEASE_MS = 15 * 60_000;

/** Sums influenced amounts per currency as rows stream by, converted once at the end. */
export class InfluenceTally {
  influenced = 0;
  sourced = 0;
  private readonly pipeline: Record<string, number> = {};
  private readonly revenue: Record<string, number> = {};

  add(row: Pick<OutcomeLakeRow, 'outcome_type' | 'influenced' | 'sourced' | 'amount_minor' | 'currency'>) {
    if (row.influenced) this.influenced += 1;
    if (row.sourced) this.sourced += 1;
    if (!row.influenced || row.amount_minor === null || row.currency === null) return;
    const into =
      row.outcome_type === 'opportunity_created'
        ? this.pipeline
        : row.outcome_type === 'closed_won'
          ? this.revenue
          : undefined;
    if (into) into[row.currency] = (into[row.currency] ?? 0) + Number(row.amount_minor);
  }

  totals(rates?: CurrencyRates): {
    pipelineInfluenced: InfluencedTotals;
    revenueInfluenced: InfluencedTotals;
  } {
    const total = (byCurrency: Record<string, number>): InfluencedTotals => {
      if (!rates) return { byCurrency };
      let amountMinor = 0;
      for (const [currency, amount] of Object.entries(byCurrency)) {
        amountMinor += convert(amount, currency, rates.base, rates);
      }
      return { byCurrency, converted: { currency: rates.base, amountMinor } };
    };
    return { pipelineInfluenced: total(this.pipeline), revenueInfluenced: total(this.revenue) };
  }
}

/**
 * Runs `run` holding the job's lease (renewed by each `renew()`), or returns why it did not:
 * another run holds it.
 */
export async function withLease(
  ports: Pick<AttributionJobPorts, 'lease' | 'now'>,
  runId: string,
  run: (renew: () => Promise<void>) => Promise<void>,
): Promise<string | undefined> {
  const lease = ports.lease;
  if (!lease) {
    await run(async () => {});
    return undefined;
  }
  const taken = await lease.acquire(runId, ports.now(), ATTRIBUTION_LEASE_MS);
  if (!taken.acquired)
    return `another attribution run (${taken.heldBy}) holds the lease until ${taken.until}`;
  try {
    await run(async () => {
      const renewed = await lease.acquire(runId, ports.now(), ATTRIBUTION_LEASE_MS);
      if (!renewed.acquired) throw new Error(`attribution run ${runId} lost its lease to ${renewed.heldBy}`);
    });
    return undefined;
  } finally {
    await lease.release(runId);
  }
}

/** Records `to` as written, only ever forward. */
export async function advanceWatermark(ports: AttributionJobPorts, plan: AttributionPlan, runId: string) {
  await ports.watermark?.advance({ day: plan.to, runId, at: ports.now().toISOString() });
}

/**
 * One run of either engine, set up the same way: the plan, the run id, the summary both engines
 * fill in, and the influence tally of the outcomes they write.
 */
export interface AttributionRun {
  rules: AttributionRules;
  plan: AttributionPlan;
  runId: string;
  summary: AttributionJobSummary;
  tally: InfluenceTally;
  /**
   * Prints the rules, runs `write` holding the job's lease, and completes the summary (totals,
   * seconds), or returns it with `skipped` when another run holds the lease.
   */
  underLease(write: (renew: () => Promise<void>) => Promise<void>): Promise<AttributionJobSummary>;
}

/** The set-up every engine's run starts with (see AttributionRun). */
export function startAttributionRun(
  ports: AttributionJobPorts,
  options: AttributionJobOptions,
  engine: AttributionJobSummary['engine'],
): AttributionRun {
  const started = performance.now();
  const rules = options.rules ?? DEFAULT_ATTRIBUTION_RULES;
  const plan = planAttribution(rules, options, ports.now());
  const runId = options.runId ?? newRunId(ports.now());
  const tally = new InfluenceTally();
  const summary: AttributionJobSummary = {
    runId,
    engine,
    rulesVersion: rules.version,
    from: plan.from,
    to: plan.to,
    days: [],
    outcomes: 0,
    influenced: 0,
    sourced: 0,
    rows: { attribution_credits: 0, pipeline_outcomes: 0 },
    ...tally.totals(),
    seconds: 0,
  };
  return {
    rules,
    plan,
    runId,
    summary,
    tally,
    async underLease(write) {
      const skipped = await withLease(ports, runId, async (renew) => {
        ports.progress?.(describeRules(rules));
        await write(renew);
        // Whichever engine wrote the days, the KPIs read them back from the lake.
        await renew();
        summary.outcomeKpis = await writeOutcomeKpis(ports.store, {
          days: plan.days,
          rules,
          config: options.kpis,
          scanToDt: plan.scanToDt,
          runId,
          progress: ports.progress,
        });
      });
      Object.assign(summary, tally.totals(options.currencyRates), {
        influenced: tally.influenced,
        sourced: tally.sourced,
        seconds: Math.round(performance.now() - started) / 1000,
      });
      if (skipped) {
        ports.progress?.(`attribution: skipped: ${skipped}`);
        return { ...summary, skipped };
      }
      return summary;
    },
  };
}

/** The TypeScript engine's run: the lake read in this process (a Lambda, or `npm run job`). */
export async function runAttributionJob(
  ports: AttributionJobPorts,
  options: AttributionJobOptions = {},
): Promise<AttributionJobSummary> {
  const { plan, runId, summary, tally, underLease } = startAttributionRun(ports, options, 'lambda');
  const progress = ports.progress;
  return underLease(async (renew) => {
    const prepared = await prepareAttribution(ports.store, plan, progress);
    summary.read = prepared.stats;
    for (const day of plan.days) {
      const dayStarted = performance.now();
      await renew();
      const rows = prepared.rowsFor(day);
      await replacePartition(ports.store, attributionCreditsTable, day, rows.credits, runId);
      await replacePartition(ports.store, pipelineOutcomesTable, day, rows.outcomes, runId);
      for (const row of rows.outcomes) tally.add(row);
      summary.days.push(day);
      summary.outcomes += rows.outcomes.length;
      summary.rows.attribution_credits += rows.credits.length;
      summary.rows.pipeline_outcomes += rows.outcomes.length;
      const influenced = rows.outcomes.filter((row) => row.influenced).length;
      progress?.(
        `attribution ${day}: ${rows.outcomes.length} outcomes, ${influenced} influenced -> ${rows.credits.length} credit rows (${Math.round(performance.now() - dayStarted)} ms)`,
      );
    }
    await advanceWatermark(ports, plan, runId);
  });
}
