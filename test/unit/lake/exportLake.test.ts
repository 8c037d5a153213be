import { parquetMetadata } from 'hyparquet';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../../events/index.js';
import {
  exportLake,
  FIRST_RUN_DAYS,
  type LakeExportPorts,
  SETTLE_MS,
} from '../../../shared/lake/export/exportLake.js';
import { MissingPiiSaltError } from '../../../shared/lake/pii.js';
import { MemoryEventStore, MemoryJobState, MemoryObjectStore } from '../../support/fakes.js';
import { lakeEventSet } from '../../support/lakeEvents.js';

const SALT = 'unit-salt-0123456789abcdef';
const NOW = new Date('2026-11-25T10:00:00.000Z');

let events: MemoryEventStore;
let store: MemoryObjectStore;
let state: MemoryJobState;
let lines: string[];

function ports(overrides: Partial<LakeExportPorts> = {}): LakeExportPorts {
  return {
    events,
    store,
    watermark: state,
    lease: state,
    salt: SALT,
    now: () => NOW,
    progress: (line) => lines.push(line),
    ...overrides,
  };
}

async function record(list: CanonicalEvent[]) {
  for (const event of list) await events.record(event);
}

/** Rows in the objects under `lake/<table>/dt=<day>/`, read from each Parquet footer. */
function rowsIn(table: string, day: string): number {
  let rows = 0;
  for (const [key, bytes] of store.objects) {
    if (!key.startsWith(`lake/${table}/dt=${day}/`)) continue;
    rows += Number(
      parquetMetadata(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ).num_rows,
    );
  }
  return rows;
}

const reply = (sid: string, occurredAt: string, receivedAt: Date) =>
  canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: sid,
      occurredAt,
      channel: 'sms',
      messageId: sid,
      phone: '+14155550123',
      from: '+14155550123',
      to: '+14155550199',
      body: 'yes',
    },
    receivedAt,
  );

beforeEach(() => {
  events = new MemoryEventStore();
  store = new MemoryObjectStore();
  state = new MemoryJobState();
  lines = [];
});

