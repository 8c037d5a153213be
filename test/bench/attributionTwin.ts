// The attribution engine beside its SQL twin, in one run, over one synthetic lake:
//   npx tsx test/bench/attributionTwin.ts [--touches 1000000 --outcomes 50000 --contacts 100000 --seed S
//     --semi-space-mb 64 --keep]
// One JSON document on stdout, progress on stderr. Each engine runs in its own child process so
// its peak memory (max RSS) is its own: the TypeScript engine as the Lambda job runs it (read the
// lake with hyparquet, index, attribute, write both tables with the lake writer), then DuckDB
// running the SQL twin over the same `events` view and writing the same two tables as Parquet.
// Last, DuckDB compares both outputs: row counts, sums, an order-independent checksum and
// EXCEPT ALL both ways.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { planAttribution } from '../../shared/attribution/job/plan.js';
import { prepareAttribution } from '../../shared/attribution/job/prepare.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../shared/attribution/rules.js';
import { attributionQueries, DUCKDB_DIALECT } from '../../shared/attribution/sql/attributionSql.js';
import { duckdbViewSql } from '../../shared/lake/duckdb.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import {
  attributionCreditsTable,
  eventsTable,
  pipelineOutcomesTable,
} from '../../shared/lake/tables/index.js';
import { lakeDays, type SyntheticLakeSizes, writeSyntheticLake } from './syntheticLake.js';

export interface AttributionTwinSizes {
  /** @default 1 000 000 */
  touches?: number;
  /** @default 50 000 */
  outcomes?: number;
  /** @default 100 000 */
  contacts?: number;
  seed?: number;
  /** Keep the lake directory (its path is in the result). */
  keep?: boolean;
  /** Heap limit of the TypeScript child. @default 8192 MB */
  maxOldSpaceMb?: number;
  /**
   * V8 young generation of the TypeScript child (`--max-semi-space-size`): 64 MB lets a row
   * group's decoded columns die young instead of being promoted, a third less GC time.
   * @default Node's own (16 MB)
   */
  semiSpaceMb?: number;
}

const THIS_FILE = fileURLToPath(import.meta.url);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const s = (ms: number) => Math.round(ms) / 1000;
const progress = (line: string) => process.stderr.write(`${line}\n`);
const peakRssMb = () => mb(process.resourceUsage().maxRSS * 1024);

interface EngineResult {
  engine: string;
  seconds: Record<string, number>;
  peakRssMb: number;
  creditRows: number;
  outcomeRows: number;
  touches?: number;
}

/** Child: the TypeScript engine, the Lambda job's code path (lease aside), timed by phase. */
async function runTypescript(root: string, sizes: SyntheticLakeSizes): Promise<EngineResult> {
  const store = new LocalObjectStore(root);
  const plan = planAttribution(DEFAULT_ATTRIBUTION_RULES, lakeDays(sizes), new Date());
  const started = performance.now();
  const prepared = await prepareAttribution(store, plan, progress);
  let attributeMs = 0;
  let writeMs = 0;
  let creditRows = 0;
  let outcomeRows = 0;
  for (const day of plan.days) {
    const t0 = performance.now();
    const rows = prepared.rowsFor(day);
    const t1 = performance.now();
    await replacePartition(store, attributionCreditsTable, day, rows.credits, 'ts');
    await replacePartition(store, pipelineOutcomesTable, day, rows.outcomes, 'ts');
    writeMs += performance.now() - t1;
    attributeMs += t1 - t0;
    creditRows += rows.credits.length;
    outcomeRows += rows.outcomes.length;
  }
  const totalMs = performance.now() - started;
  const { readMs, historyMs, indexMs } = prepared.stats;
  return {
    engine: 'typescript (hyparquet read, TouchIndex, AttributionEngine, lake writer)',
    seconds: {
      readHistory: s(historyMs),
      readTouches: s(readMs - historyMs),
      read: s(readMs),
      index: s(indexMs),
      attribute: s(attributeMs),
      compute: s(readMs + indexMs + attributeMs),
      write: s(writeMs),
      total: s(totalMs),
    },
    peakRssMb: peakRssMb(),
    creditRows,
    outcomeRows,
    touches: prepared.stats.touches,
  };
}

