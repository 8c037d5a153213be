import { describe, expect, it } from 'vitest';
import {
  drawBinomial,
  drawGamma,
  drawLognormal,
  drawNormal,
  seededRandom,
  summarize,
} from '../../../shared/stats/index.js';

function sample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

describe('Function: seededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = sample(1000, seededRandom(1));
    expect(sample(1000, seededRandom(1))).toEqual(a);
    expect(sample(1000, seededRandom(2))).not.toEqual(a);
    expect(a.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it('is uniform: mean 1/2 and variance 1/12', () => {
    // 100k draws: sd of the mean √(1/12/1e5) = 0.00091; 5 sd = 0.0046.
    const s = summarize(sample(100_000, seededRandom(3)));
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(s.variance - 1 / 12)).toBeLessThan(0.002);
  });
});

describe('Draws', () => {
  // Each check is within 5 standard errors of the sample mean (n = 50k unless said).
  it('normal(3, 2) has mean 3 and variance 4', () => {
    const random = seededRandom(4);
    const s = summarize(sample(50_000, () => drawNormal(random, 3, 2)));
    expect(Math.abs(s.mean - 3)).toBeLessThan(5 * (2 / Math.sqrt(50_000))); // 0.0447
    expect(Math.abs(s.variance - 4)).toBeLessThan(0.15);
  });

  it('lognormal(0, 0.5) has mean e^{0.125} = 1.133148', () => {
    const random = seededRandom(5);
    // variance (e^{0.25} - 1) e^{0.25} = 0.3646; se of the mean √(0.3646/5e4) = 0.0027.
    const s = summarize(sample(50_000, () => drawLognormal(random, 0, 0.5)));
    expect(Math.abs(s.mean - Math.exp(0.125))).toBeLessThan(5 * 0.0027);
  });

  it('gamma(shape) has mean and variance = shape, also below 1', () => {
    for (const shape of [0.4, 2.5, 30]) {
      const random = seededRandom(6);
      const s = summarize(sample(50_000, () => drawGamma(random, shape)));
      expect(Math.abs(s.mean - shape)).toBeLessThan(5 * Math.sqrt(shape / 50_000));
      expect(Math.abs(s.variance / shape - 1)).toBeLessThan(0.06);
    }
  });

  it('binomial has mean np and variance np(1-p), through both the direct and the split path', () => {
    for (const [n, p] of [
      [20, 0.3],
      [20_000, 0.5],
      [5000, 0.02],
    ] as const) {
      const random = seededRandom(7);
      const draws = sample(20_000, () => drawBinomial(random, n, p));
      const s = summarize(draws);
      const variance = n * p * (1 - p);
      expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
      expect(Math.abs(s.mean - n * p)).toBeLessThan(5 * Math.sqrt(variance / 20_000));
      expect(Math.abs(s.variance / variance - 1)).toBeLessThan(0.07);
    }
  });

  it('binomial handles the edges', () => {
    const random = seededRandom(8);
    expect(drawBinomial(random, 1000, 0)).toBe(0);
    expect(drawBinomial(random, 1000, 1)).toBe(1000);
    expect(drawBinomial(random, 0, 0.5)).toBe(0);
  });
});
