/**
 * What the report shows, decoupled from lake rows: the renderer and the terminal summary take
 * this model, the lake adapter (reportFromLake.ts) builds it. Money is integer minor units with
 * its ISO currency; rates are fractions (0.125 = 12.5%); a metric the lake does not have is
 * null and renders as "n/a", never as 0.
 */

/** The six steps of a workflow's funnel, each a count of contacts (or sends for `sent`). */
export interface Funnel {
  eligible: number | null;
  sent: number | null;
  delivered: number | null;
  clicked: number | null;
  replied: number | null;
  converted: number | null;
}

/** One day of a workflow's KPIs. */
export interface DailyKpis {
  day: string;
  ctr: number | null;
  replyRate: number | null;
  optOutRate: number | null;
  conversions: number | null;
}

/** The per-workflow table row (one period, e.g. everything to date). */
export interface WorkflowTotals {
  /** Recipients (unique contacts sent to). */
  recipients: number | null;
  ctr: number | null;
  replyRate: number | null;
  optOutRate: number | null;
  conversions: number | null;
  revenuePerRecipientMinor: number | null;
  profitMinor: number | null;
  costMinor: number | null;
  costPerOutcomeMinor: number | null;
  pipelineInfluencedMinor: number | null;
  revenueInfluencedMinor: number | null;
  /** (attributed profit - program cost) / program cost: attributed, not incremental. */
  roiAttributed: number | null;
}

export interface WorkflowReport {
  /** The workflow or campaign id. */
  key: string;
  programId: string | null;
  /** What the reader sees: the key, with its program when the same key runs in several. */
  label: string;
  kind: 'campaign' | 'flow';
  category: string;
  currency: string;
  totals: WorkflowTotals;
  funnel: Funnel;
  /** Oldest day first; may be empty. */
  trend: DailyKpis[];
}

export interface CategoryReport {
  category: string;
  /** Compared only with each other, never across categories. */
  workflows: WorkflowReport[];
}

/** One point of the fatigue curve: opt-out rate of contacts by messages received in 30 days. */
export interface FatiguePoint {
  /** The bucket, e.g. "1", "2", "5+". */
  messagesLast30d: string;
  recipients: number | null;
  optOutRate: number | null;
}

/** Program-wide opt-out rate per day, per category. */
export interface OptOutTrend {
  days: string[];
  series: { category: string; rates: (number | null)[] }[];
}

/** Holdout lift of one workflow (issue 7). */
export interface LiftReport {
  workflowId: string;
  programId: string | null;
  /** What the reader sees (see WorkflowReport.label). */
  label: string;
  category: string | null;
  status: 'ok' | 'insufficient_data';
  treated: number;
  holdout: number;
  convRateTreated: number | null;
  convRateHoldout: number | null;
  /** Treatment minus holdout conversion rate, with its 95% interval. */
  liftAbs: number | null;
  liftAbsCiLow: number | null;
  liftAbsCiHigh: number | null;
  pValue: number | null;
  /** Sample-ratio-mismatch test of the treatment/holdout split; below 0.001 the split is suspect. */
  srmPValue: number | null;
  roiIncremental: number | null;
  roiIncrementalCiLow: number | null;
  roiIncrementalCiHigh: number | null;
  roiAttributed: number | null;
  /** meeting, missing or undecided against the workflow's goal. */
  verdict: string | null;
  /** scale, keep or retire. */
  recommendation: string | null;
  /** Why the data are insufficient, in words. */
  reason: string | null;
}

/** One LTV curve: a cohort's cumulative value per customer at each horizon. */
export interface LtvCurve {
  cohort: string;
  points: { days: number; valueMinor: number | null }[];
}

/** The LTV ROI model of one program: its terms and the assumptions they used. */
export interface LtvModel {
  programId: string | null;
  terms: { name: string; valueMinor: number | null }[];
  programCostMinor: number | null;
  ltvRoi: number | null;
  /** The config values the terms used, as the job recorded them. */
  assumptions: Record<string, unknown> | null;
}

export interface LtvReport {
  /** What the curves measure, e.g. "revenue per member". */
  metric: string;
  currency: string;
  curves: LtvCurve[];
  models: LtvModel[];
}

export interface DefinitionsText {
  version: string;
  text: string;
}

export interface ReportData {
  /** The day the report describes (its data runs to this day, inclusive). */
  dt: string;
  generatedAt: string;
  /** The period the table and funnel cover, e.g. "to_date" or "28d". */
  period: string;
  categories: CategoryReport[];
  optOutTrend: OptOutTrend;
  fatigue: FatiguePoint[];
  /** The definitions the figures were computed with, one entry per version in the rows. */
  definitions: DefinitionsText[];
  /** Issue 7: absent when the holdout job has not written anything yet. */
  lift?: LiftReport[];
  ltv?: LtvReport;
}

/** SRM below this p-value means the split is not what the design says. */
export const SRM_ALPHA = 0.001;
