import { describe, expect, it } from 'vitest';
import { poolByProgram } from '../../../shared/incrementality/analyze.js';
import type { UnitCohort } from '../../../shared/incrementality/cohorts.js';
import {
  computeLift,
  type LiftOptions,
  withFalseDiscoveryControl,
} from '../../../shared/incrementality/lift.js';
import type { Arm, CohortMember, TestedUnit } from '../../../shared/incrementality/model.js';
import { incrementalRoi } from '../../../shared/incrementality/roi.js';
import { judge } from '../../../shared/incrementality/verdict.js';

const unit: TestedUnit = { id: 'renewal-reminder', kind: 'flow', programId: 'demo' };
const OPTIONS: LiftOptions = {
  confidence: 0.95,
  minPerArm: 30,
  srmAlpha: 0.001,
  bootstrapResamples: 200,
  seed: 7,
};

function member(arm: Arm, i: number, converted: boolean, profit: number, pre = 0): CohortMember {
  return {
    unit,
    memberKey: `${arm}-${i}`,
    arm,
    exposedAt: 0,
    windowEnd: 1,
    variant: null,
    converted,
    conversions: converted ? 1 : 0,
    revenueMinor: profit * 2,
    profitMinor: profit,
    preRevenueMinor: pre,
    progressed: converted,
    daysToNextStep: converted ? (arm === 'treatment' ? 2 : 4) + (i % 3) : null,
    optedOut: arm === 'treatment' && i === 0,
    engaged: false,
    emailed: false,
    meeting: false,
    won: false,
  };
}

/** `n` members of an arm, the first `k` converted with `profit` each. */
const arm = (a: Arm, n: number, k: number, profit: number) =>
  Array.from({ length: n }, (_, i) => member(a, i, i < k, i < k ? profit : 0, i < k ? 100 : 0));

const cohort = (members: CohortMember[]): UnitCohort => ({ unit, members, crossovers: 0, immature: 0 });

describe('Function: computeLift', () => {
  it('compares conversion, revenue and profit per member, treatment minus holdout', () => {
    // Prepare: treated 12/40 converted (30%), holdout 4/40 (10%): lift 0.20.
    // Profit per member: treated 12 x 200 / 40 = 60, holdout 4 x 100 / 40 = 10: lift 50.
    const lift = computeLift(
      cohort([...arm('treatment', 40, 12, 200), ...arm('holdout', 40, 4, 100)]),
      0.5,
      OPTIONS,
    );

    // Assess
    expect(lift.status).toBe('ok');
    expect(lift.conversion!.diff).toBeCloseTo(0.2, 12);
    expect(lift.conversion!.diffCi.low).toBeLessThan(0.2);
    expect(lift.conversion!.diffCi.high).toBeGreaterThan(0.2);
    expect(lift.profit.welch!.diff).toBeCloseTo(50, 9);
    expect(lift.revenue.welch!.diff).toBeCloseTo(100, 9);
    // Progressed = converted here: 0.30 - 0.10.
    expect(lift.progression!.diff).toBeCloseTo(0.2, 12);
    // Days to next step: treated 2 + (i % 3) for i = 0..11 -> mean 3; holdout 4 + (i % 3), i = 0..3 -> 4 + (0+1+2+0)/4 = 4.75.
    expect(lift.daysToNextStep.treatedMean).toBeCloseTo(3, 12);
    expect(lift.daysToNextStep.holdoutMean).toBeCloseTo(4.75, 12);
    // A 40/40 split of a 50/50 design is no mismatch.
    expect(lift.srm!.mismatch).toBe(false);
    expect(lift.optOutRateTreated).toBeCloseTo(1 / 40, 12);
    // Pre-period revenue 100 for converters only: it explains part of revenue, CUPED removes variance.
    expect(lift.revenue.cuped!.varianceReduction).toBeGreaterThan(0);
  });

  it('says insufficient_data instead of a number when an arm is small', () => {
    const lift = computeLift(
      cohort([...arm('treatment', 40, 12, 200), ...arm('holdout', 10, 1, 100)]),
      0.1,
      OPTIONS,
    );
    expect(lift.status).toBe('insufficient_data');
    expect(lift.conversion).toBeNull();
    expect(lift.reason).toMatch(/fewer than 30/);
  });

  it('withholds revenue and profit intervals while an arm has too few buyers', () => {
    // Holdout: 4 buyers of 40, below 5: the conversion test stands, money intervals do not.
    const lift = computeLift(cohort([...arm('treatment', 40, 12, 200), ...arm('holdout', 40, 4, 100)]), 0.5, {
      ...OPTIONS,
      minBuyersPerArm: 5,
    });
    expect(lift.status).toBe('ok');
    expect(lift.conversion).not.toBeNull();
    expect([
      lift.revenue.welch,
      lift.profit.welch,
      lift.revenue.bootstrap,
      lift.revenue.cuped?.welch,
    ]).toEqual([null, null, null, null]);
    // The means are still reported: profit 60 vs 10 per member.
    expect(lift.profit.treatedMean).toBeCloseTo(60, 9);
    expect(lift.profit.holdoutMean).toBeCloseTo(10, 9);
    expect(incrementalRoi(lift, 1000).roi).toBeNull();
  });

  it('says insufficient_data for a unit nobody is held out of', () => {
    const lift = computeLift(cohort(arm('treatment', 100, 12, 200)), 0, OPTIONS);
    expect(lift.status).toBe('insufficient_data');
    expect(lift.srm).toBeNull();
  });

  it('flags a sample ratio mismatch against the configured rate', () => {
    // 90 treated / 10 held out is not a 50/50 design: chi-square = (40² / 50) x 2 = 64.
    const lift = computeLift(cohort([...arm('treatment', 90, 20, 1), ...arm('holdout', 10, 1, 1)]), 0.5, {
      ...OPTIONS,
      minPerArm: 5,
    });
    expect(lift.srm!.chiSquare).toBeCloseTo(64, 9);
    expect(lift.srm!.mismatch).toBe(true);
  });

  it('applies Benjamini–Hochberg across units', () => {
    const strong = computeLift(
      cohort([...arm('treatment', 200, 80, 1), ...arm('holdout', 200, 20, 1)]),
      0.5,
      OPTIONS,
    );
    const weak = computeLift(
      cohort([...arm('treatment', 200, 21, 1), ...arm('holdout', 200, 20, 1)]),
      0.5,
      OPTIONS,
    );
    const [s, w] = withFalseDiscoveryControl([strong, weak], 0.05);
    // Two p-values: the smaller is adjusted by m/rank = 2, the larger stays (2/2).
    expect(s!.qValue).toBeCloseTo(Math.min(1, strong.conversion!.pValue * 2), 12);
    expect(w!.qValue).toBeCloseTo(weak.conversion!.pValue, 12);
    expect([s!.discovery, w!.discovery]).toEqual([true, false]);
  });
});

