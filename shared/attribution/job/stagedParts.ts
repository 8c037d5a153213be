import type { ObjectStore } from '../../lake/objectStore.js';

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
