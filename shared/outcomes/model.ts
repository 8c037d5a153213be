import type { OutcomeType } from '../attribution/model.js';

/**
 * What the outcome KPIs read: the attribution job's outcomes (`pipeline_outcomes`) each with its
 * eligible touches (the touches `attribution_credits` credits it with), and the accounts' tiers.
 * Times are epoch milliseconds (UTC), as in the attribution core.
 */

/** An eligible touch of an outcome, with the labels it is grouped by. */
export interface KpiTouch {
  touchEventId: string;
  at: number;
  channel: string | null;
  programId: string | null;
  /** campaign or flow. */
  kind: string | null;
  workflowId: string | null;
  step: number | null;
}

export interface KpiOutcome {
  outcomeId: string;
  outcomeType: OutcomeType;
  at: number;
  accountId: string | null;
  /** The CRM opportunity, for opportunity outcomes (and meetings tied to one). */
  opportunityId?: string | null;
  /** Stage before a stage change, when the CRM says (HubSpot and Salesforce often do not). */
  fromStage: string | null;
  toStage: string | null;
  amountMinor: number | null;
  currency: string | null;
  /** Every eligible touch (after windows and dedupe); none for an outcome nothing influenced. */
  touches: readonly KpiTouch[];
}

/** The group dimensions, in the order rows are written. */
export const KPI_GROUP_BYS = [
  'all',
  'program',
  'kind',
  'workflow',
  'step',
  'channel_mix',
  'account_tier',
  'stage',
] as const;
export type KpiGroupBy = (typeof KPI_GROUP_BYS)[number];

/** Grouped by a label of the touches: an outcome is in every group one of its touches is in. */
export const TOUCH_GROUP_BYS: readonly KpiGroupBy[] = ['program', 'kind', 'workflow', 'step'];

/** The key of a group whose touch or outcome has no value for the dimension. */
export const NO_VALUE = '(none)';

/** Outcome types that are a "next step" after a touch. */
export const NEXT_STEP_TYPES: ReadonlySet<OutcomeType> = new Set([
  'stage_changed',
  'meeting_booked',
  'meeting_attended',
]);

/** One row of `outcome_kpis`, as the lake writer takes it. */
export interface OutcomeKpiRow {
  group_by: KpiGroupBy;
  group_key: string;
  kind: 'outcomes' | 'amounts';
  currency: string | null;
  outcomes: number;
  influenced: number;
  meetings_booked: number | null;
  meetings_booked_influenced: number | null;
  meetings_attended: number | null;
  meetings_attended_influenced: number | null;
  opportunities_created: number;
  opportunities_created_influenced: number;
  deals_won: number;
  deals_won_influenced: number;
  stage_changes: number | null;
  forward_moves: number | null;
  forward_moves_after_touch: number | null;
  next_step_touches: number | null;
  next_step_median_hours: number | null;
  next_step_p75_hours: number | null;
  pipeline_minor: bigint | null;
  pipeline_influenced_minor: bigint | null;
  revenue_minor: bigint | null;
  revenue_influenced_minor: bigint | null;
  progression_days: number;
  rules_version: string;
}
