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
  intentAlertsTable,
  LAKE_TABLES,
  sendDecisionsTable,
} from '../../shared/lake/tables/index.js';

/**
 * Every saved Athena query (shared/lake/queries/*.sql) runs here on DuckDB, over a small lake
 * written by the real Parquet writer in the bucket's layout and read through the same views
 * `npm run query` uses, and must give the numbers worked out by hand below.
 */

const HASH = {
  ana: 'a1'.repeat(32),
  ben: 'b2'.repeat(32),
  cleo: 'c3'.repeat(32),
  dan: 'd4'.repeat(32),
  eve: 'e5'.repeat(32),
};

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
  // Eve texts STOP a minute after her Black Friday reply (see CAMPAIGNS).
  consent('2026-11-26', {
    occurred_at: at('2026-11-26T10:31:00Z'),
    channel: 'sms',
    address_hash: HASH.eve,
    status: 'opted_out',
    scope_kind: 'all',
    method: 'keyword',
    keyword: 'STOP',
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
  ...campaignAndFlowSends(),
];

/**
 * 26 Nov: the Black Friday campaign goes to Dan and Eve (Ana is held out), and the onboarding
 * flow sends step 0 to Dan and Ana, then step 1 to Dan.
 */
function campaignAndFlowSends() {
  const campaign = { program_id: 'demo', kind: 'campaign', campaign_id: 'black-friday' };
  const flow = { program_id: 'demo', kind: 'flow', workflow_id: 'wf-onboard' };
  return [
    decision('2026-11-26T10:00:00Z', {
      ...campaign,
      decision: 'allow',
      message_id: 'SM10',
      phone_hash: HASH.dan,
    }),
    decision('2026-11-26T10:00:30Z', {
      ...campaign,
      decision: 'allow',
      message_id: 'SM11',
      phone_hash: HASH.eve,
    }),
    decision('2026-11-26T10:01:00Z', {
      ...campaign,
      decision: 'suppress',
      reason: 'holdout',
      request_id: 'r10',
    }),
    decision('2026-11-26T11:00:00Z', {
      ...flow,
      step: 0,
      decision: 'allow',
      message_id: 'SM12',
      phone_hash: HASH.dan,
    }),
    decision('2026-11-26T11:05:00Z', { ...flow, step: 0, decision: 'allow', message_id: 'SM13' }),
    decision('2026-11-26T12:00:00Z', {
      ...flow,
      step: 1,
      decision: 'allow',
      message_id: 'SM14',
      phone_hash: HASH.dan,
    }),
  ];
}

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
  // What came back from the 26 Nov sends: SM13 is never delivered.
  ...['SM10', 'SM11', 'SM12', 'SM14'].map((message_id) =>
    event('2026-11-26', { type: 'message.delivered', source: 'twilio', message_id }),
  ),
  // Dan clicks SM10 twice and SM12 once; SM11's and SM14's clicks are link previews.
  click('SM10', false),
  click('SM10', false),
  click('SM11', true),
  click('SM12', false),
  click('SM14', true),
  // Each reply counts for the last send to that number before it; Cleo was sent nothing.
  reply('2026-11-26T10:30:00Z', HASH.eve),
  reply('2026-11-26T11:30:00Z', HASH.dan),
  reply('2026-11-26T12:30:00Z', HASH.dan),
  reply('2026-11-26T13:00:00Z', HASH.ana),
  reply('2026-11-26T13:00:00Z', HASH.cleo),
];

function click(message_id: string, bot: boolean) {
  const attributes = JSON.stringify(bot ? { bot, botReason: 'link_preview' } : { bot });
  return event('2026-11-26', { type: 'message.clicked', source: 'internal', message_id, attributes });
}

function reply(occurred: string, phone_hash: string) {
  return event('2026-11-26', {
    type: 'message.received',
    source: 'twilio',
    occurred_at: at(occurred),
    phone_hash,
  });
}

