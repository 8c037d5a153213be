import { type LakeTable, PARTITION_KEY } from './lakeTable.js';
import type { ObjectStore } from './objectStore.js';
import { writeParquet } from './parquet.js';

/** Rows per part file: several row groups each, few enough files that Athena plans fast. */
export const PART_ROWS = 1_000_000;

/** `lake/<table>/dt=YYYY-MM-DD/`: the Hive folder Glue's partition projection and DuckDB both read. */
export function partitionPrefix(table: Pick<LakeTable, 'name'>, dt: string): string {
  assertDay(dt);
  return `lake/${table.name}/${PARTITION_KEY}=${dt}/`;
}

/** `lake/<table>/dt=YYYY-MM-DD/part-<runId>-<n>.parquet`; n is zero-padded so keys sort in write order. */
export function partKey(table: Pick<LakeTable, 'name'>, dt: string, runId: string, n: number): string {
  if (!/^[A-Za-z0-9_-]+$/.test(runId)) throw new Error(`runId "${runId}" must be letters, digits, _ or -`);
  return `${partitionPrefix(table, dt)}part-${runId}-${String(n).padStart(5, '0')}.parquet`;
}

export interface ReplacedPartition {
  /** The parts now in the partition. */
  written: string[];
  /** The objects that were there before and are gone now. */
  deleted: string[];
  rows: number;
}

/**
 * Makes `rows` the whole content of one day of `table`, however often it runs:
 * 1. every part is encoded first, so a row the schema refuses changes nothing;
 * 2. the new parts are put (a failure removes the ones already put, leaving the old day);
 * 3. the old parts are deleted last.
 * Between 2 and 3 a reader can briefly see both (S3 has no multi-object swap); once it returns,
 * the day holds exactly `rows`. Zero rows empties the day. One writer per partition at a time.
 */
export async function replacePartition(
  store: ObjectStore,
  table: LakeTable,
  dt: string,
  rows: readonly unknown[],
  runId: string,
  options: { partRows?: number; rowGroupRows?: number } = {},
): Promise<ReplacedPartition> {
  const partRows = options.partRows ?? PART_ROWS;
  const parts: Uint8Array[] = [];
  for (let start = 0; start < rows.length; start += partRows) {
    parts.push(
      writeParquet(table, rows.slice(start, start + partRows), { rowGroupRows: options.rowGroupRows }),
    );
  }
  return replacePartitionWithParts(store, table, dt, parts, runId, rows.length);
}

/**
 * Steps 2 and 3 of `replacePartition` for parts that are already Parquet (encoded here, or files
 * an engine such as Athena's UNLOAD wrote): puts them as the day's parts, named like every other
 * part, then deletes what was there before. A failed put removes the parts this call added and
 * leaves the old day. Zero parts empties the day.
 */
export async function replacePartitionWithParts(
  store: ObjectStore,
  table: LakeTable,
  dt: string,
  parts: readonly Uint8Array[],
  runId: string,
  rows: number,
): Promise<ReplacedPartition> {
  const keys = parts.map((_, n) => partKey(table, dt, runId, n));
  const prefix = partitionPrefix(table, dt);
  const before = new Set(await store.list(prefix));

  const written: string[] = [];
  try {
    for (const [n, body] of parts.entries()) {
      await store.put(keys[n]!, body);
      written.push(keys[n]!);
    }
  } catch (error) {
    // Only remove what this run added: a key that existed before was overwritten in place.
    await store.delete(written.filter((key) => !before.has(key))).catch(() => undefined);
    throw error;
  }

  const keep = new Set(written);
  const stale = (await store.list(prefix)).filter((key) => !keep.has(key));
  await store.delete(stale);
  return { written, deleted: stale, rows };
}

function assertDay(dt: string): void {
  const ms = Date.parse(`${dt}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dt) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== dt) {
    throw new Error(`partition day "${dt}" must be a calendar date like 2026-11-25`);
  }
}
