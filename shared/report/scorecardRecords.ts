import { labelsFor } from './labels.js';
import { type LakeRecord, num, ratio, str } from './lakeRows.js';
import type {
  CategoryReport,
  DailyKpis,
  FatiguePoint,
  OptOutTrend,
  WorkflowReport,
  WorkflowTotals,
} from './reportData.js';

/**
 * `scorecards` rows (shared/lake/tables/scorecards.ts) -> the report's workflow sections:
 * campaign and flow rows of the report's period for the table and funnels, `day` rows of the
 * trend window for the trends, `category` rows for opt-outs per day, `fatigue` rows for the
 * curve. A rate column that is null (no recipients) stays null: "n/a", never 0%.
 */
export const SCORECARD_COLUMNS = {
  period: 'period',
  level: 'level',
  kind: 'kind',
  key: 'key',
  category: 'category',
  programId: 'program_id',
  currency: 'currency',
  definitionsVersion: 'definitions_version',
  eligible: 'eligible',
  sends: 'sends',
  recipients: 'recipients',
  delivered: 'delivered',
  uniqueClickers: 'unique_clickers',
  ctr: 'ctr',
  repliers: 'repliers',
  replyRate: 'reply_rate',
  optOuts: 'opt_outs',
  optOutRate: 'opt_out_rate',
  conversions: 'conversions',
  converters: 'converters',
  revenueMinor: 'revenue_minor',
  revenuePerRecipientMinor: 'revenue_per_recipient_minor',
  profitMinor: 'profit_minor',
  costMinor: 'cost_minor',
  costPerOutcomeMinor: 'cost_per_outcome_minor',
  pipelineInfluencedMinor: 'pipeline_influenced_minor',
  revenueInfluencedMinor: 'revenue_influenced_minor',
  roiAttributed: 'roi_attributed',
} as const satisfies Record<string, string>;

export const SCORECARD_COLUMN_NAMES: string[] = Object.values(SCORECARD_COLUMNS);

type Field = keyof typeof SCORECARD_COLUMNS;
const n = (record: LakeRecord, field: Field) => num(record[SCORECARD_COLUMNS[field]]);
const s = (record: LakeRecord, field: Field) => str(record[SCORECARD_COLUMNS[field]]);

/** Workflow levels: campaigns and flows, reported apart but each within its category. */
const WORKFLOW_LEVELS = new Set(['campaign', 'flow']);
/** The fatigue curve's level. */
const isFatigue = (level: string | null) => level === 'fatigue';

/** Periods to fall back on, most complete first, when the asked one has no rows. */
export const PERIOD_PREFERENCE = ['to_date', '90d', '28d', '7d', 'day'];

export function totalsOf(record: LakeRecord): WorkflowTotals {
  const recipients = n(record, 'recipients');
  const conversions = n(record, 'conversions');
  const costMinor = n(record, 'costMinor');
  const revenueMinor = n(record, 'revenueMinor');
  return {
    recipients,
    ctr: n(record, 'ctr') ?? ratio(n(record, 'uniqueClickers'), recipients),
    replyRate: n(record, 'replyRate') ?? ratio(n(record, 'repliers'), recipients),
    optOutRate: n(record, 'optOutRate') ?? ratio(n(record, 'optOuts'), recipients),
    conversions,
    revenuePerRecipientMinor: n(record, 'revenuePerRecipientMinor') ?? ratio(revenueMinor, recipients),
    profitMinor: n(record, 'profitMinor'),
    costMinor,
    costPerOutcomeMinor: n(record, 'costPerOutcomeMinor') ?? ratio(costMinor, conversions),
    pipelineInfluencedMinor: n(record, 'pipelineInfluencedMinor'),
    revenueInfluencedMinor: n(record, 'revenueInfluencedMinor'),
    roiAttributed: n(record, 'roiAttributed'),
  };
}

function dailyOf(record: LakeRecord): DailyKpis {
  const totals = totalsOf(record);
  return {
    day: record.dt,
    ctr: totals.ctr,
    replyRate: totals.replyRate,
    optOutRate: totals.optOutRate,
    conversions: totals.conversions,
  };
}

export interface ScorecardSections {
  /** The period the table and funnels use (the asked one, or the fallback that had rows). */
  period: string;
  categories: CategoryReport[];
  optOutTrend: OptOutTrend;
  fatigue: FatiguePoint[];
  definitionsVersions: string[];
}

/**
 * @param records scorecard rows of the trend window (partition days up to `dt`)
 * @param dt the report's day: the table and funnels come from its partition
 */
