import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalObjectStore, localLakeRoot } from '../../../shared/lake/localObjectStore.js';
import { tempDir } from './lakeSamples.js';

let tmp: ReturnType<typeof tempDir>;
let store: LocalObjectStore;
beforeEach(() => {
  tmp = tempDir();
  store = new LocalObjectStore(tmp.dir);
});
afterEach(() => tmp.remove());

const bytes = (text: string) => new TextEncoder().encode(text);
const PART = 'lake/events/dt=2026-11-25/part-r1-00000.parquet';

describe('Adapter: LocalObjectStore', () => {
  it('stores an object at <root>/<key>, laid out like the bucket', async () => {
    await store.put(PART, bytes('one'));
    expect(existsSync(join(tmp.dir, 'lake', 'events', 'dt=2026-11-25', 'part-r1-00000.parquet'))).toBe(true);
    expect(await store.get(PART)).toEqual(bytes('one'));
  });

  it('replaces an object whole and leaves no temp file behind', async () => {
    await store.put(PART, bytes('old'));
    await store.put(PART, bytes('new, longer'));
    expect(await store.get(PART)).toEqual(bytes('new, longer'));
    expect(readdirSync(join(tmp.dir, 'lake', 'events', 'dt=2026-11-25'))).toEqual(['part-r1-00000.parquet']);
  });

  it('answers undefined for a missing object', async () => {
    expect(await store.get('lake/events/dt=2026-11-25/nothing.parquet')).toBeUndefined();
  });

  it('lists keys by prefix, sorted, including a prefix that ends mid-name', async () => {
    for (const key of [
      'lake/events/dt=2026-11-26/part-b.parquet',
      'lake/events/dt=2026-11-25/part-b.parquet',
      'lake/events/dt=2026-11-25/part-a.parquet',
      'lake/send_decisions/dt=2026-11-25/part-a.parquet',
    ]) {
      await store.put(key, bytes(key));
    }
    expect(await store.list('lake/events/')).toEqual([
      'lake/events/dt=2026-11-25/part-a.parquet',
      'lake/events/dt=2026-11-25/part-b.parquet',
      'lake/events/dt=2026-11-26/part-b.parquet',
    ]);
    expect(await store.list('lake/events/dt=2026-11-2')).toHaveLength(3);
    expect(await store.list('lake/events/dt=2026-11-25/part-a')).toEqual([
      'lake/events/dt=2026-11-25/part-a.parquet',
    ]);
    expect(await store.list('lake/nothing/')).toEqual([]);
  });

  it('never lists a temp file a writer left mid-put', async () => {
    await store.put(PART, bytes('one'));
    writeFileSync(join(tmp.dir, 'lake', 'events', 'dt=2026-11-25', '.abc123.tmp'), 'partial');
    expect(await store.list('lake/')).toEqual([PART]);
  });

  it('deletes keys, ignores missing ones and removes folders left empty', async () => {
    const other = 'lake/events/dt=2026-11-26/part-r1-00000.parquet';
    await store.put(PART, bytes('one'));
    await store.put(other, bytes('two'));
    await store.delete([PART, 'lake/events/dt=2026-11-25/gone.parquet']);
    expect(await store.list('lake/')).toEqual([other]);
    expect(existsSync(join(tmp.dir, 'lake', 'events', 'dt=2026-11-25'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'lake', 'events'))).toBe(true);
    await store.delete([other]);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it.each(['../escape.parquet', 'lake/../../escape', '/etc/passwd', 'lake//x', 'lake/x/', '', 'lake\\x'])(
    'refuses the key %j',
    async (key) => {
      await expect(store.put(key, bytes('x'))).rejects.toThrow(/invalid object key/);
      await expect(store.get(key)).rejects.toThrow(/invalid object key/);
    },
  );
});

describe('Function: localLakeRoot', () => {
  it.each([
    [{}, resolve('.data/lake-bucket')],
    [{ DATA_DIR: '/srv/data' }, '/srv/data/lake-bucket'],
    [{ DATA_DIR: '/srv/data', LAKE_DIR: '/mnt/lake' }, '/mnt/lake'],
  ])('resolves %j to %s', (env, root) => {
    expect(localLakeRoot(env)).toBe(root);
  });
});
