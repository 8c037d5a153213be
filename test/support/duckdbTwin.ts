/**
 * DuckDB over a local lake, as the SQL twins run: the local `duckdb` engine's own pieces
 * (infra/local/duckdbAthena.ts), under the names the tests use.
 */
export {
  type DuckdbLake as TwinDuckdb,
  duckdbAthenaRunner,
  LOCAL_BUCKET_URI,
  openDuckdbLake as twinDuckdb,
} from '../../infra/local/duckdbAthena.js';
