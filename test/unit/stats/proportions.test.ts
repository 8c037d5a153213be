import { describe, expect, it } from 'vitest';
import {
  compareProportions,
  type ProportionComparison,
  wilsonInterval,
} from '../../../shared/stats/index.js';

function ok(result: ReturnType<typeof compareProportions>): ProportionComparison {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.reason}`);
  return result;
}

describe('Function: wilsonInterval', () => {
  // Newcombe RG (1998a), "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Stat Med 17:857–872, Table I, method 3 (Wilson score without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d -> %d to %d (Newcombe 1998a Table I)', (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('matches the closed form at 0 successes: upper = z²/(n + z²)', () => {
    // At x = 0 the Wilson upper limit simplifies to z²/(n+z²): 1.959964² = 3.841459; 3.841459 / 23.841459 = 0.16112.
    const z2 = 1.959963984540054 ** 2;
    expect(wilsonInterval(0, 20).high).toBeCloseTo(z2 / (20 + z2), 12);
  });

  it('is the whole [0, 1] with no observations', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 95)).toThrow(RangeError);
  });
});

describe('Function: compareProportions', () => {
  // Newcombe RG (1998b), "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Stat Med 17:873–890, Table II, method 10 (score, no continuity correction).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%d/%d - %d/%d -> %d to %d (Newcombe 1998b Table II, method 10)', (x1, n1, x2, n2, low, high) => {
    const result = ok(
      compareProportions({ successes: x1, n: n1 }, { successes: x2, n: n2 }, { minPerArm: 1 }),
    );
    expect(result.diff).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(result.diffCi.low).toBeCloseTo(low, 4);
    expect(result.diffCi.high).toBeCloseTo(high, 4);
  });

  it('gives the pooled z test and the Katz log interval for the relative lift', () => {
    // 56/70 = 0.8, 48/80 = 0.6, pooled 104/150 = 0.693333.
    // se0 = √(0.693333 · 0.306667 · (1/70 + 1/80)) = √(0.212622 · 0.0267857) = √0.00569524 = 0.0754668
    // z = 0.2 / 0.0754668 = 2.65017; X² = z² = 7.0234 (chisq.test(correct = FALSE) of the 2×2 table);
    // two-sided p = 2 (1 - Φ(2.65017)) = 2 · 0.0040224 = 0.008045.
    const result = ok(
      compareProportions({ successes: 56, n: 70 }, { successes: 48, n: 80 }, { minPerArm: 1 }),
    );
    expect(result.z).toBeCloseTo(2.65017, 4);
    expect(result.z * result.z).toBeCloseTo(7.0234, 3);
    expect(result.pValue).toBeCloseTo(0.008045, 5);
    // RR = 0.8 / 0.6 = 1.333333; se(ln RR) = √(1/56 - 1/70 + 1/48 - 1/80) = √(0.0035714 + 0.0083333) = 0.109109
    // ln RR = 0.287682 ± 1.959964 · 0.109109 = 0.287682 ± 0.213850 = [0.073832, 0.501532]
    // -> RR [e^0.073832, e^0.501532] = [1.076626, 1.651249] -> lift [0.076626, 0.651249].
    expect(result.relativeLift).toBeCloseTo(1 / 3, 12);
    expect(result.relativeLiftCi!.low).toBeCloseTo(0.076626, 5);
    expect(result.relativeLiftCi!.high).toBeCloseTo(0.651249, 5);
  });

  it('leaves the relative lift out when the control never converted', () => {
    const result = ok(compareProportions({ successes: 5, n: 56 }, { successes: 0, n: 29 }, { minPerArm: 1 }));
    expect(result.relativeLift).toBeNull();
    expect(result.relativeLiftCi).toBeNull();
  });

  it('reports insufficient_data below minPerArm (default 30) and with no conversions at all', () => {
    expect(compareProportions({ successes: 5, n: 29 }, { successes: 3, n: 400 }).status).toBe(
      'insufficient_data',
    );
    expect(compareProportions({ successes: 5, n: 30 }, { successes: 3, n: 30 }).status).toBe('ok');
    expect(compareProportions({ successes: 0, n: 500 }, { successes: 0, n: 500 })).toEqual({
      status: 'insufficient_data',
      reason: 'no conversions in either arm',
    });
  });

  it('is antisymmetric: swapping the arms negates the difference and mirrors the interval', () => {
    const a = ok(compareProportions({ successes: 30, n: 400 }, { successes: 12, n: 300 }));
    const b = ok(compareProportions({ successes: 12, n: 300 }, { successes: 30, n: 400 }));
    expect(b.diff).toBeCloseTo(-a.diff, 15);
    expect(b.diffCi.low).toBeCloseTo(-a.diffCi.high, 15);
    expect(b.diffCi.high).toBeCloseTo(-a.diffCi.low, 15);
    expect(b.pValue).toBeCloseTo(a.pValue, 15);
  });
});
