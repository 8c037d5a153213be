import { type PartitionRange, partitionParts, readLakeColumns } from '../lake/lakeColumns.js';
import type { ObjectStore } from '../lake/objectStore.js';

/**
 * Lake rows as plain records, read by table name with hyparquet (no DuckDB in a Lambda). The
 * report asks for every column name it knows under any spelling; a column a file lacks reads as
 * null, so the report degrades to "n/a" instead of failing when a table is older or newer.
 */
export type LakeRecord = Record<string, unknown> & { dt: string };

export async function readLakeRecords(
  store: ObjectStore,
  table: string,
  range: PartitionRange,
  columns: readonly string[],
): Promise<LakeRecord[]> {
  const records: LakeRecord[] = [];
  for await (const batch of readLakeColumns(store, { name: table }, range, columns)) {
    const data = columns.map((name) => batch.column(name));
    for (let i = 0; i < batch.length; i += 1) {
      const record: LakeRecord = { dt: batch.dt };
      columns.forEach((name, c) => {
        record[name] = data[c]![i] ?? null;
      });
      records.push(record);
    }
  }
  return records;
}

/** The last partition day of `table` on or before `dt`, if any. */
export async function latestPartitionDay(
  store: ObjectStore,
  table: string,
  dt?: string,
): Promise<string | undefined> {
  const parts = await partitionParts(store, { name: table }, dt ? { toDt: dt } : {});
  return parts.reduce<string | undefined>(
    (latest, part) => (!latest || part.dt > latest ? part.dt : latest),
    undefined,
  );
}

/** A finite number, or null (null, undefined, NaN, strings). */
export function num(value: unknown): number | null {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** a / b, or null when either is unknown or b is 0. */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

/** `dt` minus `days` days, as YYYY-MM-DD. */
export function daysBefore(dt: string, days: number): string {
  return new Date(Date.parse(`${dt}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
