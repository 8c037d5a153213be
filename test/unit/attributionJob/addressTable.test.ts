import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AddressTable } from '../../../shared/attribution/job/addressTable.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Class: AddressTable', () => {
  it('gives a key to its latest record: later in time, or as late with the greater event id', () => {
    // Prepare
    const table = new AddressTable();

    // Act
    table.offer(hash('a'), 1, 2000, 'evt_b');
    table.offer(hash('a'), 2, 1000, 'evt_z'); // earlier: ignored
    table.offer(hash('a'), 3, 2000, 'evt_a'); // as late, smaller id: ignored
    table.offer(hash('b'), 4, 500, 'evt_a');
    table.offer(hash('b'), 5, 500, 'evt_c'); // as late, greater id: wins

    // Assess
    expect(table.get(hash('a'))).toBe(1);
    expect(table.get(hash('b'))).toBe(5);
    expect(table.get(hash('c'))).toBe(-1);
    expect(table.size).toBe(2);
  });

  it.each([
    ['upper-case hex', hash('x').toUpperCase()],
    ['a shorter key', 'abc123'],
    ['a non-hex key of hash length', 'g'.repeat(64)],
  ])('keeps %s exactly, apart from the hex keys', (_label, key) => {
    const table = new AddressTable();
    table.offer(key, 7, 1, 'evt_1');
    table.offer(hash('x'), 8, 1, 'evt_1');

    expect(table.get(key)).toBe(7);
    expect(table.get(hash('x'))).toBe(8);
  });

  it('finds every key again after growing far past its first capacity', () => {
    const table = new AddressTable();
    for (let i = 0; i < 50_000; i += 1) table.offer(hash(`k${i}`), i, i, `evt_${i}`);
    table.seal();

    const wrong = [];
    for (let i = 0; i < 50_000; i += 1) if (table.get(hash(`k${i}`)) !== i) wrong.push(i);

    expect(wrong).toEqual([]);
    expect(table.get(hash('absent'))).toBe(-1);
    expect(() => table.offer(hash('late'), 1, 1, 'evt')).toThrow('AddressTable is sealed');
  });
});
