/** Seeded percentile bootstrap of a difference of means: a distribution-free check beside Welch. */
import { drawBinomial, type Random, seededRandom } from './random.js';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './types.js';

export const DEFAULT_RESAMPLES = 2000;

export interface BootstrapResult {
  /** mean(treated) - mean(control) of the data. */
  diff: number;
  /** Percentile interval: the α/2 and 1-α/2 quantiles of the resampled differences. */
  ci: Interval;
  resamples: number;
}

/**
 * Percentile bootstrap of mean(treated) - mean(control) (Efron & Tibshirani 1993, "An Introduction to
 * the Bootstrap", ch. 13).
 * Each resample draws both arms with replacement at their own sizes (they were randomized separately).
 * Quantiles interpolate between order statistics (Hyndman & Fan type 7). Deterministic from the seed.
 *
 * Revenue per recipient is mostly zeros, so an arm is resampled in O(buyers), not O(members): the
 * number of draws that land on non-zero values is Binomial(n, k/n), and given that number they are
 * uniform over the k non-zero values. This is the ordinary bootstrap distribution exactly, not an
 * approximation. Throws on an empty arm: there is nothing to resample.
 *
 * It does not rescue a small, skewed arm: with a 10% holdout of revenue (≈50 buyers) it misses on the
 * same side as Welch (measured in test/verify/stats.ts, "knownLimits").
 */
export function bootstrapMeanDiff(
  treated: ArrayLike<number>,
  control: ArrayLike<number>,
  options: { seed: number; resamples?: number; confidence?: number },
): BootstrapResult {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  checkConfidence(confidence);
  if (!(Number.isInteger(resamples) && resamples >= 2)) {
    throw new RangeError(`resamples must be an integer >= 2, got ${resamples}`);
  }
  if (treated.length === 0 || control.length === 0) {
    throw new RangeError('bootstrapMeanDiff needs at least one value in each arm');
  }
  const random = seededRandom(options.seed);
  const t = new ArmResampler(treated);
  const c = new ArmResampler(control);
  const diff = t.mean - c.mean;
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) diffs[r] = t.resampleMean(random) - c.resampleMean(random);
  diffs.sort();
  const alpha = 1 - confidence;
  return {
    diff,
    ci: { low: sortedQuantile(diffs, alpha / 2), high: sortedQuantile(diffs, 1 - alpha / 2) },
    resamples,
  };
}

/** One arm, reduced to its non-zero values for fast resampling. */
class ArmResampler {
  readonly n: number;
  readonly mean: number;
  private readonly nonZero: Float64Array;

  constructor(values: ArrayLike<number>) {
    this.n = values.length;
    let k = 0;
    let sum = 0;
    for (let i = 0; i < this.n; i++) {
      sum += values[i]!;
      if (values[i] !== 0) k++;
    }
    this.mean = sum / this.n;
    this.nonZero = new Float64Array(k);
    k = 0;
    for (let i = 0; i < this.n; i++) if (values[i] !== 0) this.nonZero[k++] = values[i]!;
  }

  resampleMean(random: Random): number {
    const k = this.nonZero.length;
    const draws = k === this.n ? this.n : drawBinomial(random, this.n, k / this.n);
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += this.nonZero[Math.floor(random() * k)]!;
    return sum / this.n;
  }
}

/** Type 7 quantile of ascending values: h = (n-1)p, interpolate between floor(h) and floor(h)+1. */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a === b ? a : a + (h - lo) * (b - a);
}