function alert(occurred: string, type: string, values: Record<string, unknown>) {
  const dt = occurred.slice(0, 10);
  return {
    dt,
    row: row(intentAlertsTable, {
      event_id: eventId(),
      event_type: type,
      occurred_at: at(occurred),
      ...values,
    }),
  };
}

function raised(occurred: string, alert_id: string, priority: string, owner_id: string | null) {
  return alert(occurred, 'intent.detected', {
    alert_id,
    priority,
    owner_id,
    intent: 'meeting_request',
    confidence: 0.9,
    signal: 'reply',
    routed_by: owner_id ? 'contact_owner' : 'program_channel',
    route_id: 'sales-west',
    sla_due_at: at(occurred),
  });
}

function answered(
  occurred: string,
  type: string,
  alert_id: string,
  priority: string,
  seconds: number,
  within: boolean,
) {
  return alert(occurred, type, {
    alert_id,
    priority,
    response_seconds: seconds,
    within_sla: within,
    by_slack_user_id: 'U024BE7LH',
  });
}

/**
 * Owner 7's hot alerts on 26 Nov: A1 claimed in 90 s, A2 claimed late (900 s) after it was
 * escalated, A3 escalated and never claimed. Owner 8 only snoozed A4. A5 went to the program
 * channel and was claimed after midnight (its claim arrives on the 27th but counts on the 26th).
 */
const ALERTS = [
  raised('2026-11-26T10:00:00Z', 'A1', 'hot', 'owner-7'),
  answered('2026-11-26T10:01:30Z', 'alert.claimed', 'A1', 'hot', 90, true),
  raised('2026-11-26T10:30:00Z', 'A2', 'hot', 'owner-7'),
  alert('2026-11-26T10:45:00Z', 'alert.escalated', {
    alert_id: 'A2',
    priority: 'hot',
    route_id: 'sales-west',
    overdue_seconds: 600,
  }),
  answered('2026-11-26T10:45:00Z', 'alert.claimed', 'A2', 'hot', 900, false),
  raised('2026-11-26T11:00:00Z', 'A3', 'hot', 'owner-7'),
  alert('2026-11-26T11:15:00Z', 'alert.escalated', {
    alert_id: 'A3',
    priority: 'hot',
    route_id: 'sales-west',
    overdue_seconds: 600,
  }),
  raised('2026-11-26T12:00:00Z', 'A4', 'warm', 'owner-8'),
  answered('2026-11-26T12:00:30Z', 'alert.snoozed', 'A4', 'warm', 30, true),
  raised('2026-11-26T23:50:00Z', 'A5', 'normal', null),
  answered('2026-11-27T00:10:00Z', 'alert.claimed', 'A5', 'normal', 1200, true),
  raised('2026-11-27T09:00:00Z', 'A6', 'hot', 'owner-7'),
  answered('2026-11-27T09:01:00Z', 'alert.claimed', 'A6', 'hot', 60, true),
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
      {
        change_day: '2026-11-26',
        channel: 'sms',
        opt_outs: 1,
        addresses_opted_out: 1,
        keyword_opt_outs: 1,
        plain_language_opt_outs: 0,
        other_opt_outs: 0,
        opt_ins: 0,
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
      {
        decision_day: '2026-11-26',
        program_id: 'demo',
        channel: 'sms',
        decisions: 6,
        allowed: 5,
        vendor_rejected: 0,
        holdout: 1,
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
      { received_day: '2026-11-26', type: 'message.clicked', source: 'internal', events: 5, contacts: 0 },
      { received_day: '2026-11-26', type: 'message.delivered', source: 'twilio', events: 4, contacts: 0 },
      { received_day: '2026-11-26', type: 'message.received', source: 'twilio', events: 5, contacts: 0 },
    ],
  },
  sla_attainment: {
    rows: [
      {
        alert_day: '2026-11-26',
        priority: 'hot',
        owner_id: 'owner-7',
        alerts: 3,
        claimed: 2,
        claimed_within_sla: 1,
        attainment_pct: 33.3,
        avg_response_seconds: 495,
        escalated: 2,
      },
      {
        alert_day: '2026-11-26',
        priority: 'warm',
        owner_id: 'owner-8',
        alerts: 1,
        claimed: 0,
        claimed_within_sla: 0,
        attainment_pct: 0,
        avg_response_seconds: null,
        escalated: 0,
      },
      {
        alert_day: '2026-11-26',
        priority: 'normal',
        owner_id: null,
        alerts: 1,
        claimed: 1,
        claimed_within_sla: 1,
        attainment_pct: 100,
        avg_response_seconds: 1200,
        escalated: 0,
      },
      {
        alert_day: '2026-11-27',
        priority: 'hot',
        owner_id: 'owner-7',
        alerts: 1,
        claimed: 1,
        claimed_within_sla: 1,
        attainment_pct: 100,
        avg_response_seconds: 60,
        escalated: 0,
      },
    ],
  },
  campaign_vs_flow: {
    rows: [
      // Eve's reply and STOP follow SM11; Dan's clicks count once; the held-out send is no send.
      {
        program_id: 'demo',
        kind: 'campaign',
        campaign_id: 'black-friday',
        workflow_id: null,
        sends: 2,
        delivered: 2,
        unique_clickers: 1,
        replies: 1,
        opt_outs: 1,
      },
      // Dan's 12:30 reply goes to step 1 (the later send), not to step 0.
      {
        program_id: 'demo',
        kind: 'flow',
        campaign_id: null,
        workflow_id: 'wf-onboard',
        sends: 3,
        delivered: 2,
        unique_clickers: 1,
        replies: 3,
        opt_outs: 0,
      },
    ],
  },
  flow_steps: {
    rows: [
      {
        workflow_id: 'wf-onboard',
        step: 0,
        sends: 2,
        delivered: 1,
        clicked: 1,
        replies: 2,
        delivered_share: 0.5,
        clicked_share: 0.5,
      },
      {
        workflow_id: 'wf-onboard',
        step: 1,
        sends: 1,
        delivered: 1,
        clicked: 0,
        replies: 1,
        delivered_share: 1,
        clicked_share: 0,
      },
    ],
  },
};

