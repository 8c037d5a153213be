import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { exportLake, type LakeExportPorts } from '../../shared/lake/export/exportLake.js';
import { EXPORTED_TABLES } from '../../shared/lake/export/rowsFor.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { hashPii } from '../../shared/lake/pii.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { DynamoEventStore } from '../../shared/store/dynamoEventStore.js';
import { startTestCloud } from '../support/cloud.js';
import { lakeEventSet, MARIA, RAW_PII } from '../support/lakeEvents.js';
import {
  lakeDuckdb,
  parquetFiles,
  RAW_EMAIL,
  RAW_PHONE,
  stringsInParquet,
  tempLakeDir,
} from '../support/lakeReader.js';

/**
 * The export end to end below the handler: events in dynalite, read by the byDay index,
 * written as Parquet to a local directory laid out like the bucket, read back by DuckDB
 * through the registry's views.
 */
const SALT = 'integration-salt-0123456789abcdef';
const TODAY = new Date('2026-11-25T10:00:00.000Z');
const YESTERDAY = new Date('2026-11-24T18:00:00.000Z');

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let store: DynamoEventStore;
let state: DynamoJobState;
let lake: ReturnType<typeof tempLakeDir>;
let now: Date;
let stored: CanonicalEvent[];

const ports = (): LakeExportPorts => ({
  events: store,
  store: new LocalObjectStore(lake.dir),
  watermark: state,
  lease: state,
  salt: SALT,
  now: () => now,
});

async function query<T>(fn: (db: Awaited<ReturnType<typeof lakeDuckdb>>) => Promise<T>): Promise<T> {
  const db = await lakeDuckdb(lake.dir, EXPORTED_TABLES);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

function countsOf(events: CanonicalEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return counts;
}

const reply = (sid: string, occurredAt: string, receivedAt: Date, body = 'yes') =>
  canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: sid,
      occurredAt,
      channel: 'sms',
      messageId: sid,
      phone: MARIA.phone,
      from: MARIA.phone,
      to: '+14155550199',
      body,
    },
    receivedAt,
  );

beforeAll(async () => {
  cloud = await startTestCloud();
  store = new DynamoEventStore(documentClient(), cloud.tableName);
  state = new DynamoJobState(documentClient(), cloud.tableName);
  lake = tempLakeDir('lake-export-');
  // A day of every event type yesterday, and the same story again today under other ids.
  const yesterday = [
    reply('SMy1', '2026-11-24T17:00:00.000Z', YESTERDAY),
    reply('SMy2', '2026-11-24T17:05:00.000Z', YESTERDAY),
  ];
  stored = [...yesterday, ...lakeEventSet(TODAY)];
  for (const event of stored) await store.record(event);
  now = TODAY;
});
afterAll(async () => {
  await cloud.stop();
  lake.remove();
});

