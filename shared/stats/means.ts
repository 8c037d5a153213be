/** Revenue or profit per recipient: sample summaries and Welch's unequal-variance t interval. */
import { studentTQuantile, studentTTwoSidedP } from './studentT.js';
import {
  checkConfidence,
  DEFAULT_CONFIDENCE,
  DEFAULT_MIN_PER_ARM,
  type Insufficient,
  type Interval,
  insufficient,
} from './types.js';

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance with the n - 1 denominator; 0 when n < 2. */
  variance: number;
}

/**
 * n, mean and sample variance in one pass by Welford's (1962) update, which stays accurate when the
 * values are large and close together (no sum-of-squares cancellation).
 */
export function summarize(values: ArrayLike<number>): SampleSummary {
  let mean = 0;
  let m2 = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  return { n, mean: n === 0 ? Number.NaN : mean, variance: n < 2 ? 0 : m2 / (n - 1) };
}

export interface MeanComparison {
  status: 'ok';
  /** treated mean - control mean. */
  diff: number;
  ci: Interval;
  pValue: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Standard error of the difference. */
  se: number;
  /** The t statistic diff / se. */
  t: number;
}

/**
 * Welch (1947, Biometrika 34:28–35) interval for a difference of means with unequal variances:
 *   se = √(s₁²/n₁ + s₂²/n₂),  ν = se⁴ / ((s₁²/n₁)²/(n₁-1) + (s₂²/n₂)²/(n₂-1))  (Satterthwaite 1946),
 *   diff ± t_{1-α/2, ν} · se,  p = P(|T_ν| ≥ |diff| / se).
 * This is R's t.test(var.equal = FALSE). insufficient_data when an arm has fewer than minPerArm
 * members (at least 2) or when neither arm varies (se = 0). One constant arm is allowed: e.g. a
 * holdout in which nobody bought has mean 0 and variance 0, and ν then falls to n - 1 of the other arm.
 */
export function welchCompare(
  treated: SampleSummary,
  control: SampleSummary,
  options: { confidence?: number; minPerArm?: number } = {},
): MeanComparison | Insufficient {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const minPerArm = Math.max(2, options.minPerArm ?? DEFAULT_MIN_PER_ARM);
  checkConfidence(confidence);
  if (treated.n < minPerArm || control.n < minPerArm) {
    return insufficient(
      `an arm has fewer than ${minPerArm} members (treated ${treated.n}, control ${control.n})`,
    );
  }
  const a = treated.variance / treated.n;
  const b = control.variance / control.n;
  const se = Math.sqrt(a + b);
  if (!(se > 0)) return insufficient('no variance in either arm');
  const df = ((a + b) * (a + b)) / ((a * a) / (treated.n - 1) + (b * b) / (control.n - 1));
  const diff = treated.mean - control.mean;
  const t = diff / se;
  const critical = studentTQuantile(1 - (1 - confidence) / 2, df);
  return {
    status: 'ok',
    diff,
    ci: { low: diff - critical * se, high: diff + critical * se },
    pValue: studentTTwoSidedP(t, df),
    df,
    se,
    t,
  };
}