/** Child: DuckDB running the SQL twin over the lake's `events` view. */
async function runDuckdb(root: string, sizes: SyntheticLakeSizes, outDir: string): Promise<EngineResult> {
  const plan = planAttribution(DEFAULT_ATTRIBUTION_RULES, lakeDays(sizes), new Date());
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(duckdbViewSql(eventsTable, root));
  for (const statement of DUCKDB_DIALECT) await connection.run(statement);
  const threads = (
    await connection.runAndReadAll("SELECT current_setting('threads') AS t")
  ).getRowObjectsJS()[0]!.t;
  const queries = attributionQueries(plan);
  const started = performance.now();
  await connection.run(`CREATE TABLE sql_credits AS ${queries.credits}`);
  const creditsDone = performance.now();
  await connection.run(`CREATE TABLE sql_outcomes AS ${queries.outcomes}`);
  const computed = performance.now();
  for (const [table, name] of [
    ['sql_credits', 'attribution_credits'],
    ['sql_outcomes', 'pipeline_outcomes'],
  ] as const) {
    await connection.run(
      `COPY ${table} TO '${join(outDir, name)}' (FORMAT PARQUET, COMPRESSION SNAPPY, PARTITION_BY (dt))`,
    );
  }
  const written = performance.now();
  const count = async (table: string) =>
    Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJS()[0]!.n);
  const result: EngineResult = {
    engine: `duckdb ${(await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]!.v} (${threads} threads), SQL twin`,
    seconds: {
      credits: s(creditsDone - started),
      outcomes: s(computed - creditsDone),
      compute: s(computed - started),
      write: s(written - computed),
      total: s(written - started),
    },
    peakRssMb: peakRssMb(),
    creditRows: await count('sql_credits'),
    outcomeRows: await count('sql_outcomes'),
  };
  connection.closeSync();
  instance.closeSync();
  return result;
}

const CHECKSUM_COLUMNS = {
  attribution_credits:
    'outcome_id, outcome_type, outcome_at, touch_event_id, touch_at, touch_kind, channel, program_id, kind, campaign_id, workflow_id, step, model, credit, credited_amount_minor, currency, rules_version, dt',
  pipeline_outcomes:
    'outcome_id, outcome_type, source_event_type, source, occurred_at, contact_id, account_id, level, opportunity_id, from_stage, to_stage, amount_minor, currency, lead_created_at, opportunity_created_at, influenced, eligible_touches, sourced, sourcing_touch_event_id, rules_version, dt',
} as const;

/** Both outputs, compared by DuckDB: counts, sums, a checksum of every row, EXCEPT ALL both ways. */
async function compareOutputs(root: string, outDir: string) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
  const report: Record<string, unknown> = {};
  let identical = true;
  for (const [table, columns] of Object.entries(CHECKSUM_COLUMNS)) {
    const ts = `read_parquet('${root}/lake/${table}/*/*.parquet', hive_partitioning = true, hive_types = {'dt': VARCHAR})`;
    const sql = `read_parquet('${outDir}/${table}/*/*.parquet', hive_partitioning = true, hive_types = {'dt': VARCHAR})`;
    const cast = (source: string) => {
      const cols = columns
        .split(', ')
        .map((c) => (c.endsWith('_at') ? `CAST(${c} AS TIMESTAMP) AS ${c}` : c))
        .join(', ');
      return `(SELECT ${cols} FROM ${source})`;
    };
    // Rounded: a parallel double sum depends on the order it adds in; the checksum is exact.
    const sums =
      table === 'attribution_credits'
        ? 'round(sum(credit), 6) AS credit_sum, sum(credited_amount_minor) AS amount_sum'
        : 'sum(amount_minor) AS amount_sum, count_if(influenced) AS influenced';
    const side = async (source: string) =>
      (
        await rows(
          `SELECT count(*) AS rows, ${sums}, bit_xor(hash(${columns})) AS checksum FROM ${cast(source)}`,
        )
      )[0]!;
    const [typescript, duckdb] = [await side(ts), await side(sql)];
    const onlyTs = Number(
      (await rows(`SELECT count(*) AS n FROM (${cast(ts)} EXCEPT ALL ${cast(sql)})`))[0]!.n,
    );
    const onlySql = Number(
      (await rows(`SELECT count(*) AS n FROM (${cast(sql)} EXCEPT ALL ${cast(ts)})`))[0]!.n,
    );
    const text = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]));
    const same =
      JSON.stringify(text(typescript)) === JSON.stringify(text(duckdb)) && onlyTs === 0 && onlySql === 0;
    identical &&= same;
    report[table] = {
      typescript: text(typescript),
      duckdb: text(duckdb),
      rowsOnlyInTypescript: onlyTs,
      rowsOnlyInDuckdb: onlySql,
      identical: same,
    };
  }
  connection.closeSync();
  instance.closeSync();
  return { identical, ...report };
}

