import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryMarkdown } from '../../../shared/lake/dictionary.js';
import { duckdbViewSql } from '../../../shared/lake/duckdb.js';
import { glueColumns, gluePartitionKeys } from '../../../shared/lake/glue.js';
import type { ColumnKind, LakeTable } from '../../../shared/lake/lakeTable.js';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../../shared/lake/partitions.js';
import { LAKE_TABLES } from '../../../shared/lake/tables/index.js';
import { duckdb, everyKindTable, sampleRow, tempDir } from './lakeSamples.js';

/**
 * The contract, stated once and independently of the code under test: for each column kind,
 * what the Parquet file holds, what Glue declares for Athena, what the DuckDB view shows and
 * what the README dictionary says. Every registered table, plus a test table with every kind,
 * is checked against it, so the four derivations cannot drift apart.
 */
const CONTRACT: Record<
  ColumnKind,
  { parquet: [type: string, convertedType?: string]; glue: string; duckdb: string; dictionary: string }
> = {
  string: { parquet: ['BYTE_ARRAY', 'UTF8'], glue: 'string', duckdb: 'VARCHAR', dictionary: 'string' },
  json: { parquet: ['BYTE_ARRAY', 'UTF8'], glue: 'string', duckdb: 'VARCHAR', dictionary: 'string (JSON)' },
  timestamp: {
    parquet: ['INT64', 'TIMESTAMP_MILLIS'],
    glue: 'timestamp',
    duckdb: 'TIMESTAMP',
    dictionary: 'timestamp',
  },
  date: { parquet: ['INT32', 'DATE'], glue: 'date', duckdb: 'DATE', dictionary: 'date' },
  int: { parquet: ['INT32'], glue: 'int', duckdb: 'INTEGER', dictionary: 'int' },
  bigint: { parquet: ['INT64'], glue: 'bigint', duckdb: 'BIGINT', dictionary: 'bigint' },
  double: { parquet: ['DOUBLE'], glue: 'double', duckdb: 'DOUBLE', dictionary: 'double' },
  boolean: { parquet: ['BOOLEAN'], glue: 'boolean', duckdb: 'BOOLEAN', dictionary: 'boolean' },
};
/** The partition column every table ends with: a `YYYY-MM-DD` string everywhere. */
const PARTITION = { name: 'dt', glue: 'string', duckdb: 'VARCHAR', dictionary: 'string' };

const TABLES: LakeTable[] = [...LAKE_TABLES, everyKindTable];
const DAY = '2026-11-25';

let tmp: ReturnType<typeof tempDir>;
let db: Awaited<ReturnType<typeof duckdb>>;
const dictionary = dictionaryMarkdown(TABLES);
beforeAll(async () => {
  tmp = tempDir();
  db = await duckdb();
});
afterAll(() => {
  db.close();
  tmp.remove();
});

/** The rows of one table's section of the rendered markdown: [name, athena, duckdb, nullable]. */
function dictionaryRows(markdown: string, table: string): string[][] {
  const section = markdown.split(/^### /m).find((part) => part.startsWith(`\`${table}\``));
  if (!section) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, 5)
        .map((cell) => cell.trim().replace(/^`|`$/g, '')),
    );
}

describe('Registry', () => {
  it('gives every lake table its own name', () => {
    const names = TABLES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe.each(TABLES.map((table) => [table.name, table] as const))(
  'Registry agreement: %s',
  (_name, table) => {
    const columns = Object.entries(table.columns);
    const names = columns.map(([name]) => name);
    let key: string;
    let store: LocalObjectStore;

    beforeAll(async () => {
      store = new LocalObjectStore(tmp.dir);
      [key] = (await replacePartition(store, table, DAY, [sampleRow(table)], 'agreement')).written as [
        string,
      ];
    });

    it('writes Parquet files holding the registry columns in order, each with its kind’s type', async () => {
      const bytes = (await store.get(key))!;
      const schema = parquetMetadata(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ).schema;
      expect(schema.slice(1).map((e) => [e.name, e.type, e.converted_type, e.repetition_type])).toEqual(
        columns.map(([name, c]) => [
          name,
          ...padded(CONTRACT[c.kind].parquet),
          c.nullable ? 'OPTIONAL' : 'REQUIRED',
        ]),
      );
    });

    it('declares the same columns to Glue, then dt as the partition key', () => {
      expect(glueColumns(table).map((c) => [c.name, c.type])).toEqual(
        columns.map(([name, c]) => [name, CONTRACT[c.kind].glue]),
      );
      expect(gluePartitionKeys(table).map((c) => [c.name, c.type])).toEqual([
        [PARTITION.name, PARTITION.glue],
      ]);
    });

    it('shows the same columns in its DuckDB view over the written file, then dt', async () => {
      await db.connection.run(duckdbViewSql(table, tmp.dir));
      const described = await db.rows(`DESCRIBE "${table.name}"`);
      expect(described.map((d) => [d.column_name, d.column_type])).toEqual([
        ...columns.map(([name, c]) => [name, CONTRACT[c.kind].duckdb]),
        [PARTITION.name, PARTITION.duckdb],
      ]);
      const [row] = await db.rows(`SELECT * FROM "${table.name}"`);
      expect(row).toEqual({ ...sampleRow(table), ...dates(table), dt: DAY });
    });

    it('shows the same columns in its empty DuckDB view before any file exists', async () => {
      await db.connection.run(
        duckdbViewSql(table, '/nowhere', { empty: true }).replace(table.name, `${table.name}_empty`),
      );
      const described = await db.rows(`DESCRIBE "${table.name}_empty"`);
      expect(described.map((d) => [d.column_name, d.column_type])).toEqual([
        ...columns.map(([name, c]) => [name, CONTRACT[c.kind].duckdb]),
        [PARTITION.name, PARTITION.duckdb],
      ]);
      expect(await db.rows(`SELECT count(*) AS n FROM "${table.name}_empty"`)).toEqual([{ n: 0n }]);
    });

    it('lists the same columns in the README dictionary, then dt', () => {
      expect(dictionaryRows(dictionary, table.name)).toEqual([
        ...columns.map(([name, c]) => [
          name,
          CONTRACT[c.kind].dictionary,
          CONTRACT[c.kind].duckdb,
          c.nullable ? 'yes' : 'no',
        ]),
        [PARTITION.name, PARTITION.dictionary, PARTITION.duckdb, 'no'],
      ]);
      expect(names).not.toContain(PARTITION.name);
    });
  },
);

/** Parquet metadata leaves converted_type undefined for plain physical types. */
const padded = ([type, converted]: [string, string?]) => [type, converted];

/** DuckDB hands a DATE back as a Date at UTC midnight. */
const dates = (table: LakeTable) =>
  Object.fromEntries(
    Object.entries(table.columns)
      .filter(([, c]) => c.kind === 'date')
      .map(([name]) => [name, new Date(`${sampleRow(table)[name]}T00:00:00Z`)]),
  );
