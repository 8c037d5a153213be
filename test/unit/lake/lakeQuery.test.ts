import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogResult,
  describeLake,
  type LocalLake,
  openLocalLake,
} from '../../../infra/local/lakeQuery.js';
import { formatJson } from '../../../infra/local/queryFormat.js';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../../shared/lake/partitions.js';
import { LAKE_TABLES } from '../../../shared/lake/tables/index.js';
import { everyKindRows, everyKindTable, tempDir } from './lakeSamples.js';

let tmp: ReturnType<typeof tempDir>;
let lake: LocalLake;
beforeAll(async () => {
  tmp = tempDir();
  const store = new LocalObjectStore(tmp.dir);
  await replacePartition(store, everyKindTable, '2026-11-24', everyKindRows(), 'r1');
  await replacePartition(store, everyKindTable, '2026-11-25', everyKindRows().slice(0, 1), 'r1');
  lake = await openLocalLake(tmp.dir, [...LAKE_TABLES, everyKindTable]);
});
afterAll(() => {
  lake.close();
  tmp.remove();
});

describe('Function: openLocalLake', () => {
  it('answers SQL over the table’s views, typed as the registry declares', async () => {
    const result = await lake.query(
      'SELECT dt, count(*) AS n, max(amount_minor) AS top, min(day) AS first FROM every_kind GROUP BY dt ORDER BY dt',
    );
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['dt', 'VARCHAR'],
      ['n', 'BIGINT'],
      ['top', 'BIGINT'],
      ['first', 'DATE'],
    ]);
    expect(JSON.parse(formatJson(result))).toEqual([
      { dt: '2026-11-24', n: 2, top: '9223372036854775807', first: '2024-02-29' },
      { dt: '2026-11-25', n: 1, top: '9223372036854775807', first: '2026-11-25' },
    ]);
  });

  it('gives a table with no files yet an empty view, so queries on it still run', async () => {
    for (const table of LAKE_TABLES) {
      const result = await lake.query(`SELECT count(*) AS n FROM ${table.name}`);
      expect(result.rows, table.name).toEqual([[0n]]);
    }
  });

  it('runs every statement of a script and answers with the last', async () => {
    const result = await lake.query(
      "CREATE TEMP TABLE picked AS SELECT text FROM every_kind WHERE dt = '2026-11-24';\nSELECT count(*) AS n FROM picked;",
    );
    expect(result.rows).toEqual([[2n]]);
  });

  it('rejects SQL DuckDB cannot parse or bind', async () => {
    await expect(lake.query('SELEC 1')).rejects.toThrow(/syntax error/);
    await expect(lake.query('SELECT nope FROM events')).rejects.toThrow(/nope/);
  });

  it('counts each table’s parts and days', () => {
    expect(lake.tables.map(({ table, parts, days }) => [table.name, parts, days])).toEqual([
      ...LAKE_TABLES.map((t) => [t.name, 0, 0]),
      ['every_kind', 2, 2],
    ]);
  });
});

describe('Function: describeLake', () => {
  it('lists each table with its data and every column with its type and description', () => {
    const text = describeLake(lake);
    expect(text).toContain('every_kind  (2 parts over 2 days)');
    expect(text).toMatch(/ {2}amount_minor +BIGINT NOT NULL +A 64-bit integer\./);
    expect(text).toMatch(/ {2}dt +VARCHAR NOT NULL +Partition/);
    for (const table of LAKE_TABLES) expect(text).toContain(`${table.name}  (no data yet)`);
  });

  it('has a row per column, dt included, for --json and --csv', () => {
    const rows = catalogResult(lake).rows.filter(([table]) => table === 'every_kind');
    expect(rows.map(([, column]) => column)).toEqual([...Object.keys(everyKindTable.columns), 'dt']);
  });
});
