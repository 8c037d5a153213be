import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../events/index.js';
import type { ConsentEntry } from '../../../shared/consent/consentLedger.js';
import {
  type ConsentQuery,
  consentQuery,
  currentConsent,
  mayMessage,
} from '../../../shared/consent/consentState.js';

const PHONE = '+14155550123';
type Scope = ConsentEntry['scope'];
interface EntrySpec {
  status: ConsentEntry['status'];
  at: string;
  scope?: Scope;
  channel?: ConsentEntry['channel'];
  ref?: string;
}

const entry = ({ status, at, scope = { kind: 'all' }, channel = 'sms', ref }: EntrySpec): ConsentEntry => {
  const event = canonicalEvent(
    {
      type: 'consent.changed',
      source: 'internal',
      vendorRef: ref ?? `${status}:${at}:${JSON.stringify(scope)}:${channel}`,
      occurredAt: at,
      channel,
      status,
      scope,
      phone: PHONE,
      evidence: {
        method: status === 'opted_out' ? 'keyword' : 'form',
        keyword: status === 'opted_out' ? 'STOP' : undefined,
      },
    },
    new Date('2026-12-01T00:00:00.000Z'),
  );
  if (event.type !== 'consent.changed') throw new Error('unreachable');
  return event;
};

const demo: ConsentQuery = { channel: 'sms', programId: 'demo', sender: '+14155550199' };
const growth: ConsentQuery = { channel: 'sms', programId: 'growth', sender: '+14155550198' };

describe('Function: currentConsent', () => {
  it('knows nothing without entries', () => {
    expect(currentConsent([], demo)).toEqual({ status: 'unknown' });
  });

  it('answers with the deciding entry, its time and its evidence', () => {
    const stop = entry({ status: 'opted_out', at: '2026-11-25T10:00:00.000Z' });
    expect(currentConsent([stop], demo)).toEqual({
      status: 'opted_out',
      since: '2026-11-25T10:00:00.000Z',
      eventId: stop.eventId,
      scope: { kind: 'all' },
      evidence: stop.evidence,
    });
  });

  it('lets the latest entry win', () => {
    const optIn = entry({ status: 'opted_in', at: '2026-11-01T10:00:00.000Z' });
    const stop = entry({ status: 'opted_out', at: '2026-11-25T10:00:00.000Z' });
    const start = entry({ status: 'opted_in', at: '2026-11-26T10:00:00.000Z' });
    expect(currentConsent([optIn, stop], demo).status).toBe('opted_out');
    expect(currentConsent([start, optIn, stop], demo).status).toBe('opted_in');
  });

  it('applies an everything-scope opt-out to every program and sender', () => {
    const history = [
      entry({
        status: 'opted_in',
        at: '2026-11-01T10:00:00.000Z',
        scope: { kind: 'program', value: 'growth' },
      }),
      entry({ status: 'opted_out', at: '2026-11-25T10:00:00.000Z', scope: { kind: 'all' } }),
    ];
    expect(currentConsent(history, demo).status).toBe('opted_out');
    expect(currentConsent(history, growth).status).toBe('opted_out');
    expect(currentConsent(history, { channel: 'sms' }).status).toBe('opted_out');
  });

  it('applies a program-scope opt-out to that program only', () => {
    const history = [
      entry({
        status: 'opted_out',
        at: '2026-11-25T10:00:00.000Z',
        scope: { kind: 'program', value: 'growth' },
      }),
    ];
    expect(currentConsent(history, growth).status).toBe('opted_out');
    expect(currentConsent(history, demo).status).toBe('unknown');
    expect(currentConsent(history, { channel: 'sms' }).status).toBe('unknown');
  });

  it('applies a sender-scope opt-out to that sender only, whatever the program', () => {
    const history = [
      entry({
        status: 'opted_out',
        at: '2026-11-25T10:00:00.000Z',
        scope: { kind: 'sender', value: '+14155550198' },
      }),
    ];
    expect(currentConsent(history, growth).status).toBe('opted_out');
    expect(currentConsent(history, { ...demo, sender: '+14155550198' }).status).toBe('opted_out');
    expect(currentConsent(history, demo).status).toBe('unknown');
  });

  it('re-opens one program after an everything-scope opt-out when that program gets a later opt-in', () => {
    const history = [
      entry({ status: 'opted_out', at: '2026-11-25T10:00:00.000Z', scope: { kind: 'all' } }),
      entry({
        status: 'opted_in',
        at: '2026-11-26T10:00:00.000Z',
        scope: { kind: 'program', value: 'demo' },
      }),
    ];
    expect(currentConsent(history, demo).status).toBe('opted_in');
    expect(currentConsent(history, growth).status).toBe('opted_out');
  });

  it('keeps channels apart', () => {
    const history = [entry({ status: 'opted_out', at: '2026-11-25T10:00:00.000Z', channel: 'email' })];
    expect(currentConsent(history, demo).status).toBe('unknown');
    expect(currentConsent(history, { channel: 'email' }).status).toBe('opted_out');
  });

  it('compares times as instants, not as text', () => {
    // 10:30 in UTC+02:00 is 08:30Z: earlier than the 09:00Z opt-out although it sorts later as text.
    const history = [
      entry({ status: 'opted_out', at: '2026-11-25T09:00:00.000Z' }),
      entry({ status: 'opted_in', at: '2026-11-25T10:30:00.000+02:00' }),
    ];
    expect(currentConsent(history, demo).status).toBe('opted_out');
  });

  it('lets an opt-out win a tie at the same instant, whatever the ids and the order', () => {
    const at = '2026-11-25T10:00:00.000Z';
    for (const ref of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const stop = entry({ status: 'opted_out', at, ref: `stop-${ref}` });
      const start = entry({ status: 'opted_in', at: '2026-11-25T12:00:00.000+02:00', ref: `start-${ref}` });
      expect(currentConsent([stop, start], demo).status).toBe('opted_out');
      expect(currentConsent([start, stop], demo).status).toBe('opted_out');
    }
  });
});

