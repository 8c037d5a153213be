import { describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../../events/index.js';
import { replayEvents } from '../../../shared/ops/replayEvents.js';

function received(at: string, ref: string): CanonicalEvent {
  return canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: ref,
      occurredAt: at,
      channel: 'sms',
      messageId: ref,
      phone: '+14155550100',
      from: '+14155550100',
      to: '+14155550199',
      body: 'hi',
    },
    new Date(at),
  );
}

/** Three days of events, a few each, by arrival day as the byDay index holds them. */
const STORED: CanonicalEvent[] = [
  received('2026-12-01T23:59:00.000Z', 'a'),
  received('2026-12-02T00:00:00.000Z', 'b'),
  received('2026-12-02T12:00:00.000Z', 'c'),
  received('2026-12-03T06:00:00.000Z', 'd'),
  received('2026-12-03T06:00:01.000Z', 'e'),
];

function ports() {
  const days: string[] = [];
  const enqueued: CanonicalEvent[][] = [];
  return {
    days,
    enqueued,
    eventsReceivedOn: async (day: string) => {
      days.push(day);
      return STORED.filter((e) => e.receivedAt.startsWith(day));
    },
    enqueue: async (events: readonly CanonicalEvent[]) => void enqueued.push([...events]),
  };
}

describe('Function: replayEvents', () => {
  it('re-publishes exactly the events that arrived in [from, to), unchanged, one day at a time', async () => {
    const p = ports();
    const summary = await replayEvents(
      { from: new Date('2026-12-02T00:00:00Z'), to: new Date('2026-12-03T06:00:01Z') },
      p,
    );
    expect(p.days).toEqual(['2026-12-02', '2026-12-03']);
    expect(p.enqueued.flat().map((e) => e.vendorRef)).toEqual(['b', 'c', 'd']);
    expect(p.enqueued.flat()).toEqual(STORED.slice(1, 4));
    expect(summary).toMatchObject({ days: 2, replayed: 3, byType: { 'message.received': 3 } });
  });

  it('refuses an empty or reversed window before reading anything', async () => {
    const p = ports();
    const at = new Date('2026-12-02T00:00:00Z');
    await expect(replayEvents({ from: at, to: at }, p)).rejects.toThrow(/--from must be before --to/);
    expect(p.days).toEqual([]);
  });
});
