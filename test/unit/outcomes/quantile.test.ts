import { describe, expect, it } from 'vitest';
import { quantileCont } from '../../../shared/outcomes/quantile.js';

describe('Function: quantileCont', () => {
  it('takes the middle value of an odd count as the median', () => {
    // sorted [2, 7, 40]: position 0.5 × 2 = 1 -> 7
    expect(quantileCont([40, 2, 7], 0.5)).toBe(7);
  });

  it('takes the mean of the middle two of an even count as the median', () => {
    // sorted [1, 3, 8, 20]: position 0.5 × 3 = 1.5 -> 3 + (8 − 3) × 0.5 = 5.5
    expect(quantileCont([20, 8, 1, 3], 0.5)).toBe(5.5);
  });

  it('interpolates the 75th percentile between the closest ranks', () => {
    // odd: sorted [2, 7, 40]: position 0.75 × 2 = 1.5 -> 7 + (40 − 7) × 0.5 = 23.5
    expect(quantileCont([40, 2, 7], 0.75)).toBe(23.5);
    // even: sorted [1, 3, 8, 20]: position 0.75 × 3 = 2.25 -> 8 + (20 − 8) × 0.25 = 11
    expect(quantileCont([20, 8, 1, 3], 0.75)).toBe(11);
    // one value: itself
    expect(quantileCont([9], 0.75)).toBe(9);
  });

  it('has no quantile of no values, and refuses a quantile outside 0..1', () => {
    expect(quantileCont([], 0.5)).toBeNull();
    expect(() => quantileCont([1], 1.5)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    quantileCont(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });
});
