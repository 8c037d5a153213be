import type { LakeTable } from '../../shared/lake/lakeTable.js';
import type { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';

// Lake fixtures for the holdouts job: rows written with the real writer, one partition per day.

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function writeByDay(
  store: LocalObjectStore,
  table: LakeTable,
  rows: { at: number; row: unknown }[],
) {
  const days = new Map<string, unknown[]>();
  for (const { at, row } of rows) {
    const list = days.get(dayOf(at)) ?? [];
    list.push(row);
    days.set(dayOf(at), list);
  }
  for (const [dt, list] of days) await replacePartition(store, table, dt, list, 'fixture');
}
