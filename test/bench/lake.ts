// npx tsx test/bench/lake.ts [rows]   -> one JSON document on stdout, progress on stderr.
// Parquet write throughput for `events` rows: our pure-JS writer (what the lake-export Lambda
// runs) beside DuckDB's native `COPY ... TO (FORMAT parquet)` of the same rows in the same run,
// file size per million rows for both, and a read-back check of our file through DuckDB.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDateValue,
  DuckDBInstance,
  DuckDBTimestampValue,
} from '@duckdb/node-api';
import { DUCKDB_TYPES } from '../../shared/lake/duckdb.js';
import type { ColumnKind } from '../../shared/lake/lakeTable.js';
import { ROW_GROUP_ROWS, writeParquet } from '../../shared/lake/parquet.js';
import { eventsTable } from '../../shared/lake/tables/index.js';
import { mulberry32 } from '../support/mulberry32.js';
import { round } from './measure.js';

export interface LakeBenchResult {
  rows: number;
  table: string;
  columns: number;
  generateMs: number;
  ours: {
    writer: string;
    /** writeParquet(): row validation (zod) + column conversion + encoding + SNAPPY, to bytes in memory. */
    writeMs: number;
    /** CPU time of the write: on a shared machine, the figure that does not depend on neighbours. */
    cpuMs: number;
    rowsPerSec: number;
    bytes: number;
    bytesPerMillionRows: number;
    rowGroupRows: number;
  };
  duckdb: {
    version: string;
    threads: number;
    /** Appender load into an in-memory table; not part of the COPY figure. */
    loadMs: number;
    /** COPY (SELECT * FROM t) TO 'x.parquet' (FORMAT parquet): SNAPPY, DuckDB's default row groups. */
    copyMs: number;
    /** CPU time of the COPY across DuckDB's threads. */
    cpuMs: number;
    rowsPerSec: number;
    bytes: number;
    bytesPerMillionRows: number;
  };
  /** Our time ÷ DuckDB's COPY time for the same rows. */
  writeTimeRatio: number;
  readBack: {
    /** count(*) of our file through DuckDB = rows written. */
    count: number;
    countOk: boolean;
    /** sum(amount_minor) and sum(epoch_ms(occurred_at)) through DuckDB = the same sums in JS. */
    checksum: { amountMinor: string; occurredAtMs: string };
    checksumOk: boolean;
    /**
     * sum(hash(row)) over our file = the same over DuckDB's file: an order-free fingerprint of
     * every row, so both writers stored the same rows value for value.
     */
    sameRowsAsDuckdbFile: boolean;
    ms: number;
  };
}

/** One row per registry column (a missing or extra column is a type error); writeParquet checks the values. */
type EventRow = { [K in keyof typeof eventsTable.columns]: unknown } & {
  occurred_at: Date;
  amount_minor: bigint | null;
};

/** `count` random ids of `bytes` bytes as hex, from one PRNG-filled buffer (fast, deterministic). */
function hexIds(random: () => number, count: number, bytes: number): (i: number) => string {
  const words = new Uint32Array(Math.ceil((count * bytes) / 4));
  for (let i = 0; i < words.length; i += 1) words[i] = random() * 0x100000000;
  const buffer = Buffer.from(words.buffer);
  return (i) => buffer.toString('hex', i * bytes, (i + 1) * bytes);
}

/** The shape of a busy day: mostly sends and delivery receipts, some replies, clicks, orders. */
const TYPES = [
  ['message.sent', 0.36],
  ['message.delivered', 0.34],
  ['message.received', 0.1],
  ['link.clicked', 0.08],
  ['send.suppressed', 0.05],
  ['order.placed', 0.04],
  ['consent.changed', 0.03],
] as const;

function pickType(draw: number): string {
  let left = draw;
  for (const [type, share] of TYPES) {
    left -= share;
    if (left < 0) return type;
  }
  return TYPES[0][0];
}

