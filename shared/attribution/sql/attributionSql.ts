import { bindSql, sqlDay, sqlInt } from '../../sql/dialect.js';
import { carriedSql } from '../../sql/sqlModule.js';
import type { AttributionPlan } from '../job/plan.js';
import { OutcomeTypeSchema } from '../model.js';
import { campaignGapMs, halfLifeMs, selectedModels, windowMs } from '../rules.js';
import { TIME_DECAY_SCALE } from '../weights.js';
import { ATTRIBUTION_SQL_TEXT } from './attributionSqlText.js';

export { bindSql, DUCKDB_DIALECT } from '../../sql/dialect.js';

/**
 * The SQL twin of the attribution core: attribution_base.sql (the shared CTEs) followed by
 * attribution_credits.sql or pipeline_outcomes.sql, with the run's plan and rules bound in as
 * literals. The same text runs on Athena (Trino) and on DuckDB after `DUCKDB_DIALECT`.
 */
export const ATTRIBUTION_SQL_FILES = {
  base: 'attribution_base.sql',
  credits: 'attribution_credits.sql',
  outcomes: 'pipeline_outcomes.sql',
} as const;

/**
 * The lake tables the SQL reads (every other name it selects from is one of its CTEs): what a
 * function that runs it on Athena may read from the Glue catalog. A test holds the SQL to it.
 */
export const ATTRIBUTION_SQL_READS: readonly string[] = ['events'];

/** Reads one of the .sql files by name. */
export type SqlSource = (file: string) => string;

/**
 * The .sql files as the code carries them (attributionSqlText.ts, generated from them), so a
 * Lambda bundle holds the SQL without files beside it.
 */
export const bundledSqlSource: SqlSource = carriedSql(ATTRIBUTION_SQL_TEXT, 'attribution');

const int = sqlInt;
const bigint = (value: number) => `CAST(${int(value)} AS BIGINT)`;
const dayLiteral = sqlDay;

/** Every placeholder's text for one run. */
export function attributionSqlParams(plan: AttributionPlan): Record<string, string> {
  const { rules } = plan;
  if (!/^[\w.-]+$/.test(rules.version))
    throw new Error(`rules version "${rules.version}" cannot be a SQL literal`);
  const windows = OutcomeTypeSchema.options.map(
    (type) =>
      `('${type}', ${bigint(windowMs(rules, type, 'send'))}, ${bigint(windowMs(rules, type, 'click'))}, ${bigint(windowMs(rules, type, 'reply'))})`,
  );
  const models = selectedModels(rules).map((model, order) => `('${model}', ${order + 1})`);
  return {
    scan_to_dt: dayLiteral(plan.scanToDt),
    outcome_from_dt: dayLiteral(plan.outcomeFromDt),
    from_ms: bigint(plan.fromMs),
    to_ms: bigint(plan.toMs),
    lookback_ms: bigint(plan.lookbackMs),
    sourcing_ms: bigint(plan.sourcingMs),
    windows: windows.join(', '),
    models: models.join(', '),
    first_click_per_message: rules.dedupe.firstClickPerMessage ? 'TRUE' : 'FALSE',
    campaign_gap_ms: bigint(campaignGapMs(rules)),
    time_decay_scale: int(TIME_DECAY_SCALE),
    half_life_ms: bigint(halfLifeMs(rules)),
    pb_first: int(rules.positionBased.first),
    pb_middle: int(rules.positionBased.middle),
    pb_last: int(rules.positionBased.last),
    w_first: int(rules.wShaped.first),
    w_lead: int(rules.wShaped.lead),
    w_opportunity: int(rules.wShaped.opportunity),
    w_others: int(rules.wShaped.others),
    rules_version: rules.version,
  };
}

/** The two queries of one run: each returns its table's columns, then `dt`. */
export function attributionQueries(
  plan: AttributionPlan,
  source: SqlSource = bundledSqlSource,
): { credits: string; outcomes: string } {
  const params = attributionSqlParams(plan);
  const base = source(ATTRIBUTION_SQL_FILES.base);
  const query = (file: string) => bindSql(`WITH\n${base}\n${source(file)}`, params);
  return { credits: query(ATTRIBUTION_SQL_FILES.credits), outcomes: query(ATTRIBUTION_SQL_FILES.outcomes) };
}
