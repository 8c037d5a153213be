/**
 * The long truth run of the lift statistics (`npm run verify:stats`): coverage of every 95% interval
 * over >= 2000 seeded worlds with a planted lift, and the SRM false-alarm rate over many fair splits.
 * Prints one JSON document; exits 1 when any coverage lies outside 93..97%.
 * With 2000 worlds a true 95% interval covers Binomial(2000, 0.95)/2000: sd 0.49 points, so the
 * 93..97% band is ±4 sd (a false failure about 1 run in 16,000 per check). VERIFY_STATS_WORLDS
 * overrides the count for a quick look; below 2000 the run reports but exits 1.
 */
import { drawBinomial, sampleRatioMismatch, seededRandom } from '../../shared/stats/index.js';
import {
  bootstrapCoverage,
  type Coverage,
  cupedCoverage,
  proportionCoverage,
  revenueCoverage,
  welchRevenueCoverage,
} from './worlds.js';

const WORLDS = Number(process.env.VERIFY_STATS_WORLDS ?? 2000);
const BAND = { low: 0.93, high: 0.97 };

function timed<T>(label: string, run: () => T): T & { seconds: number } {
  const start = performance.now();
  const result = run();
  const seconds = Math.round((performance.now() - start) / 10) / 100;
  process.stderr.write(`verify:stats ${label} ${seconds}s\n`);
  return { ...result, seconds };
}

/** Fair seeded splits of 20k members at 50/50: SRM alarms at p < 0.001 should be ~0.1%. */
function srmFalseAlarms(splits: number): { splits: number; alarms: number; rate: number } {
  const random = seededRandom(1001);
  let alarms = 0;
  for (let i = 0; i < splits; i++) {
    const treated = drawBinomial(random, 20_000, 0.5);
    if (sampleRatioMismatch([treated, 20_000 - treated], [0.5, 0.5]).mismatch) alarms++;
  }
  return { splits, alarms, rate: alarms / splits };
}

const started = performance.now();
const newcombeHoldout = timed('newcombe 10% holdout', () =>
  proportionCoverage({ worlds: WORLDS, seed: 11, nTreated: 9000, nControl: 1000 }),
);
const newcombeBalanced = timed('newcombe 50/50', () =>
  proportionCoverage({ worlds: WORLDS, seed: 12, nTreated: 2000, nControl: 2000 }),
);
const welchRevenue = timed('welch lognormal revenue', () =>
  welchRevenueCoverage({
    worlds: WORLDS,
    seed: 13,
    nTreated: 3000,
    nControl: 3000,
    baseRate: 0.05,
    liftRate: 0.01,
    sigma: 1,
  }),
);
// Known limit, reported and not gated: a 10% holdout of zero-inflated lognormal revenue (about 50
// buyers in 1000, 5000 in 45000 + 5000). The holdout mean is skewed (per-recipient skewness ≈ 20, so
// Cochran's n > 25·G1² rule asks for ~10,000 members) and the misses fall on one side.
const smallHoldout = timed('known limit: 10% holdout revenue', () =>
  revenueCoverage({
    worlds: Math.ceil(WORLDS / 2),
    seed: 16,
    nTreated: 9000,
    nControl: 1000,
    baseRate: 0.05,
    liftRate: 0.01,
    sigma: 1,
    bootstrapResamples: 1000,
  }),
);
const largerHoldout = timed('known limit: 10% holdout revenue, 5000 holdout', () =>
  revenueCoverage({
    worlds: WORLDS,
    seed: 17,
    nTreated: 45_000,
    nControl: 5000,
    baseRate: 0.05,
    liftRate: 0.01,
    sigma: 1,
  }),
);
const bootstrap = timed('bootstrap lognormal', () =>
  bootstrapCoverage({ worlds: WORLDS, seed: 14, n: 300, resamples: 2000, sigma: 0.75 }),
);
const cupedRun = timed('cuped', () =>
  cupedCoverage({ worlds: WORLDS, seed: 15, n: 1000, rho: 0.7, effect: 0.1 }),
);
const srm = timed('srm fair splits', () => srmFalseAlarms(20_000));

const checks: Record<string, Coverage> = {
  newcombeHoldout,
  newcombeBalanced,
  welchRevenue,
  bootstrap,
  cupedRaw: cupedRun.raw,
  cupedAdjusted: cupedRun.adjusted,
};
const failed = Object.entries(checks)
  .filter(([, c]) => !(c.coverage >= BAND.low && c.coverage <= BAND.high))
  .map(([name]) => name);

console.log(
  JSON.stringify(
    {
      worlds: WORLDS,
      band: BAND,
      coverage: checks,
      cuped: {
        meanVarianceReduction: cupedRun.meanVarianceReduction,
        widthRatio: cupedRun.adjusted.meanWidth / cupedRun.raw.meanWidth,
      },
      srm,
      knownLimits: {
        note: 'not gated: revenue per recipient with a 10% holdout; misses are one-sided (truthBelow)',
        welchHoldout1000: smallHoldout.welch,
        bootstrapHoldout1000: smallHoldout.bootstrap,
        welchHoldout5000: largerHoldout.welch,
      },
      seconds: Math.round((performance.now() - started) / 100) / 10,
      failed,
    },
    null,
    2,
  ),
);
process.exitCode = failed.length > 0 || WORLDS < 2000 ? 1 : 0;
