/** Minimum detectable effect: the smallest true lift the current arm sizes would detect. */
import { normalQuantile } from './normal.js';

export interface PowerOptions {
  /** Two-sided significance level, default 0.05. */
  alpha?: number;
  /** Probability of detecting an effect of exactly the MDE, default 0.8. */
  power?: number;
}

/**
 * MDE = (z_{1-α/2} + z_{power}) · σ · √(1/n₁ + 1/n₂), the normal-approximation power formula for two
 * independent means (Chow, Shao & Wang 2008, "Sample Size Calculations in Clinical Research", §3.2.1;
 * Kohavi, Tang & Xu 2020, "Trustworthy Online Controlled Experiments", ch. 17). Infinite when an arm
 * is empty: no effect is detectable.
 */
export function mdeMean(sd: number, nTreated: number, nControl: number, options: PowerOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1 && power > 0 && power < 1)) {
    throw new RangeError(`alpha and power must be in (0, 1), got ${alpha}, ${power}`);
  }
  if (!(sd >= 0)) throw new RangeError(`sd must be >= 0, got ${sd}`);
  if (!(nTreated > 0 && nControl > 0)) return Number.POSITIVE_INFINITY;
  const multiplier = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return multiplier * sd * Math.sqrt(1 / nTreated + 1 / nControl);
}

/**
 * Absolute MDE of a conversion rate: the mean formula with σ = √(p(1-p)) at the baseline (control)
 * rate, i.e. both arms assumed to convert at the baseline under the null.
 */
export function mdeProportion(
  baselineRate: number,
  nTreated: number,
  nControl: number,
  options: PowerOptions = {},
): number {
  if (!(baselineRate >= 0 && baselineRate <= 1)) {
    throw new RangeError(`baselineRate must be in [0, 1], got ${baselineRate}`);
  }
  return mdeMean(Math.sqrt(baselineRate * (1 - baselineRate)), nTreated, nControl, options);
}
