import type { LakeTable } from '../../lake/lakeTable.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { partitionPrefix, partKey, type ReplacedPartition } from '../../lake/partitions.js';

/** `…/dt=YYYY-MM-DD/<file>`: the Hive folders an UNLOAD (or DuckDB COPY) partitioned by dt writes. */
const STAGED_DAY = /(?:^|\/)dt=(\d{4}-\d{2}-\d{2})\/[^/]+$/;

/** Staged objects under `prefix` by the day folder they are in. */
export async function stagedByDay(store: ObjectStore, prefix: string): Promise<Map<string, string[]>> {
  const byDay = new Map<string, string[]>();
  for (const key of await store.list(prefix)) {
    const day = STAGED_DAY.exec(key)?.[1];
    if (!day) continue; // Athena's own manifest and metadata files
    const keys = byDay.get(day) ?? [];
    keys.push(key);
    byDay.set(day, keys);
  }
  return byDay;
}

/**
 * `replacePartition` for parts that are already Parquet (files an engine wrote): puts them as
 * the day's parts, named like every other part, then deletes what was there before. A failed
 * put removes the parts this call added and leaves the old day. Zero parts empties the day.
 */
export async function replacePartitionWithParts(
  store: ObjectStore,
  table: LakeTable,
  dt: string,
  parts: readonly Uint8Array[],
  runId: string,
  rows: number,
): Promise<ReplacedPartition> {
  const prefix = partitionPrefix(table, dt);
  const before = new Set(await store.list(prefix));
  const written: string[] = [];
  try {
    for (const [n, body] of parts.entries()) {
      const key = partKey(table, dt, runId, n);
      await store.put(key, body);
      written.push(key);
    }
  } catch (error) {
    await store.delete(written.filter((key) => !before.has(key))).catch(() => undefined);
    throw error;
  }
  const keep = new Set(written);
  const stale = (await store.list(prefix)).filter((key) => !keep.has(key));
  await store.delete(stale);
  return { written, deleted: stale, rows };
}
