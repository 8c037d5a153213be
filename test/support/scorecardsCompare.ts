import { scorecardsTable } from '../../shared/lake/tables/scorecards.js';
import type { ScorecardSettings } from '../../shared/scorecards/scorecards.js';
import { type ScorecardsSqlPlan, scorecardsQuery } from '../../shared/scorecards/sql/scorecardsSql.js';
import type { TwinDuckdb } from './duckdbTwin.js';

/**
 * Scorecard rows of both engines side by side: the rows the TypeScript job wrote to the lake
 * and the rows the SQL twin answers on DuckDB. Counts and money must be equal; doubles (rates,
 * medians, scores) may differ by 1e-9 (relative above 1), as sums in another order do.
 */
const ORDER_BY = 'dt, period, level, kind NULLS FIRST, key';
const DOUBLES = new Set(
  Object.entries(scorecardsTable.columns)
    .filter(([, column]) => column.kind === 'double')
    .map(([name]) => name),
);
export const RATIO_TOLERANCE = 1e-9;

type Row = Record<string, unknown>;

const plain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
};

/** What the lake's scorecards view holds for `days`, sorted. */
export async function lakeScorecardRows(db: TwinDuckdb, days: readonly string[]): Promise<Row[]> {
  await db.refresh();
  const list = days.map((day) => `'${day}'`).join(', ');
  return db.rows(`SELECT * FROM scorecards WHERE dt IN (${list}) ORDER BY ${ORDER_BY}`);
}

/** What the SQL twin answers for the run, sorted the same way. */
export async function twinScorecardRows(
  db: TwinDuckdb,
  settings: ScorecardSettings,
  plan: ScorecardsSqlPlan,
): Promise<Row[]> {
  await db.refresh();
  return db.rows(`SELECT * FROM (${scorecardsQuery(settings, plan)}) AS q ORDER BY ${ORDER_BY}`);
}

const rowKey = (row: Row) => [row.dt, row.period, row.level, row.kind, row.key].join(' | ');

/** The first row or column where the two differ, described; undefined when they agree. */
export function firstScorecardDifference(ts: readonly Row[], sql: readonly Row[]): string | undefined {
  const sqlByKey = new Map(sql.map((row) => [rowKey(row), row]));
  const tsKeys = new Set(ts.map(rowKey));
  for (const row of ts) {
    const key = rowKey(row);
    const other = sqlByKey.get(key);
    if (!other) return `only TypeScript has ${key}`;
    for (const [name, value] of Object.entries(row)) {
      const a = plain(value);
      const b = plain(other[name]);
      if (DOUBLES.has(name) && typeof a === 'number' && typeof b === 'number') {
        if (Math.abs(a - b) <= RATIO_TOLERANCE * Math.max(1, Math.abs(a))) continue;
      } else if (a === b) continue;
      return `${key}: ${name} is ${String(a)} in TypeScript, ${String(b)} in SQL`;
    }
  }
  const extra = sql.find((row) => !tsKeys.has(rowKey(row)));
  return extra ? `only SQL has ${rowKey(extra)}` : undefined;
}
