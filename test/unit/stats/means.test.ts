import { describe, expect, it } from 'vitest';
import {
  bootstrapMeanDiff,
  drawLognormal,
  type MeanComparison,
  seededRandom,
  summarize,
  welchCompare,
} from '../../../shared/stats/index.js';

// Student's (1908) sleep data, as shipped with R (datasets::sleep): extra hours of sleep for two drugs.
const SLEEP_GROUP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_GROUP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

function ok(result: ReturnType<typeof welchCompare>): MeanComparison {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result;
}

describe('Function: summarize', () => {
  it('gives n, the mean and the n-1 variance', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5, squared deviations 9+1+1+1+0+0+4+16 = 32, variance 32/7.
    expect(summarize([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
  });

  it('stays exact for large values close together (no sum-of-squares cancellation)', () => {
    // 1e9 + {4, 7, 13, 16}: deviations from 1e9 + 10 are -6, -3, 3, 6 -> 90 / 3 = 30.
    expect(summarize([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]).variance).toBeCloseTo(30, 9);
  });

  it('has variance 0 below two values', () => {
    expect(summarize([3]).variance).toBe(0);
    expect(summarize([]).n).toBe(0);
  });
});

describe('Function: welchCompare', () => {
  it("reproduces R's t.test(extra ~ group, data = sleep)", () => {
    // R 4.x: t = -1.8608, df = 17.776, p-value = 0.07939,
    // 95 percent confidence interval: -3.3654832 0.2054832; means 0.75 and 2.33.
    const result = ok(welchCompare(summarize(SLEEP_GROUP_1), summarize(SLEEP_GROUP_2), { minPerArm: 2 }));
    expect(result.diff).toBeCloseTo(0.75 - 2.33, 12);
    expect(result.t).toBeCloseTo(-1.8608, 4);
    expect(result.df).toBeCloseTo(17.776, 3);
    expect(result.pValue).toBeCloseTo(0.07939, 5);
    expect(result.ci.low).toBeCloseTo(-3.3654832, 7);
    expect(result.ci.high).toBeCloseTo(0.2054832, 7);
  });

  it('hand-computes a small case', () => {
    // treated mean 10, s² 4, n 5 -> 0.8; control mean 7, s² 9, n 10 -> 0.9; se = √1.7 = 1.303840
    // df = 1.7² / (0.8²/4 + 0.9²/9) = 2.89 / (0.16 + 0.09) = 11.56
    const result = ok(
      welchCompare({ n: 5, mean: 10, variance: 4 }, { n: 10, mean: 7, variance: 9 }, { minPerArm: 2 }),
    );
    expect(result.se).toBeCloseTo(Math.sqrt(1.7), 12);
    expect(result.df).toBeCloseTo(11.56, 12);
    expect(result.t).toBeCloseTo(3 / Math.sqrt(1.7), 12);
  });

  it('accepts one constant arm (a holdout where nobody bought): df falls to n-1 of the other', () => {
    const result = ok(welchCompare({ n: 40, mean: 3, variance: 16 }, { n: 60, mean: 0, variance: 0 }));
    expect(result.df).toBeCloseTo(39, 12);
  });

  it('reports insufficient_data below minPerArm or with no variance in either arm', () => {
    const small = summarize(SLEEP_GROUP_1);
    expect(welchCompare(small, small).status).toBe('insufficient_data'); // 10 < default 30
    expect(welchCompare({ n: 50, mean: 1, variance: 0 }, { n: 50, mean: 0, variance: 0 })).toEqual({
      status: 'insufficient_data',
      reason: 'no variance in either arm',
    });
  });
});

describe('Function: bootstrapMeanDiff', () => {
  it('is deterministic from its seed and differs across seeds', () => {
    const a = bootstrapMeanDiff(SLEEP_GROUP_1, SLEEP_GROUP_2, { seed: 42, resamples: 500 });
    const b = bootstrapMeanDiff(SLEEP_GROUP_1, SLEEP_GROUP_2, { seed: 42, resamples: 500 });
    const c = bootstrapMeanDiff(SLEEP_GROUP_1, SLEEP_GROUP_2, { seed: 43, resamples: 500 });
    expect(a).toEqual(b);
    expect(c.ci).not.toEqual(a.ci);
  });

  it('agrees with Welch on the sleep data to within the bootstrap noise', () => {
    // The percentile bootstrap has no small-sample t correction, so it is a little narrower than
    // Welch's (-3.37, 0.21); its ends should land within 0.35 of Welch's with 4000 resamples.
    const boot = bootstrapMeanDiff(SLEEP_GROUP_1, SLEEP_GROUP_2, { seed: 7, resamples: 4000 });
    expect(boot.diff).toBeCloseTo(-1.58, 12);
    expect(Math.abs(boot.ci.low - -3.3654832)).toBeLessThan(0.35);
    expect(Math.abs(boot.ci.high - 0.2054832)).toBeLessThan(0.35);
    expect(boot.ci.low).toBeLessThan(boot.diff);
    expect(boot.ci.high).toBeGreaterThan(boot.diff);
  });

  it('resamples mostly-zero revenue with the spread of the ordinary bootstrap', () => {
    // 2000 members per arm, 30% buyers with lognormal(ln 40, 0.5) orders: the mean is close to normal,
    // so the percentile interval should be 2 · 1.959964 · √(σ̂₁²/n₁ + σ̂₂²/n₂) wide (σ̂² the plug-in,
    // /n, variance the bootstrap resamples from). The 2.5% and 97.5% quantiles of 4000 resamples carry
    // about 1.5% noise on the width; tolerance 6%.
    const random = seededRandom(9);
    const arm = (rate: number) =>
      Float64Array.from({ length: 2000 }, () =>
        random() < rate ? drawLognormal(random, Math.log(40), 0.5) : 0,
      );
    const treated = arm(0.33);
    const control = arm(0.3);
    const plugIn = (values: Float64Array) => {
      const s = summarize(values);
      return (s.variance * (s.n - 1)) / s.n / s.n;
    };
    const expectedWidth = 2 * 1.959964 * Math.sqrt(plugIn(treated) + plugIn(control));
    const boot = bootstrapMeanDiff(treated, control, { seed: 10, resamples: 4000 });
    expect((boot.ci.high - boot.ci.low) / expectedWidth).toBeGreaterThan(0.94);
    expect((boot.ci.high - boot.ci.low) / expectedWidth).toBeLessThan(1.06);
  });

  it('collapses to the point when neither arm varies', () => {
    const boot = bootstrapMeanDiff([5, 5, 5], [2, 2], { seed: 1, resamples: 50 });
    expect(boot.ci).toEqual({ low: 3, high: 3 });
  });

  it('refuses an empty arm', () => {
    expect(() => bootstrapMeanDiff([], [1, 2], { seed: 1 })).toThrow(RangeError);
  });
});