/** `count` rows shaped like one day of the `events` table: 20k contacts, ids unique per row. */
export function eventRows(count: number, seed = 4): EventRow[] {
  const random = mulberry32(seed);
  const contactHex = hexIds(random, 40_000, 32);
  const contacts = Array.from({ length: 20_000 }, (_, c) => ({
    phone: contactHex(c),
    email: random() < 0.4 ? contactHex(20_000 + c) : null,
    id: `contact-${contactHex(c).slice(0, 10)}`,
  }));
  const eventIds = hexIds(random, count, 16);
  const messageIds = hexIds(random, count, 16);
  const dayStart = Date.UTC(2026, 10, 25);
  const rows: EventRow[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const type = pickType(random());
    const contact = contacts[Math.floor(random() * contacts.length)]!;
    const flow = random() < 0.6;
    const occurred = dayStart + Math.floor((i / count) * 86_400_000);
    const messageId = `SM${messageIds(i)}`;
    const order = type === 'order.placed';
    rows[i] = {
      event_id: `evt_${eventIds(i)}`,
      type,
      v: 1,
      source: order ? 'shopify' : 'twilio',
      vendor_ref: order ? `gid://shopify/Order/${5_000_000_000 + i}` : messageId,
      occurred_at: new Date(occurred),
      received_at: new Date(occurred + 200 + Math.floor(random() * 2000)),
      phone_hash: contact.phone,
      email_hash: contact.email,
      contact_id: contact.id,
      account_id: null,
      channel: 'sms',
      program_id: random() < 0.7 ? 'p1' : 'p2',
      kind: flow ? 'flow' : 'campaign',
      campaign_id: flow ? null : 'spring-sale',
      workflow_id: flow ? 'onboarding' : null,
      step: flow ? Math.floor(random() * 4) : null,
      template_id: `tmpl-${Math.floor(random() * 12)}`,
      variant: random() < 0.5 ? 'personalized' : 'generic',
      message_id: order ? null : messageId,
      amount_minor: order ? BigInt(1000 + Math.floor(random() * 50_000)) : null,
      currency: order ? 'USD' : null,
      attributes: order
        ? `{"orderNumber":${1000 + i},"lineItems":${1 + Math.floor(random() * 3)}}`
        : `{"segments":${1 + Math.floor(random() * 2)},"cost":"0.0079","status":"${type.split('.')[1]}"}`,
    };
  }
  return rows;
}

/** Appends one value of a registry column kind; DuckDB takes timestamps as microseconds. */
function appendValue(appender: DuckDBAppender, kind: ColumnKind, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else if (kind === 'timestamp') {
    appender.appendTimestamp(new DuckDBTimestampValue(BigInt((value as Date).getTime()) * 1000n));
  } else if (kind === 'int') appender.appendInteger(value as number);
  else if (kind === 'bigint') appender.appendBigInt(value as bigint);
  else if (kind === 'double') appender.appendDouble(value as number);
  else if (kind === 'boolean') appender.appendBoolean(value as boolean);
  else if (kind === 'date')
    appender.appendDate(new DuckDBDateValue(Date.parse(`${value}T00:00:00Z`) / 86_400_000));
  else appender.appendVarchar(value as string); // string, json
}

async function loadIntoDuckdb(connection: DuckDBConnection, rows: readonly EventRow[]): Promise<void> {
  const columns = Object.entries(eventsTable.columns);
  const ddl = columns.map(([name, c]) => `"${name}" ${DUCKDB_TYPES[c.kind]}`).join(', ');
  await connection.run(`CREATE TABLE bench_events (${ddl})`);
  const appender = await connection.createAppender('bench_events');
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (const [name, c] of columns) appendValue(appender, c.kind, values[name]);
    appender.endRow();
  }
  appender.closeSync();
}

