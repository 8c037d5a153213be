import type { ObjectStore } from '../lake/objectStore.js';
import { LAKE_TABLES } from '../lake/tables/index.js';
import { DEFINITIONS, DEFINITIONS_VERSION } from '../scorecards/definitions.js';
import { daysBefore, type LakeRecord, latestPartitionDay, readLakeRecords } from './lakeRows.js';
import { LIFT_COLUMN_NAMES, LTV_COLUMN_NAMES, liftReports, ltvReport } from './liftRecords.js';
import type { DefinitionsText, ReportData } from './reportData.js';
import { SCORECARD_COLUMN_NAMES, scorecardSections } from './scorecardRecords.js';

/**
 * The lake -> ReportData: the `scorecards` partitions of the trend window up to `dt`, and the
 * latest `lift_results` / `ltv_cohorts` partition on or before `dt`. Tables are found by name,
 * so the report builds (with empty states) before the jobs that write them exist.
 */
export const SCORECARDS_TABLE = 'scorecards';
export const LIFT_TABLE = 'lift_results';
export const LTV_TABLE = 'ltv_cohorts';

export interface ReportFromLakeOptions {
  /** The period of the table and funnels. @default 'to_date' */
  period?: string;
  /** Days of daily trends, ending at `dt`. @default 28 */
  trendDays?: number;
  /** The definitions text of a version. @default the scorecards' DEFINITIONS for its version */
  definitionsText?: (version: string) => string | undefined;
  now?: () => Date;
}

/** The text of the definitions this build computes with, for rows made under that version. */
const scorecardDefinitions = (version: string): string | undefined =>
  version === DEFINITIONS_VERSION ? DEFINITIONS : undefined;

/** Whether the lake registry defines the table, or the store already holds it. */
async function tableExists(store: ObjectStore, name: string): Promise<boolean> {
  if (LAKE_TABLES.some((table) => table.name === name)) return true;
  return (await store.list(`lake/${name}/`)).length > 0;
}

async function latestRecords(
  store: ObjectStore,
  table: string,
  dt: string,
  columns: readonly string[],
): Promise<LakeRecord[] | undefined> {
  if (!(await tableExists(store, table))) return undefined;
  const day = await latestPartitionDay(store, table, dt);
  if (!day) return undefined;
  return readLakeRecords(store, table, { fromDt: day, toDt: day }, columns);
}

export async function reportDataFromLake(
  store: ObjectStore,
  dt: string,
  options: ReportFromLakeOptions = {},
): Promise<ReportData> {
  const trendDays = options.trendDays ?? 28;
  const scorecards = await readLakeRecords(
    store,
    SCORECARDS_TABLE,
    { fromDt: daysBefore(dt, trendDays - 1), toDt: dt },
    SCORECARD_COLUMN_NAMES,
  );
  const sections = scorecardSections(scorecards, dt, options.period ?? 'to_date');
  const workflows = sections.categories.flatMap((c) => c.workflows);
  const liftRows = await latestRecords(store, LIFT_TABLE, dt, LIFT_COLUMN_NAMES);
  const ltvRows = await latestRecords(store, LTV_TABLE, dt, LTV_COLUMN_NAMES);
  const definitions: DefinitionsText[] = sections.definitionsVersions.map((version) => ({
    version,
    text:
      (options.definitionsText ?? scorecardDefinitions)(version) ??
      `Scorecard definitions version ${version}: this build knows ${DEFINITIONS_VERSION} only; see that version's shared/scorecards/definitions.ts.`,
  }));
  return {
    dt,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    period: sections.period,
    categories: sections.categories,
    optOutTrend: sections.optOutTrend,
    fatigue: sections.fatigue,
    definitions,
    lift: liftRows ? liftReports(liftRows, workflows) : undefined,
    ltv: ltvRows ? ltvReport(ltvRows, workflows[0]?.currency ?? 'USD') : undefined,
  };
}
