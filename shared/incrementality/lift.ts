import {
  benjaminiHochberg,
  bootstrapMeanDiff,
  compareProportions,
  cuped,
  type Interval,
  type MeanComparison,
  mdeProportion,
  type ProportionComparison,
  sampleRatioMismatch,
  summarize,
  welchCompare,
} from '../stats/index.js';
import type { UnitCohort } from './cohorts.js';
import type { CohortMember, TestedUnit } from './model.js';

/**
 * Lift of one unit, treatment vs holdout, with honest statistics (shared/stats):
 * - conversion: rate difference with its Newcombe interval, relative lift with a log-ratio
 *   interval, two-sided p-value; the minimum detectable effect at 80% power for these sizes;
 * - revenue and profit per member: Welch intervals; revenue also by a seeded bootstrap (heavy
 *   tails) and after CUPED on pre-period revenue (with the variance it removed) — only with at
 *   least `minBuyersPerArm` buyers in each arm, else the means alone;
 * - sample ratio mismatch of the arm sizes against the configured holdout rate;
 * - stage progression (any next pipeline step in the window) and days to it;
 * - opt-out rates (a held-out contact can still opt out through another program or keyword).
 * Too few members in an arm, or no holdout at all, gives `insufficient_data` and a reason instead
 * of numbers.
 */
export interface LiftOptions {
  confidence: number;
  minPerArm: number;
  srmAlpha: number;
  bootstrapResamples: number;
  /** Seeds the bootstrap: the same unit and day always give the same interval. */
  seed: number;
  /** Test the arm sizes against the expected share. @default true (off for cohorts with no designed split) */
  srm?: boolean;
  /** Fewer buyers than this in an arm: no revenue or profit interval. @default 0 */
  minBuyersPerArm?: number;
}

export interface MeanLift {
  treatedMean: number | null;
  holdoutMean: number | null;
  welch: MeanComparison | null;
}

export interface LiftResult {
  unit: TestedUnit;
  treated: number;
  holdout: number;
  crossovers: number;
  immature: number;
  conversionsTreated: number;
  conversionsHoldout: number;
  /** The holdout's configured share of members (the program's holdout rate). */
  expectedHoldoutShare: number;
  srm: { chiSquare: number; pValue: number; mismatch: boolean } | null;
  status: 'ok' | 'insufficient_data';
  reason: string | null;
  conversion: ProportionComparison | null;
  mdeAbs: number | null;
  revenue: MeanLift & {
    bootstrap: { diff: number; ci: Interval } | null;
    cuped: { theta: number; varianceReduction: number; welch: MeanComparison | null } | null;
  };
  profit: MeanLift;
  progression: ProportionComparison | null;
  daysToNextStep: MeanLift;
  optOutRateTreated: number | null;
  optOutRateHoldout: number | null;
  optOutsTreated: number;
  /** Benjamini–Hochberg adjusted p-value of the conversion test across the run's units. */
  qValue: number | null;
  discovery: boolean | null;
}

const values = (members: readonly CohortMember[], pick: (m: CohortMember) => number) =>
  Float64Array.from(members, pick);

const count = (members: readonly CohortMember[], test: (m: CohortMember) => boolean) =>
  members.reduce((n, m) => n + (test(m) ? 1 : 0), 0);

const meanOf = (xs: ArrayLike<number>) => (xs.length === 0 ? null : summarize(xs).mean);

/** Means of both arms, and their Welch comparison when `test` (enough data to trust one). */
function meanLift(
  treated: Float64Array,
  holdout: Float64Array,
  options: { confidence: number; minPerArm: number },
  test = true,
): MeanLift {
  const welch = test ? welchCompare(summarize(treated), summarize(holdout), options) : null;
  return {
    treatedMean: meanOf(treated),
    holdoutMean: meanOf(holdout),
    welch: welch?.status === 'ok' ? welch : null,
  };
}

