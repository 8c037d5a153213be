import type { HoldoutInputs } from '../incrementality/analyze.js';
import type { MemberOutcome } from '../incrementality/model.js';
import type { LakeRow } from '../lake/lakeTable.js';
import type { ltvCohortsTable } from '../lake/tables/ltv_cohorts.js';
import type { LtvConfig } from './config.js';
import { type LtvMember, type LtvMetrics, ltvMembers, ltvMetrics } from './metrics.js';
import { type LtvModelResult, ltvModel, remainingValueMinor } from './model.js';

export type LtvRow = LakeRow<typeof ltvCohortsTable>;

const DAY_MS = 86_400_000;

export interface LtvRowsOptions {
  dt: string;
  config: LtvConfig;
  currency: string;
  periodDays: number;
  /** Program cost to date (sum of its units' scorecard cost), when known. */
  programCostOf?: (programId: string | null) => number | null;
}

export interface LtvRowsResult {
  rows: LtvRow[];
  models: Map<string | null, LtvModelResult>;
  /** Expected remaining value of one contact (prices opt-outs), over every program's members. */
  remainingValueMinor: number | null;
}

function metricsRow(
  programId: string | null,
  cohortBy: 'arm' | 'engagement',
  cohort: string,
  m: LtvMetrics,
  currency: string,
): LtvRow {
  return {
    program_id: programId,
    cohort_by: cohortBy,
    cohort,
    members: m.members,
    customers: m.customers,
    repeat_rate_30d: m.repeatRate[30],
    repeat_rate_60d: m.repeatRate[60],
    repeat_rate_90d: m.repeatRate[90],
    revenue_per_member_7d_minor: m.revenueCurve[7],
    revenue_per_member_14d_minor: m.revenueCurve[14],
    revenue_per_member_30d_minor: m.revenueCurve[30],
    revenue_per_member_60d_minor: m.revenueCurve[60],
    revenue_per_member_90d_minor: m.revenueCurve[90],
    orders_per_member_quarter: m.ordersPerQuarter,
    revenue_rolling_90d_minor: m.revenue90dMinor,
    renewal_rate: m.renewalRate,
    churn_rate: m.churnRate,
    expansion_per_member_minor: m.expansionPerMemberMinor,
    ltv_reduced_churn_minor: null,
    ltv_extra_renewals_minor: null,
    ltv_expansion_minor: null,
    ltv_time_saved_minor: null,
    ltv_value_minor: null,
    program_cost_minor: null,
    ltv_roi: null,
    assumptions: null,
    currency,
  };
}

/** The model row carries the model only: its members are the treated, its metric columns null. */
function modelRow(programId: string | null, model: LtvModelResult, currency: string): LtvRow {
  const empty: LtvMetrics = {
    members: model.treated,
    customers: 0,
    repeatRate: { 30: null, 60: null, 90: null },
    revenueCurve: { 7: null, 14: null, 30: null, 60: null, 90: null },
    ordersPerQuarter: null,
    revenue90dMinor: null,
    renewalRate: null,
    churnRate: null,
    expansionPerMemberMinor: null,
    observedMemberDays: 0,
  };
  return {
    ...metricsRow(programId, 'arm', 'treatment', empty, currency),
    customers: 0,
    program_id: programId,
    cohort_by: 'model',
    cohort: 'treatment_vs_holdout',
    ltv_reduced_churn_minor: model.terms.reducedChurnMinor,
    ltv_extra_renewals_minor: model.terms.extraRenewalsMinor,
    ltv_expansion_minor: model.terms.expansionMinor,
    ltv_time_saved_minor: model.terms.timeSavedMinor,
    ltv_value_minor: model.valueMinor,
    program_cost_minor: model.programCostMinor,
    ltv_roi: model.roi,
    assumptions: JSON.stringify(model.assumptions),
    currency,
  };
}

/** The day's ltv_cohorts rows, per program: arms, engagement, and the model. */
export function ltvRows(inputs: HoldoutInputs, options: LtvRowsOptions): LtvRowsResult {
  const asOfMs = Date.parse(`${options.dt}T00:00:00Z`) + DAY_MS;
  const members = ltvMembers(inputs.exposures, inputs.signals, asOfMs - options.periodDays * DAY_MS, asOfMs);
  const outcomesOf = new Map<string, MemberOutcome[]>();
  for (const o of inputs.outcomes) {
    const list = outcomesOf.get(o.memberKey) ?? [];
    list.push(o);
    outcomesOf.set(o.memberKey, list);
  }
  for (const list of outcomesOf.values()) list.sort((a, b) => a.at - b.at);
  const churnsOf = new Map<string, number[]>();
  for (const s of inputs.signals) {
    if (s.kind !== 'churn') continue;
    const list = churnsOf.get(s.memberKey) ?? [];
    list.push(s.at);
    churnsOf.set(s.memberKey, list);
  }
  const byProgram = new Map<string | null, LtvMember[]>();
  for (const m of members) {
    const list = byProgram.get(m.programId) ?? [];
    list.push(m);
    byProgram.set(m.programId, list);
  }
  const rows: LtvRow[] = [];
  const models = new Map<string | null, LtvModelResult>();
  const metrics = (list: LtvMember[]) => ltvMetrics(list, outcomesOf, churnsOf, asOfMs);
  const programs = [...byProgram.keys()].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  for (const programId of programs) {
    const list = byProgram.get(programId)!;
    const treated = list.filter((m) => m.arm === 'treatment');
    const treatment = metrics(treated);
    const holdout = metrics(list.filter((m) => m.arm === 'holdout'));
    const c = options.currency;
    rows.push(metricsRow(programId, 'arm', 'treatment', treatment, c));
    rows.push(metricsRow(programId, 'arm', 'holdout', holdout, c));
    rows.push(metricsRow(programId, 'engagement', 'engaged', metrics(treated.filter((m) => m.engaged)), c));
    rows.push(
      metricsRow(programId, 'engagement', 'unengaged', metrics(treated.filter((m) => !m.engaged)), c),
    );
    const model = ltvModel(treatment, holdout, options.config, options.programCostOf?.(programId) ?? null);
    models.set(programId, model);
    rows.push(modelRow(programId, model, c));
  }
  const all = metrics(members);
  return { rows, models, remainingValueMinor: remainingValueMinor(options.config, all.revenue90dMinor) };
}
