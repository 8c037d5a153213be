import type { LakeRow } from '../lake/lakeTable.js';
import type { holdoutCohortsTable } from '../lake/tables/holdout_cohorts.js';
import type { liftResultsTable } from '../lake/tables/lift_results.js';
import type { LiftResult } from './lift.js';
import type { CohortMember } from './model.js';
import type { IncrementalRoi } from './roi.js';
import type { Judgement } from './verdict.js';

export type LiftRow = LakeRow<typeof liftResultsTable>;
export type CohortRow = LakeRow<typeof holdoutCohortsTable>;

/** Where a lift row sits: which comparison, unit and segment. */
export interface LiftRowContext {
  dt: string;
  comparison: 'holdout' | 'email_sms_vs_email_only' | 'personalized_vs_generic';
  category: string | null;
  segmentBy: 'all' | 'stage' | 'tier' | 'intent';
  segment: string;
  primaryOutcome: string;
  windowDays: number;
  periodFrom: string;
  currency: string;
  successThreshold: number | null;
  roiAttributed: number | null;
  /** Expected remaining value of one contact, to price opt-outs; null when not configured. */
  remainingValueMinor: number | null;
}

const finite = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : x;

export function liftRow(
  lift: LiftResult,
  roi: IncrementalRoi,
  judgement: Judgement | { verdict: 'n/a'; recommendation: 'n/a'; reason: string },
  context: LiftRowContext,
): LiftRow {
  const c = lift.conversion;
  const r = lift.revenue;
  const p = lift.profit;
  const g = lift.progression;
  const d = lift.daysToNextStep;
  return {
    comparison: context.comparison,
    workflow_id: lift.unit.id,
    kind: lift.unit.kind,
    program_id: lift.unit.programId,
    category: context.category,
    segment_by: context.segmentBy,
    segment: context.segment,
    primary_outcome: context.primaryOutcome,
    window_days: context.windowDays,
    period_from: context.periodFrom,
    treated: lift.treated,
    holdout: lift.holdout,
    conversions_treated: lift.conversionsTreated,
    conversions_holdout: lift.conversionsHoldout,
    conv_rate_treated: lift.treated ? lift.conversionsTreated / lift.treated : null,
    conv_rate_holdout: lift.holdout ? lift.conversionsHoldout / lift.holdout : null,
    lift_abs: finite(c?.diff),
    lift_abs_ci_low: finite(c?.diffCi.low),
    lift_abs_ci_high: finite(c?.diffCi.high),
    lift_rel: finite(c?.relativeLift),
    lift_rel_ci_low: finite(c?.relativeLiftCi?.low),
    lift_rel_ci_high: finite(c?.relativeLiftCi?.high),
    p_value: finite(c?.pValue),
    q_value: finite(lift.qValue),
    bh_discovery: lift.discovery,
    mde_abs: finite(lift.mdeAbs),
    expected_holdout_share: lift.expectedHoldoutShare,
    srm_chi_square: finite(lift.srm?.chiSquare),
    srm_p_value: finite(lift.srm?.pValue),
    srm_mismatch: lift.srm ? lift.srm.mismatch : null,
    crossovers: lift.crossovers,
    revenue_per_treated_minor: finite(r.treatedMean),
    revenue_per_holdout_minor: finite(r.holdoutMean),
    revenue_lift_minor: finite(r.welch?.diff),
    revenue_lift_ci_low: finite(r.welch?.ci.low),
    revenue_lift_ci_high: finite(r.welch?.ci.high),
    revenue_p_value: finite(r.welch?.pValue),
    revenue_boot_ci_low: finite(r.bootstrap?.ci.low),
    revenue_boot_ci_high: finite(r.bootstrap?.ci.high),
    revenue_cuped_ci_low: finite(r.cuped?.welch?.ci.low),
    revenue_cuped_ci_high: finite(r.cuped?.welch?.ci.high),
    cuped_variance_reduction: finite(r.cuped?.varianceReduction),
    profit_lift_minor: finite(p.welch?.diff),
    profit_lift_ci_low: finite(p.welch?.ci.low),
    profit_lift_ci_high: finite(p.welch?.ci.high),
    progression_rate_treated: finite(g?.treatedRate),
    progression_rate_holdout: finite(g?.controlRate),
    progression_lift: finite(g?.diff),
    progression_lift_ci_low: finite(g?.diffCi.low),
    progression_lift_ci_high: finite(g?.diffCi.high),
    days_to_next_step_treated: finite(d.treatedMean),
    days_to_next_step_holdout: finite(d.holdoutMean),
    days_to_next_step_reduction:
      d.treatedMean !== null && d.holdoutMean !== null ? d.holdoutMean - d.treatedMean : null,
    incremental_conversions: finite(roi.conversions?.value),
    incremental_conversions_ci_low: finite(roi.conversions?.ci.low),
    incremental_conversions_ci_high: finite(roi.conversions?.ci.high),
    incremental_revenue_minor: finite(roi.revenueMinor?.value),
    incremental_revenue_ci_low: finite(roi.revenueMinor?.ci.low),
    incremental_revenue_ci_high: finite(roi.revenueMinor?.ci.high),
    incremental_profit_minor: finite(roi.profitMinor?.value),
    incremental_profit_ci_low: finite(roi.profitMinor?.ci.low),
    incremental_profit_ci_high: finite(roi.profitMinor?.ci.high),
    program_cost_minor: finite(roi.programCostMinor),
    roi_incremental: finite(roi.roi?.value),
    roi_incremental_ci_low: finite(roi.roi?.ci.low),
    roi_incremental_ci_high: finite(roi.roi?.ci.high),
    roi_attributed: finite(context.roiAttributed),
    opt_outs_treated: lift.optOutsTreated,
    opt_out_rate_treated: finite(lift.optOutRateTreated),
    opt_out_rate_holdout: finite(lift.optOutRateHoldout),
    opt_out_leakage_minor:
      context.remainingValueMinor === null ? null : lift.optOutsTreated * context.remainingValueMinor,
    currency: context.currency,
    success_threshold: context.successThreshold,
    verdict: judgement.verdict,
    recommendation: judgement.recommendation,
    verdict_reason: judgement.reason,
    status: lift.status,
    reason: lift.reason,
  };
}

export function cohortRow(member: CohortMember, currency: string): CohortRow {
  return {
    workflow_id: member.unit.id,
    kind: member.unit.kind,
    program_id: member.unit.programId,
    member_key: member.memberKey,
    arm: member.arm,
    exposed_at: new Date(member.exposedAt),
    window_end: new Date(member.windowEnd),
    variant: member.variant,
    converted: member.converted,
    conversions: member.conversions,
    revenue_minor: BigInt(Math.round(member.revenueMinor)),
    profit_minor: BigInt(Math.round(member.profitMinor)),
    pre_revenue_minor: BigInt(Math.round(member.preRevenueMinor)),
    currency,
    progressed: member.progressed,
    days_to_next_step: member.daysToNextStep,
    opted_out: member.optedOut,
    engaged: member.engaged,
    emailed: member.emailed,
    meeting: member.meeting,
    won: member.won,
  };
}
