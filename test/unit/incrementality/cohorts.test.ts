import { describe, expect, it } from 'vitest';
import { buildCohorts, type CohortOptions } from '../../../shared/incrementality/cohorts.js';
import type { Exposure, MemberOutcome, TestedUnit } from '../../../shared/incrementality/model.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
const unit: TestedUnit = { id: 'onboarding', kind: 'flow', programId: 'demo' };
const options: CohortOptions = {
  periodFromMs: T0,
  asOfMs: T0 + 30 * DAY,
  preMs: 10 * DAY,
  windowMs: () => 7 * DAY,
  primaryOutcome: () => 'order',
};
const exposure = (memberKey: string, day: number, arm: Exposure['arm'] = 'treatment'): Exposure => ({
  unit,
  memberKey,
  at: T0 + day * DAY,
  arm,
  channel: 'sms',
  variant: null,
});
const outcome = (memberKey: string, day: number, type: MemberOutcome['type'], amount = 0): MemberOutcome => ({
  memberKey,
  type,
  at: T0 + day * DAY,
  amountMinor: amount,
  profitMinor: amount / 2,
  toStage: null,
});

describe('Function: buildCohorts', () => {
  it('counts outcomes inside [first exposure, +window) only, and pre-period revenue apart', () => {
    // Prepare: exposed on day 2 and again on day 5 (the first counts); window days 2..9.
    const exposures = [exposure('c1', 5), exposure('c1', 2)];
    const outcomes = [
      outcome('c1', -5, 'order', 999), // pre-period: day 2 - 10 = day -8 .. day 2
      outcome('c1', 1, 'order', 300), // pre-period
      outcome('c1', 3, 'order', 1000), // in window
      outcome('c1', 4, 'meeting_booked'), // in window: progression 2 days after
      outcome('c1', 8.99, 'renewal', 50), // in window
      outcome('c1', 9, 'order', 7000), // window end is exclusive
    ];

    // Act
    const [cohort] = buildCohorts(exposures, outcomes, [], options);

    // Assess
    const member = cohort!.members[0]!;
    expect(member.exposedAt).toBe(T0 + 2 * DAY);
    expect(member.conversions).toBe(1);
    expect(member.converted).toBe(true);
    expect(member.revenueMinor).toBe(1000 + 50);
    expect(member.profitMinor).toBe(500 + 25);
    expect(member.preRevenueMinor).toBe(999 + 300);
    expect(member.progressed).toBe(true);
    expect(member.daysToNextStep).toBeCloseTo(2, 9);
    expect(member.meeting).toBe(true);
  });

  it('leaves out members whose window is still open and counts arm crossovers', () => {
    // Prepare: c2's window (day 25..32) ends after asOf (day 30); c3 was in both arms.
    const exposures = [exposure('c2', 25), exposure('c3', 1, 'holdout'), exposure('c3', 3, 'treatment')];

    // Act
    const [cohort] = buildCohorts(exposures, [], [], options);

    // Assess
    expect(cohort!.immature).toBe(1);
    expect(cohort!.crossovers).toBe(1);
    expect(cohort!.members.map((m) => [m.memberKey, m.arm])).toEqual([['c3', 'holdout']]);
  });

  it('ignores exposures before the period', () => {
    const [cohort] = buildCohorts([exposure('c4', -1)], [], [], options);
    expect(cohort!.members).toHaveLength(0);
  });

  it('marks opt-outs, engagement and email recipients from signals in the window', () => {
    const [cohort] = buildCohorts(
      [exposure('c5', 2)],
      [],
      [
        { memberKey: 'c5', at: T0 + 3 * DAY, kind: 'opt_out' },
        { memberKey: 'c5', at: T0 + 1 * DAY, kind: 'engaged' }, // before the exposure: not engagement
        { memberKey: 'c5', at: T0 + 0 * DAY, kind: 'email' }, // within a window before it: emailed
      ],
      options,
    );
    const member = cohort!.members[0]!;
    expect([member.optedOut, member.engaged, member.emailed]).toEqual([true, false, true]);
  });
});
