import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { AthenaQueryStatus, AthenaRunner } from '../../shared/attribution/job/athenaRunner.js';
import { duckdbViewSql } from '../../shared/lake/duckdb.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import { DUCKDB_DIALECT } from '../../shared/sql/dialect.js';
import type { LocalSqlRunner } from '../../shared/sql/localSqlRunner.js';
import { countParts } from './lakeQuery.js';

/**
 * DuckDB standing in for Athena on a laptop (the jobs' `duckdb` engine) and in the tests: the
 * lake registry's views over a local lake (empty ones for tables without files), the dialect
 * settings that run the Trino text unchanged, and an AthenaRunner over them. Local only:
 * @duckdb/node-api is a devDependency and never enters a Lambda bundle.
 */
export async function openDuckdbLake(
  lakeRoot: string,
  options: { threads?: number; memoryLimit?: string } = {},
) {
  const instance = await DuckDBInstance.create(':memory:', {
    ...(options.threads ? { threads: String(options.threads) } : {}),
    // Past the limit DuckDB spills joins and aggregates to disk instead of growing: a laptop
    // (and this 2-core machine) has other work beside it. Row order never matters to the twins.
    memory_limit: options.memoryLimit ?? process.env.DUCKDB_MEMORY_LIMIT ?? '3GB',
    preserve_insertion_order: 'false',
    temp_directory: join(tmpdir(), 'duckdb-lake-spill'),
  });
  const connection = await instance.connect();
  // A job writes days between queries: the views are remade before each, so new tables appear.
  const refresh = async () => {
    for (const table of LAKE_TABLES) {
      const empty = countParts(lakeRoot, table).parts === 0;
      await connection.run(duckdbViewSql(table, lakeRoot, { empty }));
    }
  };
  await refresh();
  for (const statement of DUCKDB_DIALECT) await connection.run(statement);
  return {
    connection,
    refresh,
    async rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export type DuckdbLake = Awaited<ReturnType<typeof openDuckdbLake>>;

/** The pretend bucket the stand-in maps onto the local lake root. */
export const LOCAL_BUCKET_URI = 's3://local-lake/';

const UNLOAD =
  /^UNLOAD \(\n([\s\S]*)\n\) TO '([^']+)' WITH \(format = 'PARQUET', compression = 'SNAPPY', partitioned_by = ARRAY\['dt'\]\)$/;

/**
 * An AthenaRunner that runs on DuckDB: UNLOAD becomes COPY … (FORMAT PARQUET, PARTITION_BY
 * (dt)) into the lake directory the pretend bucket maps to, which writes the same Hive
 * folders. Queries run in the background; status answers RUNNING until they settle, then
 * SUCCEEDED or FAILED with DuckDB's message as the reason, as Athena reports.
 */
export function duckdbAthenaRunner(db: DuckdbLake, lakeRoot: string): AthenaRunner & { started: string[] } {
  const queries = new Map<string, { status: AthenaQueryStatus }>();
  const started: string[] = [];
  return {
    started,
    async start(sql) {
      const id = `q-${queries.size + 1}`;
      started.push(sql);
      const entry = { status: { state: 'RUNNING' } as AthenaQueryStatus };
      queries.set(id, entry);
      const unload = UNLOAD.exec(sql);
      const target = unload ? join(lakeRoot, unload[2]!.slice(LOCAL_BUCKET_URI.length)) : '';
      // S3 has no folders to create first; DuckDB makes only the last one.
      if (unload) mkdirSync(dirname(target), { recursive: true });
      const statement = unload
        ? `COPY (${unload[1]}) TO '${target}' (FORMAT PARQUET, COMPRESSION SNAPPY, PARTITION_BY (dt))`
        : sql;
      db.refresh()
        .then(() => db.connection.run(statement))
        .then(
          () => {
            entry.status = { state: 'SUCCEEDED' };
          },
          (error: Error) => {
            entry.status = { state: 'FAILED', reason: error.message };
          },
        );
      return id;
    },
    async status(id) {
      const entry = queries.get(id);
      if (!entry) return { state: 'FAILED', reason: `unknown query ${id}` };
      return entry.status;
    },
  };
}

/** The local `duckdb` engine's runner over the lake folder (see shared/sql/localSqlRunner.ts). */
export async function duckdbLocalSqlRunner(lakeRoot: string): Promise<LocalSqlRunner> {
  const db = await openDuckdbLake(lakeRoot);
  return {
    ...duckdbAthenaRunner(db, lakeRoot),
    s3Uri: (key) => `${LOCAL_BUCKET_URI}${key}`,
    close: () => db.close(),
  };
}
