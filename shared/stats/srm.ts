/** Sample ratio mismatch: did the arms come out in the proportions the split was configured for? */
import { chiSquareSurvival } from './chiSquare.js';

/** Flag below this p-value (Fabijan et al. 2019, "Diagnosing Sample Ratio Mismatch", KDD). */
export const DEFAULT_SRM_ALPHA = 0.001;

export interface SampleRatioMismatch {
  chiSquare: number;
  df: number;
  pValue: number;
  mismatch: boolean;
}

/**
 * Pearson's chi-square goodness of fit of the observed arm sizes against the configured shares:
 *   X² = Σ (Oᵢ - Eᵢ)² / Eᵢ,  Eᵢ = N · shareᵢ / Σ share,  df = k - 1,  p = P(χ²_df ≥ X²).
 * A mismatch (p < alpha) means assignment or logging is broken and the lift cannot be trusted.
 * Shares are normalized, so [90, 10] and [0.9, 0.1] mean the same. No members: no evidence, p = 1.
 */
export function sampleRatioMismatch(
  observed: number[],
  expectedShares: number[],
  options: { alpha?: number } = {},
): SampleRatioMismatch {
  const alpha = options.alpha ?? DEFAULT_SRM_ALPHA;
  if (observed.length !== expectedShares.length || observed.length < 2) {
    throw new RangeError('sampleRatioMismatch needs the same number (>= 2) of observed counts and shares');
  }
  if (observed.some((o) => !(Number.isFinite(o) && o >= 0)))
    throw new RangeError('observed counts must be >= 0');
  if (expectedShares.some((s) => !(Number.isFinite(s) && s >= 0)))
    throw new RangeError('shares must be >= 0');
  const shareTotal = expectedShares.reduce((a, b) => a + b, 0);
  if (!(shareTotal > 0)) throw new RangeError('shares must not all be 0');
  const total = observed.reduce((a, b) => a + b, 0);
  const df = observed.length - 1;
  if (total === 0) return { chiSquare: 0, df, pValue: 1, mismatch: false };
  let chiSquare = 0;
  for (let i = 0; i < observed.length; i++) {
    const expected = (total * expectedShares[i]!) / shareTotal;
    const o = observed[i]!;
    // An arm configured at 0% that received members is an outright mismatch.
    if (expected === 0) chiSquare += o > 0 ? Number.POSITIVE_INFINITY : 0;
    else chiSquare += ((o - expected) * (o - expected)) / expected;
  }
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < alpha };
}