export function scorecardSections(
  records: readonly LakeRecord[],
  dt: string,
  period: string,
): ScorecardSections {
  const ofDay = records.filter((r) => r.dt === dt);
  const periods = new Set(ofDay.map((r) => s(r, 'period')));
  const chosen = [period, ...PERIOD_PREFERENCE].find((p) => periods.has(p)) ?? period;
  const totalsRows = ofDay.filter((r) => s(r, 'period') === chosen);
  const dailyRows = records.filter((r) => s(r, 'period') === 'day').sort((a, b) => a.dt.localeCompare(b.dt));
  const days = [...new Set(dailyRows.map((r) => r.dt))];

  const byCategory = new Map<string, WorkflowReport[]>();
  for (const record of totalsRows) {
    const level = s(record, 'level');
    const key = s(record, 'key');
    if (!level || !WORKFLOW_LEVELS.has(level) || key === null) continue;
    const category = s(record, 'category') ?? 'uncategorised';
    const programId = s(record, 'programId');
    const trendRows = new Map(
      dailyRows
        .filter((r) => s(r, 'level') === level && s(r, 'key') === key && s(r, 'programId') === programId)
        .map((r) => [r.dt, r]),
    );
    const workflow: WorkflowReport = {
      key,
      programId,
      label: key,
      kind: level as WorkflowReport['kind'],
      category,
      currency: s(record, 'currency') ?? 'USD',
      totals: totalsOf(record),
      funnel: {
        eligible: n(record, 'eligible'),
        sent: n(record, 'sends') ?? n(record, 'recipients'),
        delivered: n(record, 'delivered'),
        clicked: n(record, 'uniqueClickers'),
        replied: n(record, 'repliers'),
        // People, like clicked and replied: one recipient can bring several outcomes.
        converted: n(record, 'converters') ?? n(record, 'conversions'),
      },
      trend: days.map((day) => {
        const row = trendRows.get(day);
        return row ? dailyOf(row) : { day, ctr: null, replyRate: null, optOutRate: null, conversions: null };
      }),
    };
    const list = byCategory.get(category) ?? [];
    list.push(workflow);
    byCategory.set(category, list);
  }
  // The same campaign id can run in two programs: name those rows with their program.
  const all = [...byCategory.values()].flat();
  labelsFor(all).forEach((label, i) => {
    all[i]!.label = label;
  });
  const categories = [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, workflows]) => ({
      category,
      // Campaigns before flows, then by key: a stable order the reader can scan.
      workflows: workflows.sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label)),
    }));

  return {
    period: chosen,
    categories,
    optOutTrend: optOutTrendOf(dailyRows, days),
    fatigue: fatigueOf(totalsRows),
    definitionsVersions: [
      ...new Set(records.map((r) => s(r, 'definitionsVersion')).filter((v): v is string => v !== null)),
    ].sort(),
  };
}

/**
 * Opt-out rate per day per category: the `category` level's rows when the table has them, else
 * opt-outs over recipients summed across the category's workflows.
 */
function optOutTrendOf(dailyRows: readonly LakeRecord[], days: readonly string[]): OptOutTrend {
  const categoryRows = dailyRows.filter((r) => s(r, 'level') === 'category');
  const source =
    categoryRows.length > 0
      ? categoryRows
      : dailyRows.filter((r) => WORKFLOW_LEVELS.has(s(r, 'level') ?? ''));
  const sums = new Map<string, Map<string, { optOuts: number; recipients: number; rate: number | null }>>();
  for (const record of source) {
    const category =
      categoryRows.length > 0 ? (s(record, 'key') ?? s(record, 'category')) : s(record, 'category');
    if (!category) continue;
    const perDay = sums.get(category) ?? new Map();
    const sum = perDay.get(record.dt) ?? { optOuts: 0, recipients: 0, rate: null };
    sum.optOuts += n(record, 'optOuts') ?? 0;
    sum.recipients += n(record, 'recipients') ?? 0;
    if (categoryRows.length > 0) sum.rate = n(record, 'optOutRate');
    perDay.set(record.dt, sum);
    sums.set(category, perDay);
  }
  return {
    days: [...days],
    series: [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, perDay]) => ({
        category,
        rates: days.map((day) => {
          const sum = perDay.get(day);
          return sum ? (sum.rate ?? ratio(sum.optOuts, sum.recipients)) : null;
        }),
      })),
  };
}

/** The fatigue curve: buckets in numeric order ("1", "2", … "10+"). */
function fatigueOf(totalsRows: readonly LakeRecord[]): FatiguePoint[] {
  return totalsRows
    .filter((r) => isFatigue(s(r, 'level')))
    .map((r) => ({
      messagesLast30d: s(r, 'key') ?? '?',
      recipients: n(r, 'recipients'),
      optOutRate: totalsOf(r).optOutRate,
    }))
    .sort(
      (a, b) =>
        (Number.parseFloat(a.messagesLast30d) || 0) - (Number.parseFloat(b.messagesLast30d) || 0) ||
        a.messagesLast30d.localeCompare(b.messagesLast30d),
    );
}