export function computeLift(cohort: UnitCohort, holdoutRate: number, options: LiftOptions): LiftResult {
  const treated = cohort.members.filter((m) => m.arm === 'treatment');
  const holdout = cohort.members.filter((m) => m.arm === 'holdout');
  const stats = { confidence: options.confidence, minPerArm: options.minPerArm };
  const base: LiftResult = {
    unit: cohort.unit,
    treated: treated.length,
    holdout: holdout.length,
    crossovers: cohort.crossovers,
    immature: cohort.immature,
    conversionsTreated: count(treated, (m) => m.converted),
    conversionsHoldout: count(holdout, (m) => m.converted),
    expectedHoldoutShare: holdoutRate,
    srm: null,
    status: 'insufficient_data',
    reason: null,
    conversion: null,
    mdeAbs: null,
    revenue: { treatedMean: null, holdoutMean: null, welch: null, bootstrap: null, cuped: null },
    profit: { treatedMean: null, holdoutMean: null, welch: null },
    progression: null,
    daysToNextStep: { treatedMean: null, holdoutMean: null, welch: null },
    optOutsTreated: count(treated, (m) => m.optedOut),
    optOutRateTreated: treated.length ? count(treated, (m) => m.optedOut) / treated.length : null,
    optOutRateHoldout: holdout.length ? count(holdout, (m) => m.optedOut) / holdout.length : null,
    qValue: null,
    discovery: null,
  };
  if (holdoutRate <= 0) return { ...base, reason: 'no holdout configured (rate 0 or transactional)' };
  if (options.srm !== false && treated.length + holdout.length > 0) {
    const srm = sampleRatioMismatch([treated.length, holdout.length], [1 - holdoutRate, holdoutRate], {
      alpha: options.srmAlpha,
    });
    base.srm = { chiSquare: srm.chiSquare, pValue: srm.pValue, mismatch: srm.mismatch };
  }
  const conversion = compareProportions(
    { successes: base.conversionsTreated, n: treated.length },
    { successes: base.conversionsHoldout, n: holdout.length },
    stats,
  );
  if (conversion.status !== 'ok') return { ...base, reason: conversion.reason };

  const buyers = Math.min(
    count(treated, (m) => m.revenueMinor !== 0),
    count(holdout, (m) => m.revenueMinor !== 0),
  );
  const money = buyers >= (options.minBuyersPerArm ?? 0);
  const revenueT = values(treated, (m) => m.revenueMinor);
  const revenueH = values(holdout, (m) => m.revenueMinor);
  const adjusted = cuped(
    { y: revenueT, x: values(treated, (m) => m.preRevenueMinor) },
    { y: revenueH, x: values(holdout, (m) => m.preRevenueMinor) },
  );
  const cupedWelch = welchCompare(summarize(adjusted.treated), summarize(adjusted.control), stats);
  const progression = compareProportions(
    { successes: count(treated, (m) => m.progressed), n: treated.length },
    { successes: count(holdout, (m) => m.progressed), n: holdout.length },
    stats,
  );
  const days = (members: CohortMember[]) =>
    Float64Array.from(members.filter((m) => m.daysToNextStep !== null).map((m) => m.daysToNextStep!));
  return {
    ...base,
    status: 'ok',
    conversion,
    mdeAbs: mdeProportion(conversion.controlRate, treated.length, holdout.length, {
      alpha: 1 - options.confidence,
      power: 0.8,
    }),
    revenue: {
      ...meanLift(revenueT, revenueH, stats, money),
      bootstrap:
        money && options.bootstrapResamples > 0
          ? bootstrapMeanDiff(revenueT, revenueH, {
              seed: options.seed,
              resamples: options.bootstrapResamples,
              confidence: options.confidence,
            })
          : null,
      cuped: {
        theta: adjusted.theta,
        varianceReduction: adjusted.varianceReduction,
        welch: money && cupedWelch.status === 'ok' ? cupedWelch : null,
      },
    },
    profit: meanLift(
      values(treated, (m) => m.profitMinor),
      values(holdout, (m) => m.profitMinor),
      stats,
      money,
    ),
    progression: progression.status === 'ok' ? progression : null,
    daysToNextStep: meanLift(days(treated), days(holdout), stats),
  };
}

/** Flags discoveries among the units with a conversion test, controlling the false discovery rate at q. */
export function withFalseDiscoveryControl(results: LiftResult[], q: number): LiftResult[] {
  const tested = results.filter((r) => r.conversion !== null);
  if (tested.length === 0) return results;
  const bh = benjaminiHochberg(
    tested.map((r) => r.conversion!.pValue),
    q,
  );
  const flags = new Map(tested.map((r, i) => [r, { q: bh.adjusted[i]!, d: bh.discovery[i]! }]));
  return results.map((r) => {
    const flag = flags.get(r);
    return flag ? { ...r, qValue: flag.q, discovery: flag.d } : r;
  });
}

/** A 32-bit seed from text (FNV-1a), for the bootstrap: stable across runs and machines. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
