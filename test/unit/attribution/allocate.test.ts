import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Allocator } from '../../../shared/attribution/allocate.js';

/** Largest remainder in BigInt only: the definition the fast double path must match. */
function reference(amount: number, num: number[]): number[] {
  const den = num.reduce((a, b) => a + BigInt(b), 0n);
  const total = BigInt(Math.abs(amount));
  const q = num.map((x) => (total * BigInt(x)) / den);
  const r = num.map((x, i) => total * BigInt(x) - q[i]! * den);
  let left = total - q.reduce((a, b) => a + b, 0n);
  const rank = num.map((_, i) => i).sort((a, b) => (r[a]! > r[b]! ? -1 : r[a]! < r[b]! ? 1 : a - b));
  for (const i of rank) {
    if (left === 0n) break;
    q[i]! += 1n;
    left -= 1n;
  }
  return q.map((x) => (amount < 0 ? 0 - Number(x) : Number(x)));
}

function allocate(amount: number, num: number[]): number[] {
  const out = new Float64Array(num.length);
  const weights = Float64Array.from(num);
  new Allocator().allocate(
    amount,
    weights,
    num.reduce((a, b) => a + b, 0),
    num.length,
    out,
  );
  return Array.from(out);
}

describe('Class: Allocator', () => {
  it('gives the leftover units to the largest remainders, ties to the earlier touch', () => {
    // 10 x (1, 2, 2) / 5 = 2, 4, 4 exactly; 11 -> 2.2, 4.4, 4.4: floors 10, 1 left, remainders 1, 2, 2 -> index 1.
    expect(allocate(10, [1, 2, 2])).toEqual([2, 4, 4]);
    expect(allocate(11, [1, 2, 2])).toEqual([2, 5, 4]);
    // 7 / 3 -> 2.33 each: floors 6, 1 left, equal remainders -> index 0.
    expect(allocate(7, [1, 1, 1])).toEqual([3, 2, 2]);
  });

  it('matches the all-BigInt definition for any amount and weights, on both sides of 2^52', () => {
    const amountArb = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.integer({ min: 2 ** 30, max: 2 ** 40 }),
      fc.maxSafeInteger(),
      fc.maxSafeInteger().map((x) => 0 - x),
    );
    const weightArb = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 2 ** 24 }));
    fc.assert(
      fc.property(amountArb, fc.array(weightArb, { minLength: 1, maxLength: 8 }), (amount, raw) => {
        const num = raw.some((x) => x > 0) ? raw : [...raw.slice(1), 1];
        const parts = allocate(amount, num);
        expect(parts).toEqual(reference(amount, num));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
      }),
      { numRuns: 500 },
    );
  });
});
