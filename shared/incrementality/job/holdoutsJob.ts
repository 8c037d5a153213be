import type { CurrencyRates } from '../../attribution/currency.js';
import { configuredRules } from '../../attribution/job/attributionConfig.js';
import type { AppConfig } from '../../config/programConfig.js';
import { addDays, newRunId, planDayRange, utcDay } from '../../jobs/days.js';
import type { JobLease, WatermarkStore } from '../../lake/export/watermark.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { replacePartition } from '../../lake/partitions.js';
import { holdoutCohortsTable } from '../../lake/tables/holdout_cohorts.js';
import { liftResultsTable } from '../../lake/tables/lift_results.js';
import { ltvCohortsTable } from '../../lake/tables/ltv_cohorts.js';
import { DEFAULT_LTV_CONFIG } from '../../ltv/config.js';
import { ltvRows } from '../../ltv/rows.js';
import { analyzeHoldouts } from '../analyze.js';
import { unitKey } from '../cohorts.js';
import { DEFAULT_INCREMENTALITY_CONFIG } from '../config.js';
import { crossChannelRows } from '../crossChannel.js';
import type { LiftRow } from '../rows.js';
import { readHoldoutFacts, readUnitCosts } from './lakeInputs.js';

/**
 * (schedule, daily) lake send_decisions + pipeline_outcomes + events (+ scorecards) -> holdout
 * cohorts, lift, incremental ROI, verdicts, cross-channel cohorts and LTV -> `holdout_cohorts`,
 * `lift_results` and `ltv_cohorts`, one as-of day at a time.
 *
 * Each day's partitions are replaced whole, so a rerun rewrites the day; one run at a time holds
 * the lease (DynamoJobState `holdouts`), and the watermark records the last day written.
 */
export interface HoldoutsJobPorts {
  store: ObjectStore;
  lease?: JobLease;
  watermark?: WatermarkStore;
  now: () => Date;
  progress?: (line: string) => void;
}

export interface HoldoutsJobOptions {
  /** First as-of day. @default `to` */
  from?: string;
  /** Last as-of day. @default yesterday (UTC): the last whole day */
  to?: string;
  config: Pick<AppConfig, 'programs' | 'fees' | 'incrementality' | 'ltv' | 'attribution'>;
  currencyRates?: CurrencyRates;
  lateArrivalDays?: number;
  runId?: string;
}

export interface HoldoutsDaySummary {
  dt: string;
  units: number;
  ok: number;
  insufficient: number;
  srmMismatches: number;
  members: number;
  rows: { holdout_cohorts: number; lift_results: number; ltv_cohorts: number };
  /** One line per unit: lift, interval, verdict. */
  lines: string[];
}

export interface HoldoutsJobSummary {
  runId: string;
  from: string;
  to: string;
  days: HoldoutsDaySummary[];
  read?: { send_decisions: number; pipeline_outcomes: number; events: number; skippedCurrency: number };
  seconds: number;
  skipped?: string;
}

export const HOLDOUTS_LEASE_MS = 15 * 60_000;
const MAX_DAYS = 120;

const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : '—');
const fixed = (x: unknown, digits = 2) => (typeof x === 'number' ? x.toFixed(digits) : '—');

/** One progress line per unit: sizes, lift and interval, SRM, verdict, ROI beside attributed ROI. */
export function describeLiftRow(r: LiftRow): string {
  const name = r.workflow_id === '*' ? `program ${r.program_id}` : `${r.kind} ${r.workflow_id}`;
  const head = `${name}: ${r.treated} treated / ${r.holdout} held out, `;
  if (r.status !== 'ok') return `${head}insufficient data (${r.reason})`;
  const roi =
    typeof r.roi_incremental === 'number'
      ? `incremental ROI ${fixed(r.roi_incremental)} [${fixed(r.roi_incremental_ci_low)}, ${fixed(r.roi_incremental_ci_high)}]`
      : 'incremental ROI —';
  return (
    `${head}lift ${pct(r.lift_abs)} [${pct(r.lift_abs_ci_low)}, ${pct(r.lift_abs_ci_high)}] p=${fixed(r.p_value, 4)}` +
    `${r.srm_mismatch ? ' SRM MISMATCH' : ''}, ${roi} vs attributed ${fixed(r.roi_attributed)}, ${r.verdict}, ${r.recommendation}`
  );
}