describe('Function: incrementalRoi', () => {
  it('scales the per-member lift by treated volume and prices it against the program cost', () => {
    // Profit lift 50 per member x 40 treated = 2000; cost 1000 -> ROI (2000 - 1000) / 1000 = 1.
    const lift = computeLift(
      cohort([...arm('treatment', 40, 12, 200), ...arm('holdout', 40, 4, 100)]),
      0.5,
      OPTIONS,
    );
    const roi = incrementalRoi(lift, 1000);
    expect(roi.profitMinor!.value).toBeCloseTo(2000, 6);
    expect(roi.conversions!.value).toBeCloseTo(0.2 * 40, 9);
    expect(roi.roi!.value).toBeCloseTo(1, 9);
    expect(roi.roi!.ci.low).toBeCloseTo((lift.profit.welch!.ci.low * 40 - 1000) / 1000, 9);
    expect(roi.roi!.ci.high).toBeCloseTo((lift.profit.welch!.ci.high * 40 - 1000) / 1000, 9);
    expect(incrementalRoi(lift, null).roi).toBeNull();
  });
});

describe('Function: judge', () => {
  const lift = computeLift(
    cohort([...arm('treatment', 40, 12, 200), ...arm('holdout', 40, 4, 100)]),
    0.5,
    OPTIONS,
  );
  const ci = lift.conversion!.diffCi;
  const roi = (low: number, high: number) => ({
    conversions: null,
    revenueMinor: null,
    profitMinor: null,
    programCostMinor: 1000,
    roi: { value: (low + high) / 2, ci: { low, high } },
  });

  it.each([
    // Threshold below the whole interval and the estimate: meeting.
    [0.05, 'meeting'],
    // Threshold above the interval's upper end: missing.
    [ci.high + 0.01, 'missing'],
    // Threshold inside the interval, above the estimate: undecided.
    [0.25, 'undecided'],
  ])('threshold %s -> %s', (threshold, verdict) => {
    expect(judge(lift, { primaryOutcome: 'order', successThreshold: threshold }, roi(-1, 1)).verdict).toBe(
      verdict,
    );
  });

  it.each([
    [0.1, 2, 'scale'],
    [-0.5, 0.5, 'keep'],
    [-2, -0.1, 'retire'],
  ])('ROI interval %s..%s -> %s', (low, high, recommendation) => {
    const goal = { primaryOutcome: 'order' as const, successThreshold: 0.05 };
    expect(judge(lift, goal, roi(low, high)).recommendation).toBe(recommendation);
  });

  it('keeps measuring when the cost is unknown', () => {
    const judgement = judge(
      lift,
      { primaryOutcome: 'order', successThreshold: 0 },
      incrementalRoi(lift, null),
    );
    expect(judgement.recommendation).toBe('keep');
    expect(judgement.reason).toMatch(/no program cost/);
  });
});

describe('Function: poolByProgram', () => {
  const other: TestedUnit = { id: 'welcome', kind: 'flow', programId: 'demo' };
  const transactional: TestedUnit = { id: 'appointment-confirmation', kind: 'flow', programId: 'demo' };
  const at = (m: CohortMember, exposedAt: number, u: TestedUnit): CohortMember => ({
    ...m,
    exposedAt,
    unit: u,
  });

  it('keeps each contact once, at its first exposure in a held-out unit, and counts arm crossovers', () => {
    // Prepare: t0 in two units (first on day 1 in `other`); h0 held out in one, treated in another;
    // x only in the transactional unit (never held out), which is left out.
    const a = member('treatment', 0, true, 10);
    const h = member('holdout', 0, false, 0);
    const cohorts: UnitCohort[] = [
      { unit, members: [at(a, 5, unit), at(h, 3, unit)], crossovers: 0, immature: 0 },
      {
        unit: other,
        members: [at({ ...a, converted: false }, 1, other), at({ ...h, arm: 'treatment' }, 9, other)],
        crossovers: 0,
        immature: 0,
      },
      {
        unit: transactional,
        members: [at({ ...a, memberKey: 'x' }, 0, transactional)],
        crossovers: 0,
        immature: 0,
      },
    ];

    // Act
    const [pooled] = poolByProgram(cohorts, (u) => u.id !== transactional.id);

    // Assess
    expect(pooled!.unit).toEqual({ id: '*', kind: 'program', programId: 'demo' });
    expect(pooled!.members.map((m) => [m.memberKey, m.exposedAt, m.arm, m.converted])).toEqual([
      ['holdout-0', 3, 'holdout', false],
      ['treatment-0', 1, 'treatment', false],
    ]);
    expect(pooled!.crossovers).toBe(1);
  });
});