describe('Job: lake export on dynalite + local lake + DuckDB', () => {
  it('writes one events row per stored event, per type, on the day each arrived', async () => {
    // Act
    const summary = await exportLake(ports(), { from: '2026-11-24' });

    // Assess
    expect(summary.events).toBe(stored.length);
    await query(async (db) => {
      expect(await db.countsBy('events', 'type')).toEqual(countsOf(stored));
      expect(await db.countsBy('events', 'dt')).toEqual({ '2026-11-24': 2, '2026-11-25': stored.length - 2 });
      expect(await db.countsBy('consent_ledger', 'status')).toEqual({ opted_out: 3 });
      expect(await db.countsBy('send_decisions', 'decision')).toEqual({ allow: 2, defer: 1, suppress: 2 });
    });
  });

  it('reads typed columns back as declared: timestamps, BIGINT money, JSON attributes', async () => {
    await query(async (db) => {
      const [order] = await db.rows(
        `SELECT amount_minor, currency, occurred_at, attributes->>'discountCode' AS code FROM events WHERE type = 'order.placed'`,
      );
      expect(order).toEqual({
        amount_minor: 12_999n,
        currency: 'USD',
        occurred_at: new Date(TODAY.getTime() - 600_000),
        code: 'SPRING10',
      });
      const phones = await db.rows(
        `SELECT count(*) AS n FROM events WHERE phone_hash = '${hashPii(SALT, MARIA.phone)}'`,
      );
      expect(Number(phones[0]!.n)).toBeGreaterThan(5);
    });
  });

  it('changes no count when the same days are exported again', async () => {
    const before = await query(async (db) => ({
      events: await db.countsBy('events', 'dt'),
      consent: await db.countsBy('consent_ledger', 'dt'),
      decisions: await db.countsBy('send_decisions', 'dt'),
    }));
    const files = parquetFiles(lake.dir).length;

    await exportLake(ports(), { from: '2026-11-24' });
    await exportLake(ports());

    const after = await query(async (db) => ({
      events: await db.countsBy('events', 'dt'),
      consent: await db.countsBy('consent_ledger', 'dt'),
      decisions: await db.countsBy('send_decisions', 'dt'),
    }));
    expect(after).toEqual(before);
    expect(parquetFiles(lake.dir)).toHaveLength(files);
    expect(await query((db) => db.rows('SELECT count(DISTINCT event_id) AS n FROM events'))).toEqual([
      { n: BigInt(stored.length) },
    ]);
  });

  it('picks up an event that arrives late for an exported day on the next run', async () => {
    // Prepare: yesterday is exported; a reply written yesterday reaches us today.
    now = new Date('2026-11-25T11:00:00.000Z');
    const late = reply('SMlate', '2026-11-24T23:50:00.000Z', now, 'STOP');
    await store.record(late);

    // Act
    const summary = await exportLake(ports());

    // Assess
    expect(summary.days).toEqual(['2026-11-25']);
    await query(async (db) => {
      const rows = await db.rows(`SELECT dt, occurred_at FROM events WHERE event_id = '${late.eventId}'`);
      expect(rows).toEqual([{ dt: '2026-11-25', occurred_at: new Date('2026-11-24T23:50:00.000Z') }]);
      expect((await db.countsBy('events', 'dt'))['2026-11-24']).toBe(2);
    });
    stored.push(late);
  });

  it('leaves no raw phone number or email in any string of any Parquet file', async () => {
    const strings = await stringsInParquet(lake.dir);

    // The scan reads real data (not vacuous) …
    expect(strings.length).toBeGreaterThan(stored.length * 10);
    expect(new Set(strings.map((s) => s.column))).toEqual(
      new Set(
        EXPORTED_TABLES.flatMap((t) =>
          Object.entries(t.columns)
            .filter(([, c]) => ['string', 'json'].includes(c.kind))
            .map(([n]) => n),
        ),
      ),
    );
    // … and finds no address.
    const leaks = strings.filter(
      ({ value }) =>
        RAW_PHONE.test(value) ||
        RAW_EMAIL.test(value) ||
        RAW_PII.some((raw) => value.toLowerCase().includes(raw.toLowerCase().replace(/^\+/, ''))),
    );
    expect(leaks).toEqual([]);
  });

  it('keeps the watermark on the last exported day and never moves it back', async () => {
    expect(await state.read()).toMatchObject({ day: '2026-11-25' });

    expect(await state.advance({ day: '2026-11-20', runId: 'backfill', at: now.toISOString() })).toBe(false);
    expect(await state.advance({ day: '2026-11-26', runId: 'next', at: now.toISOString() })).toBe(true);
    expect(await state.read()).toEqual({ day: '2026-11-26', runId: 'next', at: now.toISOString() });
  });

  it('lets one run hold the lease until it releases it or it expires', async () => {
    const other = new DynamoJobState(documentClient(), cloud.tableName);
    const t0 = new Date('2026-11-25T12:00:00.000Z');

    expect(await state.acquire('run-a', t0, 60_000)).toEqual({ acquired: true });
    expect(await other.acquire('run-b', t0, 60_000)).toEqual({
      acquired: false,
      heldBy: 'run-a',
      until: '2026-11-25T12:01:00.000Z',
    });
    expect(await state.acquire('run-a', new Date(t0.getTime() + 30_000), 60_000)).toEqual({ acquired: true });
    await other.release('run-b');
    expect((await other.acquire('run-b', new Date(t0.getTime() + 60_000), 60_000)).acquired).toBe(false);
    expect(await other.acquire('run-b', new Date(t0.getTime() + 91_000), 60_000)).toEqual({ acquired: true });
    await state.release('run-a');
    await other.release('run-b');
    expect(await state.acquire('run-c', t0, 60_000)).toEqual({ acquired: true });
    await state.release('run-c');
  });
});

describe('Adapter: DynamoEventStore.eventsReceivedOn', () => {
  it('reads a day larger than one DynamoDB page, in arrival order, and nothing of other days', async () => {
    // Prepare: ~1.6 MB of events on one day (a Query page stops at 1 MB).
    const day = new Date('2026-10-01T08:00:00.000Z');
    const many = Array.from({ length: 1100 }, (_, i) =>
      reply(`SMpage${i}`, '2026-10-01T07:00:00.000Z', new Date(day.getTime() + i * 1000), 'x'.repeat(1200)),
    );
    for (let i = 0; i < many.length; i += 50)
      await Promise.all(many.slice(i, i + 50).map((e) => store.record(e)));

    // Act
    const read = await store.eventsReceivedOn('2026-10-01');

    // Assess
    expect(read).toHaveLength(many.length);
    expect(read.map((e) => e.eventId)).toEqual(many.map((e) => e.eventId));
    expect(await store.eventsReceivedOn('2026-10-02')).toEqual([]);
  });

  it('refuses a day that is not YYYY-MM-DD', async () => {
    await expect(store.eventsReceivedOn('2026-10-1')).rejects.toThrow(/YYYY-MM-DD/);
  });
});