export async function runHoldoutsJob(
  ports: HoldoutsJobPorts,
  options: HoldoutsJobOptions,
): Promise<HoldoutsJobSummary> {
  const started = performance.now();
  // Yesterday by default: today's outcome windows are still open.
  const { from, to, days } = planDayRange(options, {
    to: addDays(utcDay(ports.now().getTime()), -1),
    daysBack: 0,
    maxDays: MAX_DAYS,
  });

  const config = options.config;
  const inc = config.incrementality ?? DEFAULT_INCREMENTALITY_CONFIG;
  const ltv = config.ltv ?? DEFAULT_LTV_CONFIG;
  const currency = config.fees.currency;
  const runId = options.runId ?? newRunId(ports.now());
  const summary: HoldoutsJobSummary = { runId, from, to, days: [], seconds: 0 };
  const progress = ports.progress;

  const lease = ports.lease;
  if (lease) {
    const taken = await lease.acquire(runId, ports.now(), HOLDOUTS_LEASE_MS);
    if (!taken.acquired) {
      const skipped = `another holdouts run (${taken.heldBy}) holds the lease until ${taken.until}`;
      progress?.(`holdouts: skipped: ${skipped}`);
      return { ...summary, skipped };
    }
  }
  try {
    const fromDt = addDays(from, -inc.periodDays - 1);
    const range = {
      fromDt,
      outcomesFromDt: addDays(fromDt, -inc.preDays),
      toDt: addDays(to, options.lateArrivalDays ?? 3),
      currency,
      currencyRates: options.currencyRates,
      defaultGrossMargin: inc.defaultGrossMargin,
    };
    progress?.(`holdouts: reading the lake ${range.outcomesFromDt}..${range.toDt}`);
    const facts = await readHoldoutFacts(ports.store, range);
    summary.read = { ...facts.rowsRead, skippedCurrency: facts.skippedCurrency };
    progress?.(
      `holdouts: ${facts.exposures.length} exposures, ${facts.outcomes.length} outcomes, ${facts.signals.length} signals` +
        (facts.skippedCurrency ? ` (${facts.skippedCurrency} outcomes in other currencies left out)` : ''),
    );
    const windows = configuredRules(config.attribution).windows;
    for (const dt of days) {
      const dayStarted = performance.now();
      if (lease) {
        const renewed = await lease.acquire(runId, ports.now(), HOLDOUTS_LEASE_MS);
        if (!renewed.acquired) throw new Error(`holdouts run ${runId} lost its lease to ${renewed.heldBy}`);
      }
      const costs = await readUnitCosts(ports.store, dt);
      const programCostOf = (programId: string | null) => {
        let total: number | null = null;
        for (const [key, cost] of costs) {
          if (key.startsWith(`${programId ?? ''}|`) && cost.costMinor !== null)
            total = (total ?? 0) + cost.costMinor;
        }
        return total;
      };
      const ltvResult = ltvRows(facts, {
        dt,
        config: ltv,
        currency,
        periodDays: inc.periodDays,
        programCostOf,
      });
      const analysis = analyzeHoldouts(facts, {
        dt,
        config,
        incrementality: inc,
        windows,
        currency,
        costOf: (unit) => costs.get(unitKey(unit)),
        remainingValueMinor: ltvResult.remainingValueMinor,
      });
      const cross = crossChannelRows(analysis, facts, { dt, config, incrementality: inc, currency });
      const liftRows = [...analysis.liftRows, ...cross];
      await replacePartition(ports.store, holdoutCohortsTable, dt, analysis.cohortRows, runId);
      await replacePartition(ports.store, liftResultsTable, dt, liftRows, runId);
      await replacePartition(ports.store, ltvCohortsTable, dt, ltvResult.rows, runId);
      const lines = analysis.liftRows.map(describeLiftRow);
      const day: HoldoutsDaySummary = {
        dt,
        units: analysis.liftRows.length,
        ok: analysis.liftRows.filter((r) => r.status === 'ok').length,
        insufficient: analysis.liftRows.filter((r) => r.status !== 'ok').length,
        srmMismatches: analysis.liftRows.filter((r) => r.srm_mismatch).length,
        members: analysis.cohortRows.length,
        rows: {
          holdout_cohorts: analysis.cohortRows.length,
          lift_results: liftRows.length,
          ltv_cohorts: ltvResult.rows.length,
        },
        lines,
      };
      summary.days.push(day);
      progress?.(
        `holdouts ${dt}: ${day.units} units (${day.ok} ok, ${day.insufficient} insufficient, ${day.srmMismatches} SRM), ` +
          `${day.members} members -> ${liftRows.length} lift rows, ${ltvResult.rows.length} ltv rows (${Math.round(performance.now() - dayStarted)} ms)`,
      );
      // Each unit's line for the last day only: earlier days are the same units with fewer members.
      if (dt === days[days.length - 1]) for (const line of lines) progress?.(`  ${line}`);
    }
    await ports.watermark?.advance({ day: to, runId, at: ports.now().toISOString() });
  } finally {
    await lease?.release(runId);
  }
  summary.seconds = Math.round(performance.now() - started) / 1000;
  return summary;
}
