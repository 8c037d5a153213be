import { stagedByDay } from '../attribution/job/stagedParts.js';
import { parquetRowCount } from '../lake/lakeColumns.js';
import type { LakeTable } from '../lake/lakeTable.js';
import type { ObjectStore } from '../lake/objectStore.js';
import { replacePartitionWithParts } from '../lake/partitions.js';

/**
 * How a SQL twin's answer becomes lake days: the query is UNLOADed as Parquet partitioned by
 * dt to a staging prefix of the run (under `lake/_staging/`, which no table's location
 * covers); once it succeeded, each day of the run is replaced with its staged files, as the
 * TypeScript engines replace a day with the parts they encode. Nothing changes a table before
 * that, so a failed query leaves the lake as it was.
 */

/**
 * Days one UNLOAD may cover: it writes at most 100 partitions, and each day is one.
 * @see https://docs.aws.amazon.com/athena/latest/ug/unload.html
 */
export const UNLOAD_MAX_DAYS = 100;

/** UNLOAD of a query whose last column is dt, to Parquet partitioned by it. */
export function unloadSql(query: string, targetUri: string): string {
  if (!/^s3:\/\/[^'\s]+\/$/.test(targetUri))
    throw new Error(`UNLOAD target "${targetUri}" must be an s3:// folder`);
  return `UNLOAD (\n${query}\n) TO '${targetUri}' WITH (format = 'PARQUET', compression = 'SNAPPY', partitioned_by = ARRAY['dt'])`;
}

/**
 * Replaces each of `days` of `table` with the parts staged under `prefix` (a day without parts
 * becomes empty); `onPart` sees each part first. Staged days outside `days` are an error: the
 * query answered for days this run does not own. Returns the rows per day.
 */
export async function replaceDaysFromStaging(
  store: ObjectStore,
  table: LakeTable,
  prefix: string,
  days: readonly string[],
  runId: string,
  onPart?: (body: Uint8Array, day: string) => Promise<void>,
): Promise<Map<string, number>> {
  const byDay = await stagedByDay(store, prefix);
  const outside = [...byDay.keys()].filter((day) => !days.includes(day));
  if (outside.length > 0)
    throw new Error(`${table.name}: staged days outside the run: ${outside.join(', ')}`);
  const rowsByDay = new Map<string, number>();
  for (const day of days) {
    const parts: Uint8Array[] = [];
    let rows = 0;
    for (const key of byDay.get(day) ?? []) {
      const body = await store.get(key);
      if (!body) throw new Error(`staged part ${key} vanished`);
      rows += parquetRowCount(body);
      parts.push(body);
      await onPart?.(body, day);
    }
    await replacePartitionWithParts(store, table, day, parts, runId, rows);
    rowsByDay.set(day, rows);
  }
  return rowsByDay;
}
