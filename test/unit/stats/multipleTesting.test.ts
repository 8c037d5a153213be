import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../shared/stats/index.js';

describe('Function: benjaminiHochberg', () => {
  it("matches R's p.adjust(method = 'BH'), computed by hand", () => {
    // Sorted p with rank r, m = 8: m·p/r = 0.008, 0.032, 0.104, 0.082, 0.0672, 0.08, 0.084571, 0.205.
    // Running minimum from the largest rank down: 0.205, 0.084571, 0.08, 0.0672, 0.0672, 0.0672, 0.032, 0.008.
    const p = [0.041, 0.001, 0.205, 0.039, 0.008, 0.06, 0.042, 0.074];
    const { adjusted, discovery } = benjaminiHochberg(p);
    const expected = [0.0672, 0.008, 0.205, 0.0672, 0.032, 0.08, 0.0672, 8 * (0.074 / 7)];
    adjusted.forEach((a, i) => {
      expect(a).toBeCloseTo(expected[i]!, 12);
    });
    expect(discovery).toEqual([false, true, false, false, true, false, false, false]);
  });

  it('marks everything when all m·p/r equal the level, and caps at 1', () => {
    // 0.01·5/1 = 0.02·5/2 = … = 0.05.
    expect(benjaminiHochberg([0.05, 0.04, 0.03, 0.02, 0.01]).discovery).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(benjaminiHochberg([0.9, 0.95]).adjusted).toEqual([0.95, 0.95]);
    expect(benjaminiHochberg([]).adjusted).toEqual([]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(RangeError);
  });
});
