import { describe, expect, it } from 'vitest';
import {
  cuped,
  drawLognormal,
  drawNormal,
  type MeanComparison,
  seededRandom,
  summarize,
  welchCompare,
} from '../../../shared/stats/index.js';

function ok(result: ReturnType<typeof welchCompare>): MeanComparison {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result;
}

function width(c: MeanComparison): number {
  return c.ci.high - c.ci.low;
}

describe('Function: cuped', () => {
  it('hand-computes theta, the adjusted values and the variance reduction', () => {
    // Treated x 1,2,3 y 2,4,7: means 2, 13/3; Sxy = (-1)(-7/3) + 0 + (1)(8/3) = 5; Sxx = 2; Syy = 38/3.
    // Control x 1,2,3 y 1,2,3: Sxy = 2, Sxx = 2, Syy = 2.
    // θ = (5 + 2) / (2 + 2) = 1.75; X̄ = 2. Treated Y' = 2+1.75, 4, 7-1.75 = 3.75, 4, 5.25;
    // control Y' = 2.75, 2, 1.25. Syy' = 14.6667 - 2·1.75·7 + 1.75²·4 = 2.41667; reduction 1 - 2.41667/14.6667 = 0.835227.
    const result = cuped({ x: [1, 2, 3], y: [2, 4, 7] }, { x: [1, 2, 3], y: [1, 2, 3] });
    expect(result.theta).toBeCloseTo(1.75, 12);
    expect(result.meanX).toBe(2);
    expect(Array.from(result.treated)).toEqual([3.75, 4, 5.25]);
    expect(Array.from(result.control)).toEqual([2.75, 2, 1.25]);
    expect(result.varianceReduction).toBeCloseTo(1 - 2.416666666666667 / 14.666666666666666, 12);
  });

  it('removes about rho² of the variance and narrows the interval by √(1 - rho²) (rho = 0.7)', () => {
    // Y = effect + 0.7 X + √0.51 ε within each arm, 5000 per arm. Sample r² has sd ≈ 2ρ(1-ρ²)/√n
    // = 2 · 0.7 · 0.51 / 100 = 0.0071; tolerance 0.03 (> 4 sd). Width ratio √0.51 = 0.714.
    const random = seededRandom(70);
    const arm = (effect: number) => {
      const x = new Float64Array(5000);
      const y = new Float64Array(5000);
      for (let i = 0; i < 5000; i++) {
        x[i] = drawNormal(random);
        y[i] = effect + 0.7 * x[i]! + Math.sqrt(0.51) * drawNormal(random);
      }
      return { x, y };
    };
    const treated = arm(0.05);
    const control = arm(0);
    const result = cuped(treated, control);
    expect(Math.abs(result.varianceReduction - 0.49)).toBeLessThan(0.03);
    expect(Math.abs(result.theta - 0.7)).toBeLessThan(0.03);
    const raw = ok(welchCompare(summarize(treated.y), summarize(control.y)));
    const adjusted = ok(welchCompare(summarize(result.treated), summarize(result.control)));
    expect(Math.abs(width(adjusted) / width(raw) - Math.sqrt(0.51))).toBeLessThan(0.03);
    // Unbiased: the adjusted difference stays within 4 adjusted standard errors of the planted 0.05.
    expect(Math.abs(adjusted.diff - 0.05)).toBeLessThan(4 * adjusted.se);
  });

  it('narrows revenue intervals when pre-period revenue predicts the outcome', () => {
    // Each customer has a lognormal spend level; pre and post revenue are that level times
    // independent lognormal noise, so they correlate but are heavy-tailed. The reported reduction
    // must equal the squared within-arm correlation computed independently.
    const random = seededRandom(71);
    const arm = (uplift: number) => {
      const x = new Float64Array(3000);
      const y = new Float64Array(3000);
      for (let i = 0; i < 3000; i++) {
        const level = drawLognormal(random, Math.log(40), 0.8);
        x[i] = level * drawLognormal(random, 0, 0.4);
        y[i] = level * uplift * drawLognormal(random, 0, 0.4);
      }
      return { x, y };
    };
    const treated = arm(1.1);
    const control = arm(1);
    const result = cuped(treated, control);
    const r = pooledWithinCorrelation([treated, control]);
    expect(result.varianceReduction).toBeCloseTo(r * r, 12);
    expect(result.varianceReduction).toBeGreaterThan(0.3);
    const raw = ok(welchCompare(summarize(treated.y), summarize(control.y)));
    const adjusted = ok(welchCompare(summarize(result.treated), summarize(result.control)));
    expect(width(adjusted)).toBeLessThan(width(raw));
  });

  it('leaves the outcome alone when the covariate is constant', () => {
    const result = cuped({ x: [5, 5, 5], y: [1, 2, 3] }, { x: [5, 5], y: [4, 0] });
    expect(result.theta).toBe(0);
    expect(result.varianceReduction).toBe(0);
    expect(Array.from(result.treated)).toEqual([1, 2, 3]);
  });

  it('refuses arms whose y and x differ in length', () => {
    expect(() => cuped({ x: [1, 2], y: [1] }, { x: [1], y: [1] })).toThrow(RangeError);
  });
});

/** Pearson correlation with each arm centred on its own means (the textbook pooled-within r). */
function pooledWithinCorrelation(arms: { x: Float64Array; y: Float64Array }[]): number {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const { x, y } of arms) {
    const mx = summarize(x).mean;
    const my = summarize(y).mean;
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i]! - mx) * (y[i]! - my);
      sxx += (x[i]! - mx) ** 2;
      syy += (y[i]! - my) ** 2;
    }
  }
  return sxy / Math.sqrt(sxx * syy);
}
