/** The standard normal distribution: cdf, survival, density and quantile. */
import { lowerIncompleteGamma, upperIncompleteGamma } from './special.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/**
 * Φ(z) through the error function written as an incomplete gamma:
 * erfc(x) = Q(1/2, x²) for x ≥ 0 (Abramowitz & Stegun 7.1.2 with 6.5.17), so
 * Φ(z) = ½ Q(½, z²/2) for z < 0 and ½ + ½ P(½, z²/2) for z ≥ 0, each on its accurate side.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const half = 0.5 * z * z;
  return z < 0 ? 0.5 * upperIncompleteGamma(0.5, half) : 0.5 + 0.5 * lowerIncompleteGamma(0.5, half);
}

/** 1 - Φ(z) without cancellation in the upper tail (p-values). */
export function normalSurvival(z: number): number {
  return normalCdf(-z);
}

// Acklam (2003), "An algorithm for computing the inverse normal cumulative distribution function":
// rational approximations with relative error 1.15e-9, refined below by one Halley step.
const A = [
  -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/**
 * Φ⁻¹(p). Acklam's approximation followed by one Halley step on Φ(x) - p
 * (x ← x - u / (1 + x u / 2), u = (Φ(x) - p) √(2π) e^{x²/2}), which brings it to double precision.
 * The upper half uses symmetry so the refinement always works on the small tail probability.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  return x - u / (1 + 0.5 * x * u);
}

/** The two-sided critical value z_{1-(1-confidence)/2}, e.g. 1.959964 for 0.95. */
export function twoSidedNormalCritical(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}
