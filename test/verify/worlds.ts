/**
 * Simulated two-arm experiments with a planted lift, for coverage checks of the lift statistics.
 * Used by the small coverage test (test/unit/stats/coverage.test.ts) and the long run
 * (test/verify/stats.ts, `npm run verify:stats`). Every world is seeded, so a run is reproducible.
 */
import {
  bootstrapMeanDiff,
  compareProportions,
  cuped,
  drawBinomial,
  drawLognormal,
  drawNormal,
  type Interval,
  type Random,
  seededRandom,
  summarize,
  welchCompare,
} from '../../shared/stats/index.js';

export interface Coverage {
  worlds: number;
  covered: number;
  coverage: number;
  /** Worlds that returned insufficient_data (counted as not covered). */
  insufficient: number;
  /** Misses by side: the truth below the interval's low end, or above its high end. */
  truthBelow: number;
  truthAbove: number;
  meanWidth: number;
}

function tally(): { add(ci: Interval | null, truth: number): void; result(worlds: number): Coverage } {
  let covered = 0;
  let insufficient = 0;
  let truthBelow = 0;
  let truthAbove = 0;
  let width = 0;
  return {
    add(ci, truth) {
      if (ci === null) {
        insufficient++;
        return;
      }
      if (truth < ci.low) truthBelow++;
      else if (truth > ci.high) truthAbove++;
      else covered++;
      width += ci.high - ci.low;
    },
    result(worlds) {
      const answered = worlds - insufficient;
      return {
        worlds,
        covered,
        coverage: covered / worlds,
        insufficient,
        truthBelow,
        truthAbove,
        meanWidth: answered ? width / answered : 0,
      };
    },
  };
}

export interface ProportionWorlds {
  worlds: number;
  seed: number;
  nTreated: number;
  nControl: number;
}

/**
 * Conversion worlds: the holdout converts at a base rate drawn in [2%, 10%), the treated arm at base +
 * a planted absolute lift drawn in [0, 3 points). Coverage of the Newcombe 95% interval of the difference.
 */
export function proportionCoverage({ worlds, seed, nTreated, nControl }: ProportionWorlds): Coverage {
  const random = seededRandom(seed);
  const t = tally();
  for (let w = 0; w < worlds; w++) {
    const base = 0.02 + 0.08 * random();
    const lift = 0.03 * random();
    const result = compareProportions(
      { successes: drawBinomial(random, nTreated, base + lift), n: nTreated },
      { successes: drawBinomial(random, nControl, base), n: nControl },
    );
    t.add(result.status === 'ok' ? result.diffCi : null, lift);
  }
  return t.result(worlds);
}

/** Revenue per recipient: converts with probability p, then spends a lognormal(mu, sigma) order value. */
function revenueArm(random: Random, n: number, p: number, mu: number, sigma: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) if (random() < p) out[i] = drawLognormal(random, mu, sigma);
  return out;
}

export interface RevenueWorlds {
  worlds: number;
  seed: number;
  nTreated: number;
  nControl: number;
  /** Conversion rate of the holdout; the treated arm converts at baseRate + liftRate. */
  baseRate: number;
  liftRate: number;
  /** Log-scale sd of the order value: 1 gives a mean/median ratio of e^0.5 ≈ 1.65. */
  sigma: number;
}

/**
 * Zero-inflated lognormal revenue per recipient (most recipients spend 0, buyers spend a heavy-tailed
 * amount). True difference of means = liftRate · E[order] with E[order] = e^{mu + sigma²/2}, mu = ln 50.
 * Coverage of Welch's 95% interval.
 */
export function welchRevenueCoverage(o: RevenueWorlds): Coverage {
  return revenueCoverage(o).welch;
}

/**
 * Welch and (with bootstrapResamples) the percentile bootstrap on the same revenue worlds. Used for the
 * known limit: a small holdout of skewed revenue makes both miss on one side (truth below the interval).
 */
