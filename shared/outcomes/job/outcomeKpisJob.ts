import type { AttributionRules } from '../../attribution/rules.js';
import { DAY_MS, windowMs } from '../../attribution/rules.js';
import { readLakeColumns } from '../../lake/lakeColumns.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { replacePartition } from '../../lake/partitions.js';
import { attributionCreditsTable } from '../../lake/tables/attribution_credits.js';
import { outcomeKpisTable } from '../../lake/tables/outcome_kpis.js';
import { pipelineOutcomesTable } from '../../lake/tables/pipeline_outcomes.js';
import { DEFAULT_OUTCOME_KPI_CONFIG, type OutcomeKpiConfig } from '../config.js';
import { OutcomeKpiCalculator } from '../kpis.js';
import type { KpiOutcome, KpiTouch } from '../model.js';
import { NEXT_STEP_TYPES } from '../model.js';
import { type AccountTiers, readAccountTiers } from './accountTiers.js';

/**
 * (called by the attribution job once its days are written) lake `pipeline_outcomes` +
 * `attribution_credits` (+ account tiers from `events`) -> `outcome_kpis`, one partition per
 * outcome day, replaced whole: rerunning a day rewrites it.
 *
 * It reads what the attribution engine wrote, not the engine's memory, so it gives the same
 * rows whichever engine (TypeScript or the SQL twin on Athena) credited the days.
 */
export interface OutcomeKpisRun {
  /** Outcome days to write (YYYY-MM-DD, UTC), each already written by attribution. */
  days: readonly string[];
  /** The rules the days were credited under: their windows bound how far back a touch's first step can be. */
  rules: AttributionRules;
  config?: OutcomeKpiConfig;
  /** Last `events` partition to read account tiers from. @default every partition */
  scanToDt?: string;
  runId: string;
  progress?: (line: string) => void;
}

export interface OutcomeKpisSummary {
  days: string[];
  rows: number;
  /** Why no day was written. */
  skipped?: string;
}

/** Models that write a credit row for every eligible touch (num ≥ 1 for each). */
const EVERY_TOUCH_MODELS = ['linear', 'time_decay'] as const;

/** The columns each pass reads. */
const OUTCOME_COLUMNS = [
  'outcome_id',
  'outcome_type',
  'occurred_at',
  'account_id',
  'opportunity_id',
  'from_stage',
  'to_stage',
  'amount_minor',
  'currency',
  'eligible_touches',
] as const;
const CREDIT_COLUMNS = [
  'outcome_id',
  'touch_event_id',
  'touch_at',
  'channel',
  'program_id',
  'kind',
  'workflow_id',
  'step',
] as const;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, days: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);

/** Whole days before an outcome its touches can be: the longest window of a next-step outcome type. */
export function stepLookbackDays(rules: AttributionRules): number {
  let longest = 0;
  for (const type of NEXT_STEP_TYPES) {
    for (const kind of ['send', 'click', 'reply'] as const)
      longest = Math.max(longest, windowMs(rules, type, kind));
  }
  return Math.ceil(longest / DAY_MS);
}

/** Refused input: credits that do not hold every eligible touch of an outcome. */
export class OutcomeKpiInputError extends Error {
  override readonly name = 'OutcomeKpiInputError';
}

/**
 * Outcomes of partitions `fromDt`..`toDt` with their eligible touches, read from the two
 * attribution tables. Every eligible touch has a credit row under `linear` (and `time_decay`);
 * the distinct touches over all models are checked against `eligible_touches`.
 */
export async function readKpiOutcomes(
  store: ObjectStore,
  fromDt: string,
  toDt: string,
): Promise<KpiOutcome[]> {
  const range = { fromDt, toDt };
  const touches = new Map<string, Map<string, KpiTouch>>();
  for await (const batch of readLakeColumns(store, attributionCreditsTable, range, CREDIT_COLUMNS)) {
    const [outcomeId, touchId, at, channel, program, kind, workflow, step] = CREDIT_COLUMNS.map((name) =>
      batch.column(name),
    ) as ArrayLike<unknown>[];
    for (let i = 0; i < batch.length; i += 1) {
      const outcome = outcomeId![i] as string;
      const id = touchId![i] as string;
      let list = touches.get(outcome);
      if (!list) {
        list = new Map();
        touches.set(outcome, list);
      }
      if (list.has(id)) continue;
      list.set(id, {
        touchEventId: id,
        at: at![i] as number,
        channel: text(channel![i]),
        programId: text(program![i]),
        kind: text(kind![i]),
        workflowId: text(workflow![i]),
        step: int(step![i]),
      });
    }
  }
  const outcomes: KpiOutcome[] = [];
  for await (const batch of readLakeColumns(store, pipelineOutcomesTable, range, OUTCOME_COLUMNS)) {
    const [id, type, at, account, opportunity, from, to, amount, currency, eligible] = OUTCOME_COLUMNS.map(
      (name) => batch.column(name),
    ) as ArrayLike<unknown>[];
    for (let i = 0; i < batch.length; i += 1) {
      const outcomeId = id![i] as string;
      const own = [...(touches.get(outcomeId)?.values() ?? [])];
      if (own.length !== eligible![i]) {
        throw new OutcomeKpiInputError(
          `outcome ${outcomeId} (dt=${batch.dt}) has ${eligible![i]} eligible touches but credits name ${own.length}: ` +
            'outcome KPIs need the linear or time_decay model among the attribution models',
        );
      }
      outcomes.push({
        outcomeId,
        outcomeType: type![i] as KpiOutcome['outcomeType'],
        at: at![i] as number,
        accountId: text(account![i]),
        opportunityId: text(opportunity![i]),
        fromStage: text(from![i]),
        toStage: text(to![i]),
        amountMinor: int(amount![i]),
        currency: text(currency![i]),
        touches: own,
      });
    }
  }
  return outcomes;
}

/** Writes `outcome_kpis` for each day of the run. */
export async function writeOutcomeKpis(store: ObjectStore, run: OutcomeKpisRun): Promise<OutcomeKpisSummary> {
  const summary: OutcomeKpisSummary = { days: [], rows: 0 };
  if (run.days.length === 0) return summary;
  if (!EVERY_TOUCH_MODELS.some((model) => run.rules.models.includes(model))) {
    // The eligible touches are read back from the credits: without one of these models they are not all there.
    summary.skipped = `outcome KPIs need the ${EVERY_TOUCH_MODELS.join(' or ')} model among the attribution models`;
    run.progress?.(`outcome kpis: skipped: ${summary.skipped}`);
    return summary;
  }
  const days = [...run.days].sort();
  const config = run.config ?? DEFAULT_OUTCOME_KPI_CONFIG;
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const tiers: AccountTiers = await readAccountTiers(store, run.scanToDt);
  const lookbackDays = stepLookbackDays(run.rules);
  const outcomes = await readKpiOutcomes(store, addDays(first, -lookbackDays), last);
  const calculator = new OutcomeKpiCalculator(outcomes, {
    config,
    tiers,
    rulesVersion: run.rules.version,
    stageHistoryMs: lookbackDays * DAY_MS,
  });
  for (const day of days) {
    const rows = calculator.rowsFor(day);
    await replacePartition(store, outcomeKpisTable, day, rows, run.runId);
    summary.days.push(day);
    summary.rows += rows.length;
    run.progress?.(`outcome kpis ${day}: ${rows.length} rows`);
  }
  return summary;
}
