import { type ColumnKind, type LakeTable, PARTITION_KEY } from './lakeTable.js';

/**
 * The DuckDB type each column kind is read as, the local twin of glue.ts's Athena types
 * (json stays VARCHAR, like Athena's string: `->>` and json_extract_string accept it).
 */
export const DUCKDB_TYPES: Record<ColumnKind, string> = {
  string: 'VARCHAR',
  json: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  date: 'DATE',
  int: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
};

/** `dt` is a string in Glue, so it is one here too (DuckDB would otherwise guess DATE). */
export const PARTITION_DUCKDB_TYPE = 'VARCHAR';

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Every part of the table under a local lake root laid out like the bucket. */
export function lakeGlob(table: Pick<LakeTable, 'name'>, lakeRoot: string): string {
  return `${lakeRoot.replace(/[\\/]+$/, '')}/lake/${table.name}/*/*.parquet`;
}

/**
 * `CREATE OR REPLACE VIEW <table>` over the table's Parquet files, each column cast to its
 * declared type and `dt` last, as Athena shows a Glue table. `union_by_name` lets old files
 * that predate a new column read it as NULL. With `empty` (no files yet: read_parquet would
 * fail on an empty glob) the view has the same columns and types and no rows.
 */
export function duckdbViewSql(table: LakeTable, lakeRoot: string, options: { empty?: boolean } = {}): string {
  const columns = Object.entries(table.columns);
  if (options.empty) {
    const typedNulls = columns.map(([name, c]) => `CAST(NULL AS ${DUCKDB_TYPES[c.kind]}) AS ${ident(name)}`);
    typedNulls.push(`CAST(NULL AS ${PARTITION_DUCKDB_TYPE}) AS ${ident(PARTITION_KEY)}`);
    return `CREATE OR REPLACE VIEW ${ident(table.name)} AS SELECT ${typedNulls.join(', ')} WHERE false`;
  }
  const casts = columns.map(
    ([name, c]) => `CAST(${ident(name)} AS ${DUCKDB_TYPES[c.kind]}) AS ${ident(name)}`,
  );
  casts.push(`CAST(${ident(PARTITION_KEY)} AS ${PARTITION_DUCKDB_TYPE}) AS ${ident(PARTITION_KEY)}`);
  const source = `read_parquet(${literal(lakeGlob(table, lakeRoot))}, hive_partitioning = true, union_by_name = true, hive_types = {${literal(PARTITION_KEY)}: ${PARTITION_DUCKDB_TYPE}})`;
  return `CREATE OR REPLACE VIEW ${ident(table.name)} AS SELECT ${casts.join(', ')} FROM ${source}`;
}