export function revenueCoverage(o: RevenueWorlds & { bootstrapResamples?: number }): {
  welch: Coverage;
  bootstrap: Coverage | null;
} {
  const random = seededRandom(o.seed);
  const mu = Math.log(50);
  const truth = o.liftRate * Math.exp(mu + (o.sigma * o.sigma) / 2);
  const welch = tally();
  const boot = tally();
  for (let w = 0; w < o.worlds; w++) {
    const treated = revenueArm(random, o.nTreated, o.baseRate + o.liftRate, mu, o.sigma);
    const control = revenueArm(random, o.nControl, o.baseRate, mu, o.sigma);
    const result = welchCompare(summarize(treated), summarize(control));
    welch.add(result.status === 'ok' ? result.ci : null, truth);
    if (o.bootstrapResamples !== undefined) {
      const seed = Math.floor(random() * 2 ** 31);
      boot.add(bootstrapMeanDiff(treated, control, { seed, resamples: o.bootstrapResamples }).ci, truth);
    }
  }
  return {
    welch: welch.result(o.worlds),
    bootstrap: o.bootstrapResamples === undefined ? null : boot.result(o.worlds),
  };
}

export interface BootstrapWorlds {
  worlds: number;
  seed: number;
  n: number;
  resamples: number;
  sigma: number;
}

/**
 * Heavy-tailed order values in both arms, the treated arm's multiplied by 1.2 (a 20% lift):
 * true difference = 0.2 · e^{mu + sigma²/2}, mu = ln 50. Coverage of the percentile bootstrap interval.
 */
export function bootstrapCoverage(o: BootstrapWorlds): Coverage {
  const random = seededRandom(o.seed);
  const mu = Math.log(50);
  const truth = 0.2 * Math.exp(mu + (o.sigma * o.sigma) / 2);
  const t = tally();
  for (let w = 0; w < o.worlds; w++) {
    const treated = new Float64Array(o.n);
    const control = new Float64Array(o.n);
    for (let i = 0; i < o.n; i++) {
      treated[i] = 1.2 * drawLognormal(random, mu, o.sigma);
      control[i] = drawLognormal(random, mu, o.sigma);
    }
    const seed = Math.floor(random() * 2 ** 31);
    t.add(bootstrapMeanDiff(treated, control, { seed, resamples: o.resamples }).ci, truth);
  }
  return t.result(o.worlds);
}

export interface CupedWorlds {
  worlds: number;
  seed: number;
  n: number;
  /** Correlation of the pre-period covariate with the outcome. */
  rho: number;
  /** Planted difference of means, in outcome sd units. */
  effect: number;
}

export interface CupedCoverage {
  raw: Coverage;
  adjusted: Coverage;
  meanVarianceReduction: number;
}

/**
 * Outcome Y = effect·[treated] + rho·X + √(1-rho²)·ε with X, ε standard normal, so corr(X, Y) = rho
 * within an arm and CUPED should remove rho² of the variance. Coverage of Welch's interval on the raw
 * and on the CUPED-adjusted outcome (both must cover; the adjusted one is narrower).
 */
export function cupedCoverage(o: CupedWorlds): CupedCoverage {
  const random = seededRandom(o.seed);
  const raw = tally();
  const adjusted = tally();
  let reduction = 0;
  const noise = Math.sqrt(1 - o.rho * o.rho);
  const arm = (effect: number) => {
    const x = new Float64Array(o.n);
    const y = new Float64Array(o.n);
    for (let i = 0; i < o.n; i++) {
      x[i] = drawNormal(random);
      y[i] = effect + o.rho * x[i]! + noise * drawNormal(random);
    }
    return { x, y };
  };
  for (let w = 0; w < o.worlds; w++) {
    const treated = arm(o.effect);
    const control = arm(0);
    const before = welchCompare(summarize(treated.y), summarize(control.y));
    raw.add(before.status === 'ok' ? before.ci : null, o.effect);
    const c = cuped(treated, control);
    const after = welchCompare(summarize(c.treated), summarize(c.control));
    adjusted.add(after.status === 'ok' ? after.ci : null, o.effect);
    reduction += c.varianceReduction;
  }
  return {
    raw: raw.result(o.worlds),
    adjusted: adjusted.result(o.worlds),
    meanVarianceReduction: reduction / o.worlds,
  };
}
