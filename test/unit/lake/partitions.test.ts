import { parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import type { ObjectStore } from '../../../shared/lake/objectStore.js';
import { LakeRowInvalidError } from '../../../shared/lake/parquet.js';
import { partitionPrefix, partKey, replacePartition } from '../../../shared/lake/partitions.js';
import { everyKindRows, everyKindTable, tempDir } from './lakeSamples.js';

let tmp: ReturnType<typeof tempDir>;
let store: LocalObjectStore;
beforeEach(() => {
  tmp = tempDir();
  store = new LocalObjectStore(tmp.dir);
});
afterEach(() => tmp.remove());

const DAY = '2026-11-25';
const PREFIX = `lake/every_kind/dt=${DAY}/`;

/** `n` valid rows, told apart by `text`. */
const rows = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ ...everyKindRows()[i % 2]!, text: `${tag}-${i}` }));

/** What the partition holds now, read back from every part. */
async function partitionTexts(day = DAY): Promise<string[]> {
  const texts: string[] = [];
  for (const key of await store.list(`lake/every_kind/dt=${day}/`)) {
    const bytes = (await store.get(key))!;
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    for (const row of await parquetReadObjects({ file, columns: ['text'] })) texts.push(String(row.text));
  }
  return texts.sort();
}

/** A store that records each call and can fail the nth put. */
function recording(inner: ObjectStore, failPut?: number) {
  const calls: string[] = [];
  let puts = 0;
  const wrapped: ObjectStore = {
    async put(key, body) {
      puts += 1;
      if (puts === failPut) throw new Error('S3 is down');
      calls.push(`put ${key}`);
      return inner.put(key, body);
    },
    get: (key) => inner.get(key),
    async list(prefix) {
      calls.push(`list ${prefix}`);
      return inner.list(prefix);
    },
    async delete(keys) {
      calls.push(`delete ${keys.join(',')}`);
      return inner.delete(keys);
    },
  };
  return { store: wrapped, calls };
}

describe('Function: replacePartition', () => {
  it('writes the rows as parts under lake/<table>/dt=<day>/', async () => {
    const result = await replacePartition(store, everyKindTable, DAY, rows(5, 'a'), 'run1', { partRows: 2 });
    expect(result.written).toEqual([0, 1, 2].map((n) => partKey(everyKindTable, DAY, 'run1', n)));
    expect(result.written[0]).toBe(`${PREFIX}part-run1-00000.parquet`);
    expect(await partitionTexts()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4']);
  });

  it('leaves exactly the new rows when rerun, whatever the run ids and part counts', async () => {
    await replacePartition(store, everyKindTable, DAY, rows(5, 'a'), 'run1', { partRows: 2 });
    await replacePartition(store, everyKindTable, DAY, rows(5, 'a'), 'run1', { partRows: 2 });
    expect(await partitionTexts()).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4']);

    const result = await replacePartition(store, everyKindTable, DAY, rows(3, 'b'), 'run2', { partRows: 2 });
    expect(await partitionTexts()).toEqual(['b-0', 'b-1', 'b-2']);
    expect(await store.list(PREFIX)).toEqual(result.written);
    expect(result.deleted).toHaveLength(3);
  });

  it('empties the partition, folder and all, for zero rows', async () => {
    await replacePartition(store, everyKindTable, DAY, rows(3, 'a'), 'run1');
    const result = await replacePartition(store, everyKindTable, DAY, [], 'run2');
    expect(result).toEqual({ written: [], deleted: [`${PREFIX}part-run1-00000.parquet`], rows: 0 });
    expect(await store.list('lake/')).toEqual([]);
  });

  it('leaves other days and other tables alone', async () => {
    await store.put('lake/other_table/dt=2026-11-25/part-x-00000.parquet', new Uint8Array([1]));
    await replacePartition(store, everyKindTable, '2026-11-24', rows(1, 'before'), 'run1');
    await replacePartition(store, everyKindTable, DAY, rows(1, 'a'), 'run1');
    await replacePartition(store, everyKindTable, DAY, [], 'run2');
    expect(await partitionTexts('2026-11-24')).toEqual(['before-0']);
    expect(await store.list('lake/other_table/')).toHaveLength(1);
  });

  it('deletes the old parts only after every new part is in place', async () => {
    await replacePartition(store, everyKindTable, DAY, rows(2, 'a'), 'run1');
    const { store: spy, calls } = recording(store);
    await replacePartition(spy, everyKindTable, DAY, rows(3, 'b'), 'run2', { partRows: 2 });
    expect(calls).toEqual([
      `list ${PREFIX}`,
      `put ${PREFIX}part-run2-00000.parquet`,
      `put ${PREFIX}part-run2-00001.parquet`,
      `list ${PREFIX}`,
      `delete ${PREFIX}part-run1-00000.parquet`,
    ]);
  });

  it('changes nothing when a row is invalid, even in a later part', async () => {
    await replacePartition(store, everyKindTable, DAY, rows(2, 'a'), 'run1');
    const bad = [...rows(3, 'b'), { ...rows(1, 'b')[0], count: 1.5 }];
    await expect(replacePartition(store, everyKindTable, DAY, bad, 'run2', { partRows: 2 })).rejects.toThrow(
      LakeRowInvalidError,
    );
    expect(await partitionTexts()).toEqual(['a-0', 'a-1']);
  });

  it('removes the parts it added and keeps the old day when a put fails', async () => {
    await replacePartition(store, everyKindTable, DAY, rows(2, 'a'), 'run1');
    const { store: failing } = recording(store, 2);
    await expect(
      replacePartition(failing, everyKindTable, DAY, rows(3, 'b'), 'run2', { partRows: 2 }),
    ).rejects.toThrow('S3 is down');
    expect(await store.list(PREFIX)).toEqual([`${PREFIX}part-run1-00000.parquet`]);
    expect(await partitionTexts()).toEqual(['a-0', 'a-1']);
  });

  it.each([
    ['a day that is not a date', '2026-13-01', 'run1', /partition day "2026-13-01"/],
    ['a day with a path in it', '2026-11-25/../x', 'run1', /partition day/],
    ['a run id with a slash', DAY, 'run/1', /runId "run\/1"/],
  ])('refuses %s', async (_case, day, runId, message) => {
    await expect(replacePartition(store, everyKindTable, day, rows(1, 'a'), runId)).rejects.toThrow(message);
    expect(await store.list('lake/')).toEqual([]);
  });

  it('builds the Hive prefix Glue and DuckDB read', () => {
    expect(partitionPrefix({ name: 'events' }, DAY)).toBe('lake/events/dt=2026-11-25/');
  });
});