const QUERIES = readNamedQueries();
/**
 * Queries whose hand-worked results another test checks over a lake its job writes:
 * outcome_kpis_by_* in test/integration/outcomeKpis.test.ts, over the attribution job's output;
 * scorecard_by_category in test/integration/scorecardsJob.test.ts, over the scorecards job's.
 */
const CHECKED_ELSEWHERE = /^(outcome_kpis_by_|scorecard_by_category$)/;
const CHECKED_HERE = QUERIES.filter((q) => !CHECKED_ELSEWHERE.test(q.id));

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

/** Writes the fixture tables; returns their names (the other tables get an empty view). */
async function writeFixtureLake(store: LocalObjectStore): Promise<Set<string>> {
  const fixtures: [LakeTable, { dt: string; row: Record<string, unknown> }[]][] = [
    [consentLedgerTable, CONSENT],
    [sendDecisionsTable, DECISIONS],
    [eventsTable, EVENTS],
    [intentAlertsTable, ALERTS],
  ];
  for (const [table, rows] of fixtures) {
    for (const dt of [...new Set(rows.map((r) => r.dt))]) {
      const day = rows.filter((r) => r.dt === dt).map((r) => r.row);
      await replacePartition(store, table, dt, day, 'fixture');
    }
  }
  return new Set(fixtures.map(([table]) => table.name));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'named-queries-'));
  const written = await writeFixtureLake(new LocalObjectStore(root));
  lakeDb = await DuckDBInstance.create(':memory:');
  emptyDb = await DuckDBInstance.create(':memory:');
  lake = await lakeDb.connect();
  empty = await emptyDb.connect();
  for (const table of LAKE_TABLES) {
    await lake.run(duckdbViewSql(table, root, { empty: !written.has(table.name) }));
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
    expect(CHECKED_HERE.map((q) => q.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(CHECKED_HERE.map((q) => [q.id, q] as const))(
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
