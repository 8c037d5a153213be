import { labelsFor } from './labels.js';
import { type LakeRecord, num, str } from './lakeRows.js';
import type { LiftReport, LtvCurve, LtvModel, LtvReport, WorkflowReport } from './reportData.js';

/**
 * `lift_results` and `ltv_cohorts` rows (shared/lake/tables/*.ts, the holdouts job) -> the
 * issue-7 sections: the holdout comparison of each workflow over all contacts, and the revenue
 * curves and LTV ROI model per program.
 */
export const LIFT_COLUMN_NAMES = [
  'comparison',
  'workflow_id',
  'kind',
  'program_id',
  'category',
  'segment_by',
  'treated',
  'holdout',
  'conv_rate_treated',
  'conv_rate_holdout',
  'lift_abs',
  'lift_abs_ci_low',
  'lift_abs_ci_high',
  'p_value',
  'srm_p_value',
  'roi_incremental',
  'roi_incremental_ci_low',
  'roi_incremental_ci_high',
  'roi_attributed',
  'verdict',
  'recommendation',
  'status',
  'reason',
] as const;

/** Horizons of the revenue curve: column revenue_per_member_<days>d_minor. */
export const LTV_HORIZONS = [7, 14, 30, 60, 90] as const;

const LTV_TERMS = [
  ['reduced churn', 'ltv_reduced_churn_minor'],
  ['extra renewals', 'ltv_extra_renewals_minor'],
  ['expansion', 'ltv_expansion_minor'],
  ['time saved', 'ltv_time_saved_minor'],
  ['total LTV value', 'ltv_value_minor'],
] as const;

export const LTV_COLUMN_NAMES = [
  'program_id',
  'cohort_by',
  'cohort',
  'currency',
  'program_cost_minor',
  'ltv_roi',
  'assumptions',
  ...LTV_TERMS.map(([, column]) => column),
  ...LTV_HORIZONS.map((days) => `revenue_per_member_${days}d_minor`),
];

/**
 * One result per workflow: the treatment-vs-holdout comparison over all contacts (cross-channel
 * comparisons and segments are other rows). A whole-program row (`*`) reads "program <id>".
 * Attributed ROI comes from the scorecards when the row does not carry it.
 */
export function liftReports(
  records: readonly LakeRecord[],
  workflows: readonly WorkflowReport[],
): LiftReport[] {
  // A configured workflow nobody was exposed to yet has nothing to show (not even "too few").
  const rows = records.filter(
    (r) =>
      (str(r.comparison) ?? 'holdout') === 'holdout' &&
      (str(r.segment_by) ?? 'all') === 'all' &&
      (num(r.treated) ?? 0) + (num(r.holdout) ?? 0) > 0,
  );
  const seen = new Set<string>();
  const picked: { record: LakeRecord; key: string; programId: string | null }[] = [];
  for (const record of rows) {
    const workflowId = str(record.workflow_id);
    if (workflowId === null) continue;
    const programId = str(record.program_id);
    const identity = `${programId ?? ''}\u0000${workflowId}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    picked.push({
      record,
      key: workflowId === '*' ? `program ${programId ?? ''}`.trim() : workflowId,
      programId,
    });
  }
  const labels = labelsFor(picked);
  const reports = picked.map(({ record: r, key, programId }, i): LiftReport => {
    const workflowId = str(r.workflow_id)!;
    const scorecard =
      workflows.find((w) => w.key === workflowId && w.programId === programId) ??
      workflows.find((w) => w.key === workflowId);
    return {
      workflowId: key,
      programId,
      label: labels[i]!,
      category: str(r.category) ?? scorecard?.category ?? null,
      status: str(r.status) === 'ok' ? 'ok' : 'insufficient_data',
      treated: num(r.treated) ?? 0,
      holdout: num(r.holdout) ?? 0,
      convRateTreated: num(r.conv_rate_treated),
      convRateHoldout: num(r.conv_rate_holdout),
      liftAbs: num(r.lift_abs),
      liftAbsCiLow: num(r.lift_abs_ci_low),
      liftAbsCiHigh: num(r.lift_abs_ci_high),
      pValue: num(r.p_value),
      srmPValue: num(r.srm_p_value),
      roiIncremental: num(r.roi_incremental),
      roiIncrementalCiLow: num(r.roi_incremental_ci_low),
      roiIncrementalCiHigh: num(r.roi_incremental_ci_high),
      roiAttributed: num(r.roi_attributed) ?? scorecard?.totals.roiAttributed ?? null,
      verdict: str(r.verdict),
      recommendation: str(r.recommendation),
      reason: str(r.reason),
    };
  });
  return reports.sort(
    (a, b) => (a.category ?? '~').localeCompare(b.category ?? '~') || a.label.localeCompare(b.label),
  );
}

function parseAssumptions(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The revenue-per-member curve of each arm and engagement cohort (named with its program when
 * there are several), and the LTV ROI model rows.
 */
export function ltvReport(records: readonly LakeRecord[], fallbackCurrency: string): LtvReport | undefined {
  if (records.length === 0) return undefined;
  const programs = new Set(records.map((r) => str(r.program_id)));
  const curves: LtvCurve[] = [];
  const models: LtvModel[] = [];
  for (const r of records) {
    const cohortBy = str(r.cohort_by);
    const programId = str(r.program_id);
    if (cohortBy === 'model') {
      models.push({
        programId,
        terms: LTV_TERMS.map(([name, column]) => ({ name, valueMinor: num(r[column]) })),
        programCostMinor: num(r.program_cost_minor),
        ltvRoi: num(r.ltv_roi),
        assumptions: parseAssumptions(r.assumptions),
      });
      continue;
    }
    const cohort = str(r.cohort);
    if (cohort === null) continue;
    curves.push({
      cohort: programs.size > 1 && programId ? `${programId}: ${cohort}` : cohort,
      points: LTV_HORIZONS.map((days) => ({ days, valueMinor: num(r[`revenue_per_member_${days}d_minor`]) })),
    });
  }
  return {
    metric: 'cumulative revenue per member after first exposure',
    currency: str(records[0]!.currency) ?? fallbackCurrency,
    curves: curves.sort((a, b) => a.cohort.localeCompare(b.cohort)),
    models: models.sort((a, b) => (a.programId ?? '').localeCompare(b.programId ?? '')),
  };
}
