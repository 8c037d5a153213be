import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbViewSql } from '../../shared/lake/duckdb.js';
import type { LakeTable } from '../../shared/lake/lakeTable.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { bindParameters, type NamedQuery, readNamedQueries } from '../../shared/lake/namedQueries.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import {
  consentLedgerTable,
  eventsTable,
  LAKE_TABLES,
  sendDecisionsTable,
} from '../../shared/lake/tables/index.js';

/**
 * Every saved Athena query (shared/lake/queries/*.sql) runs here on DuckDB, over a small lake
 * written by the real Parquet writer in the bucket's layout and read through the same views
 * `npm run query` uses, and must give the numbers worked out by hand below.
 */

const HASH = { ana: 'a1'.repeat(32), ben: 'b2'.repeat(32), cleo: 'c3'.repeat(32) };

/** A full row of `table`: the given values, null in every other nullable column. */
function row(table: LakeTable, values: Record<string, unknown>): Record<string, unknown> {
  const unknown = Object.keys(values).filter((name) => !(name in table.columns));
  if (unknown.length > 0) throw new Error(`${table.name} has no column ${unknown.join(', ')}`);
  return Object.fromEntries(
    Object.entries(table.columns).map(([name, column]) => {
      if (name in values) return [name, values[name]];
      if (!column.nullable) throw new Error(`${table.name}.${name} is required`);
      return [name, null];
    }),
  );
}

let n = 0;
function eventId(): string {
  n += 1;
  return `evt_${String(n).padStart(32, '0')}`;
}
const at = (iso: string) => new Date(iso);

function consent(dt: string, values: Record<string, unknown>) {
  return { dt, row: row(consentLedgerTable, { event_id: eventId(), ...values }) };
}

/** Ana opts in, texts STOP, then START for one program; Ben opts out twice (his reply lands a day late); Cleo unsubscribes by email. */
const CONSENT = [
  consent('2026-11-20', {
    occurred_at: at('2026-11-20T15:00:00Z'),
    channel: 'sms',
    address_hash: HASH.ana,
    contact_id: '51',
    status: 'opted_in',
    scope_kind: 'all',
    method: 'form',
  }),
  consent('2026-11-24', {
    occurred_at: at('2026-11-24T10:00:00Z'),
    channel: 'sms',
    address_hash: HASH.ana,
    contact_id: '51',
    status: 'opted_out',
    scope_kind: 'all',
    method: 'keyword',
    keyword: 'STOP',
    source_event_id: 'evt_inbound_stop',
    evidence_text_length: 4,
  }),
  consent('2026-11-25', {
    occurred_at: at('2026-11-25T09:00:00Z'),
    channel: 'sms',
    address_hash: HASH.ana,
    contact_id: '51',
    status: 'opted_in',
    scope_kind: 'program',
    scope_value: 'demo',
    method: 'keyword',
    keyword: 'START',
    source_event_id: 'evt_inbound_start',
    evidence_text_length: 5,
  }),
  consent('2026-11-25', {
    occurred_at: at('2026-11-24T23:30:00Z'),
    channel: 'sms',
    address_hash: HASH.ben,
    status: 'opted_out',
    scope_kind: 'all',
    method: 'plain_language',
    evidence_text_length: 31,
  }),
  consent('2026-11-25', {
    occurred_at: at('2026-11-24T23:45:00Z'),
    channel: 'sms',
    address_hash: HASH.ben,
    status: 'opted_out',
    scope_kind: 'all',
    method: 'carrier',
  }),
  consent('2026-11-24', {
    occurred_at: at('2026-11-24T12:00:00Z'),
    channel: 'email',
    address_hash: HASH.cleo,
    status: 'opted_out',
    scope_kind: 'all',
    method: 'email_unsubscribe',
  }),
];

function decision(decided_at: string, values: Record<string, unknown>) {
  return {
    dt: decided_at.slice(0, 10),
    row: row(sendDecisionsTable, {
      event_id: eventId(),
      decided_at: at(decided_at),
      channel: 'sms',
      phone_hash: HASH.ana,
      ...values,
    }),
  };
}

const DECISIONS = [
  decision('2026-11-24T14:00:00Z', { program_id: 'demo', decision: 'allow', message_id: 'SM1', segments: 1 }),
  decision('2026-11-24T14:01:00Z', { program_id: 'demo', decision: 'allow', reason: 'vendor_rejected' }),
  decision('2026-11-24T14:02:00Z', {
    program_id: 'demo',
    decision: 'suppress',
    reason: 'holdout',
    request_id: 'r3',
  }),
  decision('2026-11-24T14:03:00Z', {
    program_id: 'demo',
    decision: 'suppress',
    reason: 'cap',
    request_id: 'r4',
  }),
  decision('2026-11-24T23:10:00Z', {
    program_id: 'demo',
    decision: 'defer',
    reason: 'quiet_hours',
    until: at('2026-11-25T13:00:00Z'),
    request_id: 'r5',
  }),
  decision('2026-11-25T13:00:00Z', { program_id: 'demo', decision: 'allow', message_id: 'SM5' }),
  decision('2026-11-24T03:00:00Z', { program_id: 'growth', decision: 'suppress', reason: 'quiet_hours' }),
  decision('2026-11-24T15:00:00Z', { program_id: 'growth', decision: 'suppress', reason: 'consent' }),
  decision('2026-11-24T15:05:00Z', { program_id: 'growth', decision: 'suppress', reason: 'collision' }),
  // A send through the ops API to a number the vendor cannot reach, outside any program.
  decision('2026-11-24T16:00:00Z', { decision: 'suppress', reason: 'invalid_number' }),
];