describe('Function: exportLake', () => {
  it('writes each arrival day of each exported table and sums what it wrote', async () => {
    // Prepare
    const today = lakeEventSet(NOW);
    const yesterday = [1, 2, 3, 4, 5].map((n) =>
      reply(`SMy${n}`, '2026-11-24T23:00:00.000Z', new Date('2026-11-24T23:59:00.000Z')),
    );
    await record([...today, ...yesterday]);

    // Act
    const summary = await exportLake(ports());

    // Assess
    expect(summary.events).toBe(today.length + 5);
    expect(summary.days).toHaveLength(FIRST_RUN_DAYS + 1);
    expect(summary.days.at(-1)).toBe('2026-11-25');
    expect(rowsIn('events', '2026-11-25')).toBe(today.length);
    expect(rowsIn('events', '2026-11-24')).toBe(5);
    expect(rowsIn('consent_ledger', '2026-11-25')).toBe(3);
    expect(rowsIn('send_decisions', '2026-11-25')).toBe(5);
    expect(rowsIn('intent_alerts', '2026-11-25')).toBe(5);
    expect(summary.rows).toEqual({
      events: today.length + 5,
      consent_ledger: rowsIn('consent_ledger', '2026-11-25') + rowsIn('consent_ledger', '2026-11-24'),
      send_decisions: rowsIn('send_decisions', '2026-11-25') + rowsIn('send_decisions', '2026-11-24'),
      intent_alerts: rowsIn('intent_alerts', '2026-11-25') + rowsIn('intent_alerts', '2026-11-24'),
    });
    expect(
      [...store.objects.keys()].every((k) =>
        /^lake\/\w+\/dt=\d{4}-\d{2}-\d{2}\/part-[\w-]+\.parquet$/.test(k),
      ),
    ).toBe(true);
  });

  it('changes no count when it runs again', async () => {
    await record(lakeEventSet(NOW));
    await exportLake(ports());
    const first = new Map([...store.objects.keys()].map((k) => [k.replace(/part-.*$/, ''), 0]));
    for (const key of first.keys()) first.set(key, rowsIn(key.split('/')[1]!, key.slice(-11, -1)));

    const second = await exportLake(ports({ now: () => new Date(NOW.getTime() + 60_000) }));

    expect(second.days).toEqual(['2026-11-25']);
    for (const [prefix, rows] of first) {
      expect(rowsIn(prefix.split('/')[1]!, prefix.slice(-11, -1))).toBe(rows);
      expect([...store.objects.keys()].filter((k) => k.startsWith(prefix))).toHaveLength(1);
    }
  });

  it('puts an event that arrives late for an exported day into the day it arrived, on the next run', async () => {
    // Prepare: the 24th is exported, then an event that happened on the 24th arrives on the 25th.
    await record([reply('SM1', '2026-11-24T12:00:00.000Z', new Date('2026-11-24T12:00:01.000Z'))]);
    await exportLake(ports({ now: () => new Date('2026-11-24T23:00:00.000Z') }));
    await record([reply('SM2', '2026-11-24T12:30:00.000Z', NOW)]);

    // Act
    const next = await exportLake(ports());

    // Assess
    expect(next.days).toEqual(['2026-11-24', '2026-11-25']);
    expect(rowsIn('events', '2026-11-24')).toBe(1);
    expect(rowsIn('events', '2026-11-25')).toBe(1);
  });

  it('starts at the watermark day, re-reading it, and moves the watermark to today', async () => {
    state.mark = { day: '2026-11-22', runId: 'earlier', at: '2026-11-22T23:00:00.000Z' };

    const summary = await exportLake(ports());

    expect(summary.days).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    expect(summary.watermark).toBe('2026-11-25');
    expect(state.mark).toMatchObject({ day: '2026-11-25', runId: summary.runId });
  });

  it('keeps the watermark on yesterday just after midnight, so a late index entry is re-read', async () => {
    state.mark = { day: '2026-11-24', runId: 'earlier', at: '2026-11-24T23:00:00.000Z' };
    const justAfterMidnight = new Date(Date.parse('2026-11-25T00:00:00.000Z') + SETTLE_MS - 60_000);

    const summary = await exportLake(ports({ now: () => justAfterMidnight }));

    expect(summary.days).toEqual(['2026-11-24', '2026-11-25']);
    expect(state.mark?.day).toBe('2026-11-24');
  });

  it('leaves the watermark alone for a backfill of older days or a range after a gap', async () => {
    state.mark = { day: '2026-11-20', runId: 'earlier', at: '2026-11-20T23:00:00.000Z' };

    await exportLake(ports(), { from: '2026-11-01', to: '2026-11-03' });
    expect(state.mark.day).toBe('2026-11-20');
    await exportLake(ports(), { from: '2026-11-23' });
    expect(state.mark.day).toBe('2026-11-20');
  });

  it('exports exactly the --from/--to days', async () => {
    const summary = await exportLake(ports(), { from: '2026-10-30', to: '2026-11-02' });

    expect(summary.days).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it.each([
    [{ from: '2026-11-31' }, /from must be a calendar date/],
    [{ to: 'yesterday' }, /to must be a calendar date/],
    [{ from: '2026-11-25', to: '2026-11-24' }, /is after/],
  ])('refuses the range %j', async (options, message) => {
    await expect(exportLake(ports(), options)).rejects.toThrow(message);
  });

  it('refuses to run without a salt, before reading or writing anything', async () => {
    await record(lakeEventSet(NOW));
    const read = vi.spyOn(events, 'eventsReceivedOn');

    await expect(exportLake(ports({ salt: undefined }))).rejects.toThrow(MissingPiiSaltError);

    expect(read).not.toHaveBeenCalled();
    expect(store.objects.size).toBe(0);
    expect(state.mark).toBeUndefined();
  });

  it('skips while another run holds the lease, and runs once it has expired', async () => {
    await record(lakeEventSet(NOW));
    await state.acquire('other-run', NOW, 60_000);

    const skipped = await exportLake(ports());
    const later = await exportLake(ports({ now: () => new Date(NOW.getTime() + 120_000) }));

    expect(skipped.skipped).toMatch(/other-run/);
    expect(skipped.days).toEqual([]);
    expect(later.skipped).toBeUndefined();
    expect(later.events).toBeGreaterThan(0);
    expect(state.lease).toBeUndefined();
  });

  it('releases the lease when a day fails, and keeps the watermark on the last whole day', async () => {
    state.mark = { day: '2026-11-23', runId: 'earlier', at: '2026-11-23T23:00:00.000Z' };
    vi.spyOn(events, 'eventsReceivedOn').mockImplementation(async (day) => {
      if (day === '2026-11-25') throw new Error('throttled');
      return [];
    });

    await expect(exportLake(ports())).rejects.toThrow('throttled');

    expect(state.mark.day).toBe('2026-11-24');
    expect(state.lease).toBeUndefined();
  });

  it('reports one progress line per day with its counts', async () => {
    await record(lakeEventSet(NOW));
    state.mark = { day: '2026-11-25', runId: 'earlier', at: '2026-11-25T09:00:00.000Z' };

    await exportLake(ports());

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^lake-export 2026-11-25: \d+ events -> events \d+, consent_ledger 3, send_decisions 5, intent_alerts 5 \(\d+ ms\)$/,
    );
  });
});
