/** The chi-square distribution: P(X² ≥ x) = Q(ν/2, x/2) (Abramowitz & Stegun 26.4.19). */
import { upperIncompleteGamma } from './special.js';

export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return upperIncompleteGamma(df / 2, x / 2);
}