function event(dt: string, values: Record<string, unknown>) {
  const received = at(`${dt}T12:00:00Z`);
  return {
    dt,
    row: row(eventsTable, {
      event_id: eventId(),
      v: 1,
      vendor_ref: `ref-${n}`,
      occurred_at: received,
      received_at: received,
      attributes: '{}',
      ...values,
    }),
  };
}

const EVENTS = [
  event('2026-11-24', { type: 'message.sent', source: 'twilio', contact_id: '51' }),
  event('2026-11-24', { type: 'message.sent', source: 'twilio', contact_id: '52' }),
  event('2026-11-24', { type: 'message.received', source: 'twilio', contact_id: '51' }),
  event('2026-11-24', { type: 'consent.changed', source: 'internal' }),
  event('2026-11-25', { type: 'message.sent', source: 'telnyx' }),
];

/** What each query must return on the fixture lake, by file name; values as `run` normalizes them. */
const EXPECTED: Record<string, { parameters?: Record<string, string>; rows: Record<string, unknown>[] }> = {
  opt_out_trend: {
    rows: [
      // Ben's reply arrived on the 25th (dt) but counts on the 24th, the day he opted out.
      {
        change_day: '2026-11-20',
        channel: 'sms',
        opt_outs: 0,
        addresses_opted_out: 0,
        keyword_opt_outs: 0,
        plain_language_opt_outs: 0,
        other_opt_outs: 0,
        opt_ins: 1,
      },
      {
        change_day: '2026-11-24',
        channel: 'email',
        opt_outs: 1,
        addresses_opted_out: 1,
        keyword_opt_outs: 0,
        plain_language_opt_outs: 0,
        other_opt_outs: 1,
        opt_ins: 0,
      },
      {
        change_day: '2026-11-24',
        channel: 'sms',
        opt_outs: 3,
        addresses_opted_out: 2,
        keyword_opt_outs: 1,
        plain_language_opt_outs: 1,
        other_opt_outs: 1,
        opt_ins: 0,
      },
      {
        change_day: '2026-11-25',
        channel: 'sms',
        opt_outs: 0,
        addresses_opted_out: 0,
        keyword_opt_outs: 0,
        plain_language_opt_outs: 0,
        other_opt_outs: 0,
        opt_ins: 1,
      },
    ],
  },
  consent_audit: {
    parameters: { address_hash: HASH.ana },
    rows: [
      {
        occurred_at: '2026-11-20T15:00:00.000Z',
        channel: 'sms',
        status: 'opted_in',
        scope_kind: 'all',
        scope_value: null,
        method: 'form',
        keyword: null,
        evidence_text_length: null,
        source_event_id: null,
        event_id: CONSENT[0]!.row.event_id,
        received_day: '2026-11-20',
        current_state: false,
      },
      {
        occurred_at: '2026-11-24T10:00:00.000Z',
        channel: 'sms',
        status: 'opted_out',
        scope_kind: 'all',
        scope_value: null,
        method: 'keyword',
        keyword: 'STOP',
        evidence_text_length: 4,
        source_event_id: 'evt_inbound_stop',
        event_id: CONSENT[1]!.row.event_id,
        received_day: '2026-11-24',
        current_state: true,
      },
      {
        occurred_at: '2026-11-25T09:00:00.000Z',
        channel: 'sms',
        status: 'opted_in',
        scope_kind: 'program',
        scope_value: 'demo',
        method: 'keyword',
        keyword: 'START',
        evidence_text_length: 5,
        source_event_id: 'evt_inbound_start',
        event_id: CONSENT[2]!.row.event_id,
        received_day: '2026-11-25',
        current_state: true,
      },
    ],
  },
  send_decisions_by_reason: {
    rows: [
      {
        decision_day: '2026-11-24',
        program_id: 'demo',
        channel: 'sms',
        decisions: 5,
        allowed: 2,
        vendor_rejected: 1,
        holdout: 1,
        capped: 1,
        quiet_hours_dropped: 0,
        quiet_hours_deferred: 1,
        no_consent: 0,
        collision: 0,
        invalid_number: 0,
        suppressed_share: 0.2,
      },
      {
        decision_day: '2026-11-24',
        program_id: 'growth',
        channel: 'sms',
        decisions: 3,
        allowed: 0,
        vendor_rejected: 0,
        holdout: 0,
        capped: 0,
        quiet_hours_dropped: 1,
        quiet_hours_deferred: 0,
        no_consent: 1,
        collision: 1,
        invalid_number: 0,
        suppressed_share: 1,
      },
      {
        decision_day: '2026-11-24',
        program_id: null,
        channel: 'sms',
        decisions: 1,
        allowed: 0,
        vendor_rejected: 0,
        holdout: 0,
        capped: 0,
        quiet_hours_dropped: 0,
        quiet_hours_deferred: 0,
        no_consent: 0,
        collision: 0,
        invalid_number: 1,
        suppressed_share: 1,
      },
      {
        decision_day: '2026-11-25',
        program_id: 'demo',
        channel: 'sms',
        decisions: 1,
        allowed: 1,
        vendor_rejected: 0,
        holdout: 0,
        capped: 0,
        quiet_hours_dropped: 0,
        quiet_hours_deferred: 0,
        no_consent: 0,
        collision: 0,
        invalid_number: 0,
        suppressed_share: 0,
      },
    ],
  },
  event_volume: {
    rows: [
      { received_day: '2026-11-24', type: 'consent.changed', source: 'internal', events: 1, contacts: 0 },
      { received_day: '2026-11-24', type: 'message.received', source: 'twilio', events: 1, contacts: 1 },
      { received_day: '2026-11-24', type: 'message.sent', source: 'twilio', events: 2, contacts: 2 },
      { received_day: '2026-11-25', type: 'message.sent', source: 'telnyx', events: 1, contacts: 0 },
    ],
  },
};