describe('Function: mayMessage', () => {
  it.each([
    ['opt_in', 'opted_in', true],
    ['opt_in', 'unknown', false],
    ['opt_in', 'opted_out', false],
    ['not_opted_out', 'opted_in', true],
    ['not_opted_out', 'unknown', true],
    ['not_opted_out', 'opted_out', false],
  ] as const)('a program requiring %s may message a contact %s: %s', (required, status, expected) => {
    expect(mayMessage({ status }, { consent: { required, scope: 'all' } })).toBe(expected);
  });
});

describe('Function: consentQuery', () => {
  it("asks about the program's channel, id and sender", () => {
    expect(consentQuery('demo', { channel: 'sms', from: '+14155550199' })).toEqual(demo);
  });
});

describe('Property: consent state over random ledgers', () => {
  const programs = ['demo', 'growth'];
  const senders = ['+14155550199', '+14155550198'];
  const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
    fc.constant<Scope>({ kind: 'all' }),
    fc.constantFrom(...programs).map((value): Scope => ({ kind: 'program', value })),
    fc.constantFrom(...senders).map((value): Scope => ({ kind: 'sender', value })),
  );
  // Few distinct instants, written with different offsets, so ties and offset order both occur.
  const atArb = fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0, 120, -300))
    .map(([hour, offsetMinutes]) => {
      const instant = Date.UTC(2026, 10, 25, 10 + hour);
      const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      return `${local}${offset}`;
    });
  const entryArb = fc
    .record({
      status: fc.constantFrom<ConsentEntry['status']>('opted_in', 'opted_out'),
      at: atArb,
      scope: scopeArb,
      channel: fc.constantFrom<ConsentEntry['channel']>('sms', 'email'),
      ref: fc.uuid(),
    })
    .map(entry);
  const ledgerArb = fc
    .array(entryArb, { maxLength: 12 })
    .chain((entries) =>
      fc.tuple(
        fc.constant(entries),
        fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
      ),
    );
  const queryArb: fc.Arbitrary<ConsentQuery> = fc.record(
    {
      channel: fc.constantFrom<ConsentQuery['channel']>('sms', 'email'),
      programId: fc.constantFrom(...programs),
      sender: fc.constantFrom(...senders),
    },
    { requiredKeys: ['channel'] },
  );

  /** Reference model, written apart from the implementation: rank every applicable entry by one key. */
  const latestApplicable = (entries: ConsentEntry[], query: ConsentQuery) => {
    const applicable = entries.filter(
      (e) =>
        e.channel === query.channel &&
        (e.scope.kind === 'all' ||
          (e.scope.kind === 'program' && e.scope.value === query.programId) ||
          (e.scope.kind === 'sender' && e.scope.value === query.sender)),
    );
    const rank = (e: ConsentEntry) =>
      `${String(new Date(e.occurredAt).getTime()).padStart(15, '0')}#${e.status === 'opted_out' ? 1 : 0}#${e.eventId}`;
    return applicable.sort((a, b) => rank(a).localeCompare(rank(b))).at(-1);
  };

  it('equals the status of the latest applicable entry', () => {
    fc.assert(
      fc.property(ledgerArb, queryArb, ([entries], query) => {
        const latest = latestApplicable([...entries], query);
        const state = currentConsent(entries, query);
        expect(state.status).toBe(latest?.status ?? 'unknown');
        expect(state.eventId).toBe(latest?.eventId);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order entries were appended', () => {
    fc.assert(
      fc.property(ledgerArb, queryArb, ([entries, shuffled], query) => {
        expect(currentConsent(shuffled, query)).toEqual(currentConsent(entries, query));
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a program message a contact whose latest applicable entry is an opt-out', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        queryArb,
        fc.constantFrom('opt_in', 'not_opted_out'),
        ([entries], query, required) => {
          fc.pre(latestApplicable([...entries], query)?.status === 'opted_out');
          expect(mayMessage(currentConsent(entries, query), { consent: { required, scope: 'all' } })).toBe(
            false,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
