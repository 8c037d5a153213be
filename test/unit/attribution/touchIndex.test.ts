import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AttributionInputError } from '../../../shared/attribution/model.js';
import { compareIds, timeOrder } from '../../../shared/attribution/timeOrder.js';
import { indexTouches, TouchIndexBuilder } from '../../../shared/attribution/touchIndex.js';
import { daysBefore, touch } from './builders.js';

function naiveOrder(at: number[], ids: string[]): number[] {
  return at.map((_, i) => i).sort((a, b) => at[a]! - at[b]! || compareIds(ids[a]!, ids[b]!));
}

describe('Function: timeOrder', () => {
  it('sorts by time then id like a comparator sort, over narrow and 2^50-wide time ranges', () => {
    // Times from a few values (many ties) up to ranges needing all four 16-bit radix passes.
    const timeArb = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: 0, max: 70_000 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
      fc.integer({ min: 0, max: 2 ** 50 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(timeArb, fc.string({ maxLength: 3 })), { maxLength: 200 }), (rows) => {
        const at = rows.map(([time]) => time);
        const ids = rows.map(([, id]) => id);
        const byId = (a: number, b: number) => compareIds(ids[a]!, ids[b]!);
        expect(Array.from(timeOrder(Float64Array.from(at), rows.length, byId))).toEqual(naiveOrder(at, ids));
      }),
    );
  });

  it('orders ids by UTF-16 code units, as `<` does', () => {
    // compareIds is what the index passes for ties.
    const ids = ['b', 'B', 'a', 'é', 'aa'];
    const order = timeOrder(new Float64Array(5), 5, (a, b) => compareIds(ids[a]!, ids[b]!));
    expect(Array.from(order, (i) => ids[i])).toEqual(['B', 'a', 'aa', 'b', 'é']);
  });
});

describe('Class: TouchIndexBuilder', () => {
  it('drops bots and touches without contact or account, and counts them', () => {
    const index = indexTouches([
      touch(),
      touch({ kind: 'click', messageId: 'SM1', bot: true }),
      touch({ contactId: null, accountId: null }),
      touch({ contactId: null, accountId: 'acme' }),
    ]);
    expect(index.size).toBe(2);
    expect(index.skipped).toEqual({ bot: 1, noIdentity: 1 });
  });

  it('grows past its initial capacity and keeps every touch of a contact in time order', () => {
    const touches = Array.from({ length: 5000 }, (_, i) =>
      touch({
        touchEventId: `evt_${i}`,
        contactId: `c${i % 7}`,
        at: daysBefore(1) - ((i * 7919) % 5000) * 1000,
      }),
    );
    const builder = new TouchIndexBuilder();
    for (const t of touches) builder.add(t);
    const index = builder.build();
    expect(index.size).toBe(5000);
    const c3 = index.contactIndex.get('c3')!;
    const times = Array.from(index.at.subarray(index.contactStart[c3]!, index.contactStart[c3 + 1]!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(touches.filter((t) => t.contactId === 'c3').length);
  });

  it('rejects a time that is not an integer number of milliseconds', () => {
    const builder = new TouchIndexBuilder();
    expect(() => builder.add(touch({ touchEventId: 'evt_bad', at: 1.5 }))).toThrow(AttributionInputError);
    expect(() => builder.add(touch({ at: Number.NaN }))).toThrow(/integer epoch milliseconds/);
  });

  it('rejects an unknown kind', () => {
    // A lake row typed loosely can carry a kind the schema would refuse.
    const row = { ...touch(), kind: 'open' as 'send' };
    expect(() => indexTouches([row])).toThrow(/unknown kind open/);
  });

  it('builds once', () => {
    const builder = new TouchIndexBuilder();
    builder.build();
    expect(() => builder.build()).toThrow(/only be called once/);
  });
});