const QUERIES = readNamedQueries();

let root: string;
let lakeDb: DuckDBInstance;
let emptyDb: DuckDBInstance;
let lake: DuckDBConnection;
let empty: DuckDBConnection;

/** Runs SQL; DATE as YYYY-MM-DD, TIMESTAMP as ISO, integers (BIGINT/HUGEINT counts) as numbers. */
async function run(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql);
  const types = Object.fromEntries(
    reader.columnNames().map((name, i) => [name, reader.columnTypes()[i]!.toString()]),
  );
  return reader.getRowObjectsJS().map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([name, value]) => {
        if (value instanceof Date) {
          return [name, types[name] === 'DATE' ? value.toISOString().slice(0, 10) : value.toISOString()];
        }
        return [name, typeof value === 'bigint' ? Number(value) : value];
      }),
    ),
  );
}

async function writeFixtureLake(store: LocalObjectStore) {
  const fixtures: [LakeTable, { dt: string; row: Record<string, unknown> }[]][] = [
    [consentLedgerTable, CONSENT],
    [sendDecisionsTable, DECISIONS],
    [eventsTable, EVENTS],
  ];
  for (const [table, rows] of fixtures) {
    for (const dt of [...new Set(rows.map((r) => r.dt))]) {
      const day = rows.filter((r) => r.dt === dt).map((r) => r.row);
      await replacePartition(store, table, dt, day, 'fixture');
    }
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'named-queries-'));
  await writeFixtureLake(new LocalObjectStore(root));
  lakeDb = await DuckDBInstance.create(':memory:');
  emptyDb = await DuckDBInstance.create(':memory:');
  lake = await lakeDb.connect();
  empty = await emptyDb.connect();
  for (const table of LAKE_TABLES) {
    await lake.run(duckdbViewSql(table, root));
    await empty.run(duckdbViewSql(table, root, { empty: true }));
  }
});

afterAll(() => {
  lake?.closeSync();
  empty?.closeSync();
  lakeDb?.closeSync();
  emptyDb?.closeSync();
  if (root) rmSync(root, { recursive: true, force: true });
});

const sqlOf = (query: NamedQuery) => bindParameters(query, EXPECTED[query.id]?.parameters ?? {});

describe('Named queries on DuckDB', () => {
  it('has an expected result for every .sql file, and a file for every expected result', () => {
    expect(QUERIES.map((q) => q.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(QUERIES.map((q) => [q.id, q] as const))(
    '%s gives the hand-worked result on the fixture lake',
    async (id, query) => {
      // GIVEN the fixture lake (beforeAll) / WHEN
      const rows = await run(lake, sqlOf(query));

      // THEN
      expect(rows).toEqual(EXPECTED[id]!.rows);
    },
  );

  it.each(QUERIES.map((q) => [q.id, q] as const))(
    '%s runs on a lake with no files yet and returns no rows',
    async (_id, query) => {
      expect(await run(empty, sqlOf(query))).toEqual([]);
    },
  );

  it('finds nothing with the consent audit placeholder left in: it never matches a real hash', async () => {
    const audit = QUERIES.find((q) => q.id === 'consent_audit')!;

    expect(await run(lake, audit.sql)).toEqual([]);
  });
});
