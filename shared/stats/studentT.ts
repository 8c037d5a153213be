/** Student's t distribution with real (non-integer) degrees of freedom, as Welch's test needs. */
import { normalCdf, normalQuantile } from './normal.js';
import { incompleteBeta, logGamma } from './special.js';

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/** Density f(t) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^{-(ν+1)/2}. */
export function studentTPdf(t: number, df: number): number {
  checkDf(df);
  if (df === Number.POSITIVE_INFINITY) return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * P(T ≤ t). The tail beyond |t| is ½ I_x(ν/2, ½) with x = ν / (ν + t²)
 * (Abramowitz & Stegun 26.7.1 with 26.5.27); infinite ν is the normal distribution.
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  if (t === 0) return 0.5;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/** P(|T| ≥ |t|): the two-sided p-value of a t statistic. */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf(df);
  if (df === Number.POSITIVE_INFINITY) return 2 * normalCdf(-Math.abs(t));
  if (t === 0) return 1;
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/**
 * t_p(ν): the inverse cdf. Closed forms for ν = 1 (Cauchy) and ν = 2; otherwise the Cornish–Fisher
 * expansion around the normal quantile (Abramowitz & Stegun 26.7.5) as the start of a Newton
 * iteration on the cdf, kept inside a bisection bracket so heavy tails cannot throw it out.
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  const z = normalQuantile(p);
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  const z7 = z5 * z * z;
  let t =
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
  // Bracket [lo, hi] with cdf(lo) < p < cdf(hi); t < 0 here because p < 0.5.
  let hi = 0;
  let lo = Math.min(t, -1);
  while (studentTCdf(lo, df) > p) lo *= 2;
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, df) - p;
    if (f > 0) hi = t;
    else lo = t;
    let next = t - f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}
