import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { duckdbViewSql } from '../../shared/lake/duckdb.js';
import type { LakeTable } from '../../shared/lake/lakeTable.js';

/** A fresh temp directory for a lake; remove it in afterAll. */
export function tempLakeDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every `.parquet` file under `root`, as paths. */
export function parquetFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.parquet')) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

/** Every string value in every Parquet file under `root`, read back by hyparquet (not DuckDB). */
export async function stringsInParquet(
  root: string,
): Promise<{ file: string; column: string; value: string }[]> {
  const strings: { file: string; column: string; value: string }[] = [];
  for (const file of parquetFiles(root)) {
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value === 'string') strings.push({ file, column, value });
      }
    }
  }
  return strings;
}

/** DuckDB over a local lake root, with the registry's views (empty views for tables without files). */
export async function lakeDuckdb(root: string, tables: readonly LakeTable[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const refresh = async () => {
    for (const table of tables) {
      const empty = !parquetFiles(root).some((f) => f.includes(`/lake/${table.name}/`));
      await connection.run(duckdbViewSql(table, root, { empty }));
    }
  };
  await refresh();
  return {
    /** Re-creates the views, so a table that got its first files is read. */
    refresh,
    async rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    },
    /** `SELECT <key>, count(*)` as a plain object, e.g. events per type. */
    async countsBy(table: string, key: string): Promise<Record<string, number>> {
      const rows = await this.rows(`SELECT ${key} AS k, count(*) AS n FROM ${table} GROUP BY 1 ORDER BY 1`);
      return Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** What a raw phone number or email looks like in a lake value. */
export const RAW_PHONE = /(?:\+|%2B)[1-9]\d{6,14}/i;
export const RAW_EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/i;
