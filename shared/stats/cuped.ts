/** CUPED: remove the part of the outcome that the pre-period already predicted. */

export interface CupedArm {
  /** Outcome in the experiment period (e.g. revenue per recipient). */
  y: ArrayLike<number>;
  /** The same member's covariate from before exposure (e.g. pre-period revenue). */
  x: ArrayLike<number>;
}

export interface CupedResult {
  theta: number;
  treated: Float64Array;
  control: Float64Array;
  /** 1 - var(Y')/var(Y), pooled within arms; equals the squared within-arm correlation of Y and X. */
  varianceReduction: number;
  /** Mean of X over both arms, the centring point of the adjustment. */
  meanX: number;
}

/**
 * Deng, Xu, Kohavi & Walker (2013), "Improving the Sensitivity of Online Controlled Experiments by
 * Utilizing Pre-Experiment Data" (WSDM), §3.2:
 *   θ = cov(Y, X) / var(X),   Y'ᵢ = Yᵢ - θ (Xᵢ - X̄),
 * one θ for both arms so the adjusted difference of means stays unbiased (X is independent of the
 * assignment). The covariance and variance are pooled *within* arms (each arm centred on its own
 * means): the treatment shifts Y in one arm, and centring on the overall mean would count that shift
 * as variance of Y. X̄ is the mean over both arms. A constant X carries no information: θ = 0.
 */
export function cuped(treated: CupedArm, control: CupedArm): CupedResult {
  for (const [label, arm] of [
    ['treated', treated],
    ['control', control],
  ] as const) {
    if (arm.y.length !== arm.x.length) throw new RangeError(`cuped: ${label} y and x differ in length`);
  }
  const t = armMoments(treated);
  const c = armMoments(control);
  const n = treated.y.length + control.y.length;
  const sxx = t.sxx + c.sxx;
  const sxy = t.sxy + c.sxy;
  const syy = t.syy + c.syy;
  const theta = sxx > 0 ? sxy / sxx : 0;
  const meanX = n === 0 ? 0 : (t.sumX + c.sumX) / n;
  // Within-arm residual sum of squares of Y' = Syy - 2θSxy + θ²Sxx = Syy - Sxy²/Sxx at the optimal θ.
  const syyAdjusted = syy - 2 * theta * sxy + theta * theta * sxx;
  return {
    theta,
    meanX,
    treated: adjust(treated, theta, meanX),
    control: adjust(control, theta, meanX),
    varianceReduction: syy > 0 ? 1 - Math.max(0, syyAdjusted) / syy : 0,
  };
}

function armMoments({ x, y }: CupedArm): { sumX: number; sxx: number; sxy: number; syy: number } {
  const n = x.length;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += x[i]!;
    sumY += y[i]!;
  }
  const mx = n === 0 ? 0 : sumX / n;
  const my = n === 0 ? 0 : sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  return { sumX, sxx, sxy, syy };
}

function adjust({ x, y }: CupedArm, theta: number, meanX: number): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i]! - theta * (x[i]! - meanX);
  return out;
}