/** Wall time and this process's CPU time (all threads, DuckDB's included) around `fn`. */
async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const perMillion = (bytes: number, rows: number) => Math.round((bytes * 1_000_000) / rows);
const sql = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** The lake bench the runner calls: `await benchLake()` (1M rows by default). */
export async function benchLake(
  options: { rows?: number; progress?: (line: string) => void } = {},
): Promise<LakeBenchResult> {
  const count = options.rows ?? 1_000_000;
  const progress = options.progress ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'lake-bench-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    progress(`lake: generating ${count} events rows`);
    const generated = await timed(() => eventRows(count));
    const rows = generated.value;

    progress('lake: writeParquet (pure JS, hyparquet-writer)');
    const ours = await timed(() => writeParquet(eventsTable, rows));
    const oursPath = join(dir, 'ours.parquet');
    writeFileSync(oursPath, ours.value);

    progress('lake: DuckDB appender load (not timed), then COPY ... TO parquet');
    const load = await timed(() => loadIntoDuckdb(connection, rows));
    const duckPath = join(dir, 'duckdb.parquet');
    const copy = await timed(() =>
      connection.run(`COPY (SELECT * FROM bench_events) TO ${sql(duckPath)} (FORMAT parquet)`),
    );
    const settings = (
      await connection.runAndReadAll("SELECT version() AS v, current_setting('threads') AS t")
    ).getRowObjectsJS()[0]!;

    progress('lake: read-back check of our file through DuckDB');
    const readBackStart = performance.now();
    const expectedAmount = rows.reduce((sum, row) => sum + (row.amount_minor ?? 0n), 0n);
    const expectedOccurred = rows.reduce((sum, row) => sum + BigInt(row.occurred_at.getTime()), 0n);
    const [check] = (
      await connection.runAndReadAll(
        `SELECT count(*) AS n, sum(amount_minor)::VARCHAR AS amount, sum(epoch_ms(occurred_at))::VARCHAR AS occurred FROM read_parquet(${sql(oursPath)})`,
      )
    ).getRowObjectsJS() as [{ n: bigint; amount: string; occurred: string }];
    const fingerprint = (path: string) => `(SELECT sum(hash(t))::HUGEINT FROM read_parquet(${sql(path)}) t)`;
    const [same] = (
      await connection.runAndReadAll(`SELECT ${fingerprint(oursPath)} = ${fingerprint(duckPath)} AS same`)
    ).getRowObjectsJS() as [{ same: boolean }];
    const readBackMs = performance.now() - readBackStart;

    const duckBytes = statSync(duckPath).size;
    return {
      rows: count,
      table: eventsTable.name,
      columns: Object.keys(eventsTable.columns).length,
      generateMs: Math.round(generated.ms),
      ours: {
        writer: 'hyparquet-writer (pure JS), SNAPPY',
        writeMs: Math.round(ours.ms),
        cpuMs: Math.round(ours.cpuMs),
        rowsPerSec: Math.round(count / (ours.ms / 1000)),
        bytes: ours.value.byteLength,
        bytesPerMillionRows: perMillion(ours.value.byteLength, count),
        rowGroupRows: ROW_GROUP_ROWS,
      },
      duckdb: {
        version: String(settings.v),
        threads: Number(settings.t),
        loadMs: Math.round(load.ms),
        copyMs: Math.round(copy.ms),
        cpuMs: Math.round(copy.cpuMs),
        rowsPerSec: Math.round(count / (copy.ms / 1000)),
        bytes: duckBytes,
        bytesPerMillionRows: perMillion(duckBytes, count),
      },
      writeTimeRatio: round(ours.ms / copy.ms),
      readBack: {
        count: Number(check.n),
        countOk: Number(check.n) === count,
        checksum: { amountMinor: check.amount, occurredAtMs: check.occurred },
        checksumOk:
          check.amount === expectedAmount.toString() && check.occurred === expectedOccurred.toString(),
        sameRowsAsDuckdbFile: same.same,
        ms: Math.round(readBackMs),
      },
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  const result = await benchLake({ rows, progress: (line) => process.stderr.write(`${line}\n`) });
  const machine = {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
  };
  const durationSeconds = round((performance.now() - started) / 1000);
  process.stdout.write(`${JSON.stringify({ ...result, machine, durationSeconds }, null, 2)}\n`);
  const ok = result.readBack.countOk && result.readBack.checksumOk && result.readBack.sameRowsAsDuckdbFile;
  if (!ok) process.exitCode = 1;
}
