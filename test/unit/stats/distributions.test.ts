import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../../shared/stats/index.js';
import { logGamma } from '../../../shared/stats/special.js';

describe('Function: logGamma', () => {
  it('matches closed forms', () => {
    // Γ(1/2) = √π; Γ(10) = 9! = 362880; Γ(1) = Γ(2) = 1.
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
  });
});

describe('Function: normalCdf / normalQuantile', () => {
  // Reference values: Abramowitz & Stegun (1964) Table 26.1 and R's pnorm/qnorm to the digits shown.
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.959963984540054, 0.025],
    [-3, 0.0013498980316301],
    [-8, 6.220960574271784e-16],
  ])('Φ(%d) = %d', (z, p) => {
    expect(Math.abs(normalCdf(z) - p) / p).toBeLessThan(1e-12);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729143],
    [0.5, 0],
    [0.05, -1.6448536269514729],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it('inverts its cdf across the range', () => {
    for (const p of [1e-300, 1e-20, 1e-6, 0.001, 0.02425, 0.3, 0.7, 0.99, 1 - 1e-12]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 9);
    }
  });

  it('returns infinities at 0 and 1 and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('Function: studentTQuantile / studentTCdf', () => {
  // Critical values from any t table (e.g. Abramowitz & Stegun Table 26.10) and R's qt().
  it.each([
    [0.975, 10, 2.228138851986274],
    [0.975, 1, 12.70620473617471],
    [0.975, 2, 4.302652729911275],
    [0.995, 3, 5.840909],
    [0.95, 30, 1.697261],
    [0.025, 5, -2.570581835636314],
  ])('t_{%d, %d} = %d', (p, df, t) => {
    // Tabulated to 6 decimals; the longer ones are R's qt() output.
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 6);
  });

  it('handles a fractional df (Welch) as the cdf inverse', () => {
    for (const df of [1.3, 2.5, 17.776, 250.5]) {
      for (const p of [0.001, 0.025, 0.3, 0.975])
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });

  it('tends to the normal as df grows', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
    expect(studentTQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 6);
  });

  it('gives the two-sided p-value as twice the tail', () => {
    // t = 2.228139 at 10 df is the 97.5th percentile, so the two-sided p-value is 0.05.
    expect(studentTTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 12);
    expect(studentTTwoSidedP(-2.228138851986274, 10)).toBeCloseTo(0.05, 12);
    expect(studentTTwoSidedP(0, 10)).toBe(1);
  });
});

describe('Function: chiSquareSurvival', () => {
  // Upper 5% and 0.1% points of chi-square tables (A&S Table 26.8): 3.841459 (1 df), 5.991465 (2 df),
  // 10.82757 (1 df, p = 0.001).
  it.each([
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [10.827566170662733, 1, 0.001],
    [18.307038053275146, 10, 0.05],
  ])('P(χ² ≥ %d; %d df) = %d', (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 12);
  });

  it('is e^{-x/2} with 2 df, exactly', () => {
    // The chi-square with 2 df is exponential with mean 2.
    for (const x of [0.1, 1, 10, 100]) expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
  });

  it('is 1 at 0', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
});
