/** Conversion rates: one proportion (Wilson) and treated vs control (Newcombe, Katz, pooled z). */
import { normalSurvival, twoSidedNormalCritical } from './normal.js';
import {
  checkConfidence,
  DEFAULT_CONFIDENCE,
  DEFAULT_MIN_PER_ARM,
  type Insufficient,
  type Interval,
  insufficient,
} from './types.js';

export interface Counts {
  successes: number;
  n: number;
}

function checkCounts(label: string, { successes, n }: Counts): void {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`${label}: need integers 0 <= successes <= n, got ${successes}/${n}`);
  }
}

/**
 * Wilson (1927) score interval, Newcombe (1998a, Stat Med 17:857–872) method 3:
 *   (p̂ + z²/2n ± z √(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n).
 * It stays inside [0, 1] and is not degenerate at 0 or n successes. With n = 0 nothing is known:
 * the interval is the whole [0, 1].
 */
export function wilsonInterval(successes: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval {
  checkConfidence(confidence);
  checkCounts('wilsonInterval', { successes, n });
  if (n === 0) return { low: 0, high: 1 };
  const z = twoSidedNormalCritical(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  // The exact ends are 0 and 1 at 0 and n successes; pin them so rounding cannot leave 1e-17.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

export interface ProportionComparison {
  status: 'ok';
  treatedRate: number;
  controlRate: number;
  /** treatedRate - controlRate (absolute lift). */
  diff: number;
  diffCi: Interval;
  /** treatedRate / controlRate - 1; null when the control rate is 0. */
  relativeLift: number | null;
  /** Katz log interval mapped to lift; null when either arm has 0 successes (log of 0). */
  relativeLiftCi: Interval | null;
  pValue: number;
  z: number;
}

export interface CompareOptions {
  confidence?: number;
  minPerArm?: number;
}

/**
 * Treated minus control conversion rate.
 * - Interval of the difference: Newcombe (1998b, Stat Med 17:873–890) method 10, the hybrid score
 *   interval from the two Wilson intervals (l₁,u₁), (l₂,u₂):
 *     d - √((p₁-l₁)² + (u₂-p₂)²)  to  d + √((u₁-p₁)² + (p₂-l₂)²).
 * - Relative lift p₁/p₂ - 1 with the Katz et al. (1978, Biometrics 34:469–474) log interval:
 *     exp(ln(p₁/p₂) ± z √(1/x₁ - 1/n₁ + 1/x₂ - 1/n₂)) - 1.
 * - p-value: two-sided pooled z test, z = (p₁ - p₂) / √(p̄(1-p̄)(1/n₁ + 1/n₂)), p̄ = (x₁+x₂)/(n₁+n₂)
 *   (equal to Pearson's chi-square test of the 2×2 table without continuity correction).
 * insufficient_data when an arm has fewer than minPerArm members, or when no one (or everyone)
 * converted in both arms: then the pooled variance is 0 and there is no test.
 */
export function compareProportions(
  treated: Counts,
  control: Counts,
  options: CompareOptions = {},
): ProportionComparison | Insufficient {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const minPerArm = options.minPerArm ?? DEFAULT_MIN_PER_ARM;
  checkConfidence(confidence);
  checkCounts('treated', treated);
  checkCounts('control', control);
  const { successes: x1, n: n1 } = treated;
  const { successes: x2, n: n2 } = control;
  if (n1 < minPerArm || n2 < minPerArm || n1 === 0 || n2 === 0) {
    return insufficient(
      `an arm has fewer than ${Math.max(minPerArm, 1)} members (treated ${n1}, control ${n2})`,
    );
  }
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) {
    return insufficient(
      pooled === 0 ? 'no conversions in either arm' : 'every member converted in both arms',
    );
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const diffCi = {
    low: Math.max(-1, diff - Math.hypot(p1 - w1.low, w2.high - p2)),
    high: Math.min(1, diff + Math.hypot(w1.high - p1, p2 - w2.low)),
  };
  const z = diff / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return {
    status: 'ok',
    treatedRate: p1,
    controlRate: p2,
    diff,
    diffCi,
    relativeLift: x2 === 0 ? null : p1 / p2 - 1,
    relativeLiftCi: x1 === 0 || x2 === 0 ? null : katzLiftInterval(x1, n1, x2, n2, confidence),
    pValue: Math.min(1, 2 * normalSurvival(Math.abs(z))),
    z,
  };
}

function katzLiftInterval(x1: number, n1: number, x2: number, n2: number, confidence: number): Interval {
  const logRatio = Math.log(x1 / n1 / (x2 / n2));
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  const z = twoSidedNormalCritical(confidence);
  return { low: Math.exp(logRatio - z * se) - 1, high: Math.exp(logRatio + z * se) - 1 };
}