function child(mode: 'typescript' | 'duckdb', args: string[], nodeFlags: string[]): EngineResult {
  const result = spawnSync(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', THIS_FILE, '--child', mode, ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0)
    throw new Error(`${mode} child failed (status ${result.status}, signal ${result.signal})`);
  return JSON.parse(result.stdout) as EngineResult;
}

/** Writes the synthetic lake, runs both engines on it, proves their outputs identical. */
export async function benchAttributionTwin(sizes: AttributionTwinSizes = {}) {
  const lake: SyntheticLakeSizes = {
    touches: sizes.touches ?? 1_000_000,
    outcomes: sizes.outcomes ?? 50_000,
    contacts: sizes.contacts ?? 100_000,
    seed: sizes.seed,
  };
  const dir = mkdtempSync(join(tmpdir(), 'attribution-twin-bench-'));
  const outDir = join(dir, 'duckdb-out');
  mkdirSync(outDir);
  try {
    progress(
      `attribution twin: writing a lake of ${lake.touches} touches, ${lake.outcomes} outcomes, ${lake.contacts} contacts`,
    );
    const written = await writeSyntheticLake(new LocalObjectStore(dir), lake, progress);
    progress(`  ${written.rows} events rows in ${written.partitions} partitions, ${s(written.writeMs)} s`);
    const args = [dir, JSON.stringify(lake), outDir];
    progress('attribution twin: TypeScript engine (child process)');
    const nodeFlags = [`--max-old-space-size=${sizes.maxOldSpaceMb ?? 8192}`];
    if (sizes.semiSpaceMb) nodeFlags.push(`--max-semi-space-size=${sizes.semiSpaceMb}`);
    const typescript = child('typescript', args, nodeFlags);
    progress(`  ${typescript.seconds.total} s, peak ${typescript.peakRssMb} MB`);
    progress('attribution twin: DuckDB running the SQL twin (child process)');
    const duckdb = child('duckdb', args, ['--max-old-space-size=2048']);
    progress(`  ${duckdb.seconds.total} s, peak ${duckdb.peakRssMb} MB`);
    progress('attribution twin: comparing the outputs');
    const proof = await compareOutputs(dir, outDir);
    const perSecond = (engine: EngineResult, seconds: number) => ({
      touchesPerSecond: Math.round(written.touches / seconds),
      creditRowsPerSecond: Math.round(engine.creditRows / seconds),
    });
    return {
      sizes: { ...lake, accounts: written.accounts, eventsRows: written.rows },
      machine: {
        cores: cpus().length,
        cpuModel: cpus()[0]?.model.trim(),
        memoryGb: mb(totalmem()) / 1024,
        node: process.version,
      },
      lakeWriteSeconds: s(written.writeMs),
      typescript: {
        ...typescript,
        nodeFlags,
        rowsPerSecond: perSecond(typescript, typescript.seconds.compute!),
      },
      duckdb: { ...duckdb, rowsPerSecond: perSecond(duckdb, duckdb.seconds.compute!) },
      ratio: {
        meaning: 'TypeScript ÷ DuckDB: above 1 the TypeScript engine is slower / uses more memory',
        compute: Math.round((typescript.seconds.compute! / duckdb.seconds.compute!) * 100) / 100,
        total: Math.round((typescript.seconds.total! / duckdb.seconds.total!) * 100) / 100,
        peakRss: Math.round((typescript.peakRssMb / duckdb.peakRssMb) * 100) / 100,
      },
      proof,
      lakeDir: sizes.keep ? dir : undefined,
    };
  } finally {
    if (!sizes.keep) rmSync(dir, { recursive: true, force: true });
  }
}

function argValue(args: string[], name: string): number | undefined {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(args[at + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, mode, root, sizes, outDir] = args;
    const lake = JSON.parse(sizes!) as SyntheticLakeSizes;
    const result =
      mode === 'typescript' ? await runTypescript(root!, lake) : await runDuckdb(root!, lake, outDir!);
    process.stdout.write(JSON.stringify(result));
  } else {
    const result = await benchAttributionTwin({
      touches: argValue(args, 'touches'),
      outcomes: argValue(args, 'outcomes'),
      contacts: argValue(args, 'contacts'),
      seed: argValue(args, 'seed'),
      keep: args.includes('--keep'),
      semiSpaceMb: argValue(args, 'semi-space-mb'),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.proof.identical) process.exitCode = 1;
  }
}
