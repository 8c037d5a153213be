import type { AttributionPlan } from '../../shared/attribution/job/plan.js';
import { attributionQueries } from '../../shared/attribution/sql/attributionSql.js';
import type { TwinDuckdb } from './duckdbTwin.js';

/** Row keys that make each table's rows unique, for sorting both sides the same way. */
export const ORDER = {
  attribution_credits: 'outcome_id, model, touch_event_id',
  pipeline_outcomes: 'outcome_id',
} as const;

/** Rows as comparable text: timestamps as epoch ms, 64-bit integers as digits, doubles exactly. */
export function comparable(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map((row) =>
    JSON.stringify(row, (_key, value) => {
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof Date) return value.getTime();
      if (typeof value === 'number' && Object.is(value, -0)) return '-0';
      return value;
    }),
  );
}

/** What the lake holds for a table, sorted. */
export async function lakeRows(db: TwinDuckdb, table: keyof typeof ORDER): Promise<string[]> {
  await db.refresh();
  return comparable(await db.rows(`SELECT * FROM ${table} ORDER BY ${ORDER[table]}`));
}

/** What the SQL twin answers for the plan, sorted the same way. */
export async function twinRows(
  db: TwinDuckdb,
  plan: AttributionPlan,
): Promise<Record<keyof typeof ORDER, string[]>> {
  await db.refresh();
  const queries = attributionQueries(plan);
  return {
    attribution_credits: comparable(
      await db.rows(`SELECT * FROM (${queries.credits}) AS q ORDER BY ${ORDER.attribution_credits}`),
    ),
    pipeline_outcomes: comparable(
      await db.rows(`SELECT * FROM (${queries.outcomes}) AS q ORDER BY ${ORDER.pipeline_outcomes}`),
    ),
  };
}

/** The first row where two sorted row lists differ, for a readable failure. */
export function firstDifference(a: readonly string[], b: readonly string[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return `row ${i}:\n  ${a[i] ?? '(none)'}\n  ${b[i] ?? '(none)'}`;
  }
  return undefined;
}
