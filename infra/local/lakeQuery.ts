import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';
import { dictionaryEntries } from '../../shared/lake/dictionary.js';
import { duckdbViewSql } from '../../shared/lake/duckdb.js';
import type { LakeTable } from '../../shared/lake/lakeTable.js';

/** A query's answer as plain JS: Dates, bigints, strings, numbers, booleans, nulls, nested values. */
export interface QueryResult {
  columns: { name: string; type: string; isDate: boolean; isNumeric: boolean }[];
  rows: unknown[][];
}

export interface LakeTableFiles {
  table: LakeTable;
  /** Parquet parts found under `<root>/lake/<table>/dt=*`. */
  parts: number;
  days: number;
}

export interface LocalLake {
  root: string;
  tables: LakeTableFiles[];
  /** Runs one or more `;`-separated statements; the answer is the last one's. */
  query(sql: string): Promise<QueryResult>;
  close(): void;
}

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/** Counts a table's parts the way the view's glob (`lake/<table>/*\/*.parquet`) would find them. */
export function countParts(root: string, table: Pick<LakeTable, 'name'>): { parts: number; days: number } {
  let parts = 0;
  let days = 0;
  const dir = join(root, 'lake', table.name);
  let partitions: string[];
  try {
    partitions = readdirSync(dir);
  } catch {
    return { parts, days };
  }
  for (const partition of partitions) {
    let files: string[];
    try {
      files = readdirSync(join(dir, partition));
    } catch {
      continue; // a stray file, not a partition folder
    }
    const found = files.filter((f) => f.endsWith('.parquet')).length;
    parts += found;
    if (found > 0) days += 1;
  }
  return { parts, days };
}

/**
 * An in-memory DuckDB with one view per lake table over the local lake (a directory laid out
 * like the bucket). It only reads the files, so it is safe beside a running `npm start` or a
 * lake export: parts are renamed into place whole, so a query sees old or new parts, never half.
 */
export async function openLocalLake(root: string, tables: readonly LakeTable[]): Promise<LocalLake> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const found = tables.map((table) => ({ table, ...countParts(root, table) }));
  for (const { table, parts } of found) {
    await connection.run(duckdbViewSql(table, root, { empty: parts === 0 }));
  }
  return {
    root,
    tables: found,
    async query(sql) {
      const statements = await connection.extractStatements(sql);
      if (statements.count === 0) throw new Error('no SQL statement to run');
      for (let i = 0; i < statements.count - 1; i += 1) await (await statements.prepare(i)).run();
      const reader = await (await statements.prepare(statements.count - 1)).runAndReadAll();
      const columns = reader.columnTypes().map((type, i) => ({
        name: reader.columnName(i),
        type: type.toString(),
        isDate: type.typeId === DuckDBTypeId.DATE,
        isNumeric: NUMERIC.has(type.typeId),
      }));
      return { columns, rows: reader.getRowsJS() };
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** With no SQL: every table's columns as a result set (for `--json` / `--csv`). */
export function catalogResult(lake: Pick<LocalLake, 'tables'>): QueryResult {
  const text = (name: string) => ({ name, type: 'VARCHAR', isDate: false, isNumeric: false });
  const rows = lake.tables.flatMap(({ table }) =>
    dictionaryEntries(table).map((e) => [
      table.name,
      e.name,
      e.athenaType,
      e.duckdbType,
      e.nullable,
      e.description,
    ]),
  );
  return {
    columns: [
      text('table'),
      text('column'),
      text('athena_type'),
      text('duckdb_type'),
      { name: 'nullable', type: 'BOOLEAN', isDate: false, isNumeric: false },
      text('description'),
    ],
    rows,
  };
}

/** With no SQL, as text: each table, how much data it has, and its columns with descriptions. */
export function describeLake(lake: Pick<LocalLake, 'root' | 'tables'>): string {
  const out = [`lake: ${lake.root}  (LAKE_DIR, else <DATA_DIR>/lake-bucket)`, ''];
  for (const { table, parts, days } of lake.tables) {
    const data =
      parts === 0
        ? 'no data yet'
        : `${parts} part${parts === 1 ? '' : 's'} over ${days} day${days === 1 ? '' : 's'}`;
    out.push(`${table.name}  (${data})`, `  ${table.description}`);
    const entries = dictionaryEntries(table);
    const nameWidth = Math.max(...entries.map((e) => e.name.length));
    const typeOf = (e: (typeof entries)[number]) => `${e.duckdbType}${e.nullable ? '' : ' NOT NULL'}`;
    const typeWidth = Math.max(...entries.map((e) => typeOf(e).length));
    for (const e of entries) {
      out.push(`  ${e.name.padEnd(nameWidth)}  ${typeOf(e).padEnd(typeWidth)}  ${e.description}`);
    }
    out.push('');
  }
  if (lake.tables.length === 0) out.push('no lake tables are defined', '');
  out.push('usage: npm run query -- "<SQL>" [--json | --csv]   npm run query -- --file q.sql');
  return `${out.join('\n')}\n`;
}
