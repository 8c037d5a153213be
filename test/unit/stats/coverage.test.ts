import { describe, expect, it } from 'vitest';
import { cupedCoverage, proportionCoverage, welchRevenueCoverage } from '../../verify/worlds.js';

// With W seeded worlds and a true 95% interval, the number covering the planted truth is
// Binomial(W, 0.95). For W = 400: sd = √(0.95 · 0.05 / 400) = 1.09 points, so ±3 sd = 91.7%..98.3%;
// outside that band the interval is miscalibrated (or the chance is 1 in 370). The long run
// (`npm run verify:stats`, >= 2000 worlds) holds the tighter 93..97% band.
const LOW = 0.917;
const HIGH = 0.983;

describe('Coverage on simulated worlds with a planted lift', () => {
  it('Newcombe 95% interval of the conversion-rate difference, 10% holdout', () => {
    const result = proportionCoverage({ worlds: 400, seed: 1, nTreated: 4500, nControl: 500 });
    expect(result.insufficient).toBe(0);
    expect(result.coverage).toBeGreaterThanOrEqual(LOW);
    expect(result.coverage).toBeLessThanOrEqual(HIGH);
  });

  it('Welch 95% interval of revenue per recipient (zero-inflated lognormal)', () => {
    const result = welchRevenueCoverage({
      worlds: 400,
      seed: 2,
      nTreated: 3000,
      nControl: 3000,
      baseRate: 0.05,
      liftRate: 0.01,
      sigma: 1,
    });
    expect(result.coverage).toBeGreaterThanOrEqual(LOW);
    expect(result.coverage).toBeLessThanOrEqual(HIGH);
  });

  it('CUPED keeps coverage and narrows the interval', () => {
    const result = cupedCoverage({ worlds: 400, seed: 4, n: 1000, rho: 0.7, effect: 0.1 });
    expect(result.adjusted.coverage).toBeGreaterThanOrEqual(LOW);
    expect(result.adjusted.coverage).toBeLessThanOrEqual(HIGH);
    // √(1 - 0.49) = 0.714: the adjusted interval is about 29% narrower.
    expect(result.adjusted.meanWidth / result.raw.meanWidth).toBeLessThan(0.75);
  });
});
