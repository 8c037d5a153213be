import { describe, expect, it } from 'vitest';
import {
  compareProportions,
  drawBinomial,
  mdeMean,
  mdeProportion,
  seededRandom,
} from '../../../shared/stats/index.js';

describe('Function: mdeMean / mdeProportion', () => {
  it('hand-computes the 80%-power, 5%-two-sided MDE', () => {
    // (z_0.975 + z_0.8) = 1.959964 + 0.841621 = 2.801585.
    // Means: sd 10, 400 and 100 members: 2.801585 · 10 · √(1/400 + 1/100) = 28.01585 · 0.111803 = 3.132264.
    expect(mdeMean(10, 400, 100)).toBeCloseTo(3.132264, 5);
    // Rate: baseline 5%, 10k each: √(0.05 · 0.95) = 0.217945; √(2/10000) = 0.0141421;
    // 2.801585 · 0.217945 · 0.0141421 = 0.0086351 (0.86 points).
    expect(mdeProportion(0.05, 10_000, 10_000)).toBeCloseTo(0.0086351, 6);
  });

  it('grows with a stricter alpha or a higher power, and is infinite with an empty arm', () => {
    const base = mdeMean(1, 1000, 1000);
    expect(mdeMean(1, 1000, 1000, { alpha: 0.01 })).toBeGreaterThan(base);
    expect(mdeMean(1, 1000, 1000, { power: 0.9 })).toBeGreaterThan(base);
    expect(mdeMean(1, 0, 1000)).toBe(Number.POSITIVE_INFINITY);
  });

  it('detects a planted lift of exactly the MDE about 80% of the time', () => {
    // 1000 seeded worlds at baseline 10%, 5000 per arm, treated at 10% + MDE. The detection rate is
    // Binomial(1000, ≈0.8): sd √(1000 · 0.8 · 0.2) = 12.6 worlds = 1.3 points; the formula uses the
    // baseline variance for both arms, which moves true power by well under a point here. Band ±5 points.
    const n = 5000;
    const mde = mdeProportion(0.1, n, n);
    const random = seededRandom(80);
    let detected = 0;
    for (let w = 0; w < 1000; w++) {
      const result = compareProportions(
        { successes: drawBinomial(random, n, 0.1 + mde), n },
        { successes: drawBinomial(random, n, 0.1), n },
      );
      if (result.status === 'ok' && result.pValue < 0.05) detected++;
    }
    expect(detected / 1000).toBeGreaterThan(0.75);
    expect(detected / 1000).toBeLessThan(0.85);
  });
});
