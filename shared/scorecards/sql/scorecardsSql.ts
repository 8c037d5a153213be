import { minorUnitDigits } from '../../attribution/currency.js';
import { messageFee, minorToMicros } from '../../cost/costModel.js';
import { addDays, DAY_MS, dayStartMs } from '../../jobs/days.js';
import { bindSql, sqlDay, sqlDouble, sqlInt, sqlString } from '../../sql/dialect.js';
import { carriedSql } from '../../sql/sqlModule.js';
import { DEFINITIONS_VERSION, FATIGUE_DAYS, PERIOD_DAYS, PERIODS } from '../definitions.js';
import { HOUR_MS } from '../facts.js';
import type { ScorecardSettings } from '../scorecards.js';
import { SCORECARDS_SQL_TEXT } from './scorecardsSqlText.js';

/**
 * The SQL twin of the scorecards job: scorecard_facts.sql (each message and what followed it),
 * scorecard_groups.sql (the groups of each message per period) and scorecards.sql (the rows),
 * in one WITH, with the run's days and the config bound in as literals. Athena runs the text
 * as is; DuckDB after DUCKDB_DIALECT.
 */
export const SCORECARDS_SQL_FILES = [
  'scorecard_facts.sql',
  'scorecard_groups.sql',
  'scorecards.sql',
] as const;

/** The lake tables the SQL reads: what a function that runs it on Athena may read from Glue. */
export const SCORECARDS_SQL_READS: readonly string[] = [
  'attribution_credits',
  'consent_ledger',
  'events',
  'intent_alerts',
  'pipeline_outcomes',
  'send_decisions',
];

export type SqlSource = (file: string) => string;

/** The .sql files as the bundle carries them (scorecardsSqlText.ts, generated from them). */
export const bundledScorecardsSql: SqlSource = carriedSql(SCORECARDS_SQL_TEXT, 'scorecards');

/** What one run scores: its days, and the partitions it may read (late arrivals included). */
export interface ScorecardsSqlPlan {
  days: readonly string[];
  /** Last events/decisions partition read: the last day plus scorecards.lateArrivalDays. */
  scanToDt: string;
}

const BIGINT_NULL = 'CAST(NULL AS BIGINT)';
const VARCHAR_NULL = 'CAST(NULL AS VARCHAR)';

/** VALUES rows, or one row of the given typed NULLs that joins nothing when there are none. */
const valuesOr = (rows: string[], empty: string) => (rows.length > 0 ? rows.join(', ') : `(${empty})`);

/** Every placeholder's text for one run. */
export function scorecardsSqlParams(
  settings: ScorecardSettings,
  plan: ScorecardsSqlPlan,
): Record<string, string> {
  const { config, costs, fees } = settings;
  const currency = fees.currency;
  const toDt = plan.days.at(-1);
  if (!toDt) throw new Error('a scorecards run needs at least one day');
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`currency "${currency}" cannot be a SQL literal`);
  const periods = plan.days.flatMap((dt) => {
    const end = dayStartMs(sqlDay(dt)) + DAY_MS;
    return PERIODS.map((period) => {
      const days = PERIOD_DAYS[period];
      const start = days === null ? null : end - days * DAY_MS;
      return `('${dt}', '${period}', ${start === null ? VARCHAR_NULL : `'${addDays(dt, 1 - days!)}'`}, ${start === null ? BIGINT_NULL : `CAST(${sqlInt(start)} AS BIGINT)`}, CAST(${sqlInt(end)} AS BIGINT))`;
    });
  });
  const rates = settings.currencyRates;
  const targetUnit = rates ? (currency === rates.base ? 1 : rates.rates[currency]) : undefined;
  const rateRows =
    rates && targetUnit !== undefined
      ? [[rates.base, 1] as const, ...Object.entries(rates.rates)].map(
          ([code, unit]) => `(${sqlString(code)}, ${sqlDouble(unit)}, ${sqlInt(minorUnitDigits(code))})`,
        )
      : [];
  const categories = Object.entries(settingsPrograms(settings)).flatMap(([programId, program], order) => [
    ...Object.entries(program.campaigns).map(
      ([id, entry]) =>
        `(${sqlString(programId)}, ${order}, 'campaign', ${sqlString(id)}, ${sqlString(entry.category)})`,
    ),
    ...Object.entries(program.workflows).map(
      ([id, entry]) =>
        `(${sqlString(programId)}, ${order}, 'flow', ${sqlString(id)}, ${sqlString(entry.category)})`,
    ),
  ]);
  const weights = (record: Record<string, number>) =>
    Object.entries(record).map(([name, weight]) => `(${sqlString(name)}, ${sqlDouble(weight)})`);
  const labor = Object.entries(costs.labor).map(
    ([program, { hoursPerMonth, hourlyRateMinor }]) =>
      `(${sqlString(program)}, ${sqlDouble(minorToMicros(hoursPerMonth * hourlyRateMinor, currency))})`,
  );
  // One configured segment's price: the fee of a one-segment SMS without a vendor price.
  const segmentMicros = messageFee(
    { channel: 'sms', segments: 1, priceMicros: null, priceCurrency: null },
    fees,
    costs,
  ).micros;
  const points = config.engagement.points;
  return {
    scan_to_dt: sqlDay(plan.scanToDt),
    to_dt: sqlDay(toDt),
    model: config.model,
    currency,
    currency_digits: sqlInt(minorUnitDigits(currency)),
    minor_scale: sqlInt(10 ** minorUnitDigits(currency)),
    target_unit_value: sqlDouble(targetUnit ?? 1),
    rates: valuesOr(rateRows, `${VARCHAR_NULL}, CAST(1 AS DOUBLE), 0`),
    reply_window_ms: sqlDouble(config.replyWindowHours * HOUR_MS),
    fatigue_ms: sqlInt(FATIGUE_DAYS * DAY_MS),
    qualified: config.qualifiedOutcomes.map(sqlString).join(', '),
    default_margin_rate: sqlDouble(costs.defaultMarginRate),
    sms_segment_micros: sqlDouble(segmentMicros),
    platform_monthly_micros: sqlDouble(minorToMicros(costs.platformMonthlyMinor, currency)),
    tooling_monthly_micros: sqlDouble(minorToMicros(costs.toolingMonthlyMinor, currency)),
    labor: valuesOr(labor, `${VARCHAR_NULL}, CAST(0 AS DOUBLE)`),
    categories: valuesOr(categories, `${VARCHAR_NULL}, 0, ${VARCHAR_NULL}, ${VARCHAR_NULL}, ${VARCHAR_NULL}`),
    tier_weights: valuesOr(weights(settings.tierWeights), `${VARCHAR_NULL}, CAST(1 AS DOUBLE)`),
    stage_weights: valuesOr(weights(config.engagement.stageWeights), `${VARCHAR_NULL}, CAST(1 AS DOUBLE)`),
    points_click: sqlDouble(points.click),
    points_reply: sqlDouble(points.reply),
    points_conversion: sqlDouble(points.conversion),
    periods: periods.join(', '),
    definitions_version: DEFINITIONS_VERSION,
  };
}

const settingsPrograms = (settings: ScorecardSettings) => settings.programs ?? {};

/** The run's one query: the scorecards columns in the registry's order, then dt. */
export function scorecardsQuery(
  settings: ScorecardSettings,
  plan: ScorecardsSqlPlan,
  source: SqlSource = bundledScorecardsSql,
): string {
  const [facts, groups, rows] = SCORECARDS_SQL_FILES.map(source);
  return bindSql(`WITH\n${facts},\n${groups},\n${rows}`, scorecardsSqlParams(settings, plan));
}
