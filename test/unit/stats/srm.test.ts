import { describe, expect, it } from 'vitest';
import { drawBinomial, sampleRatioMismatch, seededRandom } from '../../../shared/stats/index.js';

describe('Function: sampleRatioMismatch', () => {
  it('fires on a 45/55 split of a 50/50 design with 20k members', () => {
    // Expected 10000 each: X² = 1000²/10000 + 1000²/10000 = 200 (1 df);
    // P(χ²₁ ≥ 200) = erfc(√100) = erfc(10) = 2.0884876e-45.
    const result = sampleRatioMismatch([9000, 11000], [0.5, 0.5]);
    expect(result.chiSquare).toBeCloseTo(200, 10);
    expect(result.df).toBe(1);
    expect(result.pValue / 2.08848758376254e-45).toBeCloseTo(1, 8);
    expect(result.mismatch).toBe(true);
  });

  it('fires on a 10% holdout that came out at 11%', () => {
    // 17800 / 2200 against 18000 / 2000: X² = 200²/18000 + 200²/2000 = 2.2222 + 20 = 22.2222;
    // P(χ²₁ ≥ 22.2222) = erfc(√11.1111) = 2.43e-6 < 0.001.
    const result = sampleRatioMismatch([17800, 2200], [90, 10]);
    expect(result.chiSquare).toBeCloseTo(22.2222, 4);
    expect(result.pValue).toBeCloseTo(2.43e-6, 7);
    expect(result.mismatch).toBe(true);
  });

  it('computes three arms (2 df has the closed form e^{-X²/2})', () => {
    // 3050/2950/4000 against 30/30/40 of 10000: X² = 50²/3000 + 50²/3000 + 0 = 1.666667; p = e^{-0.833333} = 0.434598.
    const result = sampleRatioMismatch([3050, 2950, 4000], [0.3, 0.3, 0.4]);
    expect(result.chiSquare).toBeCloseTo(5 / 3, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-5 / 6), 12);
    expect(result.mismatch).toBe(false);
  });

  it('treats members in an arm configured at 0% as a mismatch, and no members as no evidence', () => {
    expect(sampleRatioMismatch([10, 1], [1, 0]).mismatch).toBe(true);
    expect(sampleRatioMismatch([0, 0], [1, 1])).toEqual({ chiSquare: 0, df: 1, pValue: 1, mismatch: false });
    expect(() => sampleRatioMismatch([1, 2, 3], [1, 1])).toThrow(RangeError);
  });

  it('stays quiet on fair splits at about the configured rate', () => {
    // 2000 seeded fair 50/50 assignments of 20k members. Under the null the p-value is (very nearly)
    // uniform, so alarms at alpha are Binomial(2000, alpha):
    // - alpha = 0.001: mean 2; P(X >= 8) = 0.0011 (Poisson(2) tail), so more than 7 alarms means a broken test.
    // - alpha = 0.05: mean 100, sd √(2000 · 0.05 · 0.95) = 9.75; 4 sd -> 61..139 (a 1-in-15,000 band).
    const random = seededRandom(20_000);
    let alarms = 0;
    let atFivePercent = 0;
    for (let i = 0; i < 2000; i++) {
      const treated = drawBinomial(random, 20_000, 0.5);
      const result = sampleRatioMismatch([treated, 20_000 - treated], [0.5, 0.5]);
      if (result.mismatch) alarms++;
      if (result.pValue < 0.05) atFivePercent++;
    }
    expect(alarms).toBeLessThanOrEqual(7);
    expect(atFivePercent).toBeGreaterThanOrEqual(61);
    expect(atFivePercent).toBeLessThanOrEqual(139);
  });
});
