import { describe, expect, it } from 'vitest';
import type { Exposure, MemberOutcome, TestedUnit } from '../../../shared/incrementality/model.js';
import { LtvConfigSchema } from '../../../shared/ltv/config.js';
import { ltvMembers, ltvMetrics } from '../../../shared/ltv/metrics.js';
import { ltvModel, remainingValueMinor } from '../../../shared/ltv/model.js';
import { ltvRows } from '../../../shared/ltv/rows.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const AS_OF = T0 + 120 * DAY;
const unit: TestedUnit = { id: 'renewal-reminder', kind: 'flow', programId: 'demo' };
const exposure = (memberKey: string, day: number, arm: Exposure['arm']): Exposure => ({
  unit,
  memberKey,
  at: T0 + day * DAY,
  arm,
  channel: 'sms',
  variant: null,
});
const order = (
  memberKey: string,
  day: number,
  amount: number,
  type: MemberOutcome['type'] = 'order',
): MemberOutcome => ({
  memberKey,
  type,
  at: T0 + day * DAY,
  amountMinor: amount,
  profitMinor: amount,
  toStage: null,
});
const byMember = (outcomes: MemberOutcome[]) => {
  const map = new Map<string, MemberOutcome[]>();
  for (const o of outcomes) map.set(o.memberKey, [...(map.get(o.memberKey) ?? []), o]);
  return map;
};

describe('Function: ltvMetrics', () => {
  it('computes repeat rates, the revenue curve, orders per quarter, renewal and churn by hand', () => {
    // Prepare: three treated members exposed on day 0, observed 120 days.
    // a: orders day 10 (1000) and day 30 (500): repeat within 30 days (20 d after the first).
    // b: orders day 5 (2000) and day 100 (2000): repeat only within 90+ days (95 d) -> not at 30/60/90.
    // c: no order, renewed on day 50 (9000), churned never; d: churned on day 40.
    const members = ltvMembers(
      ['a', 'b', 'c', 'd'].map((k) => exposure(k, 0, 'treatment')),
      [{ memberKey: 'a', at: T0 + 2 * DAY, kind: 'engaged' }],
      T0 - DAY,
      AS_OF,
    );
    const outcomes = byMember([
      order('a', 10, 1000),
      order('a', 30, 500),
      order('b', 5, 2000),
      order('b', 100, 2000),
      order('c', 50, 9000, 'renewal'),
    ]);
    const churns = new Map([['d', [T0 + 40 * DAY]]]);

    // Act
    const m = ltvMetrics(members, outcomes, churns, AS_OF, 1);

    // Assess
    expect(members.map((x) => [x.memberKey, x.engaged])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', false],
    ]);
    expect(m.customers).toBe(2);
    // Both customers observed ≥ 90 days after their first order (day 10 + 90 = 100 ≤ 120; day 5 + 90 ≤ 120).
    expect(m.repeatRate).toEqual({ 30: 1 / 2, 60: 1 / 2, 90: 1 / 2 });
    // Curve at 7 days: b's 2000 (day 5) / 4 members = 500; at 14: + a's 1000 (day 10) = 3000 / 4 = 750.
    expect(m.revenueCurve[7]).toBe(500);
    expect(m.revenueCurve[14]).toBe(750);
    // 90 days: + a's 500 (day 30) + c's renewal 9000 (day 50) = 12500 / 4.
    expect(m.revenueCurve[90]).toBe(12_500 / 4);
    // 4 orders over 4 x 120 member-days = 480 days; per quarter (91.3125 d): 4 / 480 x 91.3125.
    expect(m.ordersPerQuarter).toBeCloseTo((4 / 480) * 91.3125, 12);
    // Rolling 90 days before day 120 = days 30..120: a 500 (day 30), b 2000, c 9000 -> 11500 / 4.
    expect(m.revenue90dMinor).toBe(11_500 / 4);
    // Renewed 1 (c) of decided 2 (c renewed, d churned); churn 1 of 4.
    expect(m.renewalRate).toBe(1 / 2);
    expect(m.churnRate).toBe(1 / 4);
  });

  it('leaves a within-N-days rate null when nobody has been observed that long', () => {
    const members = ltvMembers([exposure('a', 100, 'treatment')], [], T0, AS_OF);
    const m = ltvMetrics(
      members,
      byMember([order('a', 101, 100), order('a', 105, 100)]),
      new Map(),
      AS_OF,
      1,
    );
    // First order on day 101: 101 + 30 = 131 > 120, so no customer qualifies for the 30-day rate.
    expect(m.repeatRate[30]).toBeNull();
    expect(m.revenueCurve[7]).toBe(200);
    expect(m.revenueCurve[30]).toBeNull();
  });

  it('leaves a revenue-curve point null until enough members have reached its horizon', () => {
    const members = ltvMembers([exposure('a', 100, 'treatment')], [], T0, AS_OF);
    const orders = byMember([order('a', 101, 100)]);
    // One member has passed day 7 (100 + 7 <= 120): enough for a minimum of 1, not of 2 or the default 30.
    expect(ltvMetrics(members, orders, new Map(), AS_OF, 1).revenueCurve[7]).toBe(100);
    expect(ltvMetrics(members, orders, new Map(), AS_OF, 2).revenueCurve[7]).toBeNull();
    expect(ltvMetrics(members, orders, new Map(), AS_OF).revenueCurve[7]).toBeNull();
  });
});

describe('Function: ltvModel', () => {
  it('adds the four terms from measured gaps and configured assumptions', () => {
    const config = LtvConfigSchema.parse({
      grossMargin: 0.5,
      acvMinor: 100_000,
      attachRate: 0.25,
      costToServePerHourMinor: 4000,
      hoursSavedPerTreatedMember: 0.5,
    });
    const metrics = (members: number, churnRate: number, renewalRate: number, expansion: number) => ({
      members,
      customers: 0,
      repeatRate: { 30: null, 60: null, 90: null },
      revenueCurve: { 7: null, 14: null, 30: null, 60: null, 90: null },
      ordersPerQuarter: null,
      revenue90dMinor: null,
      renewalRate,
      churnRate,
      expansionPerMemberMinor: expansion,
      observedMemberDays: 0,
    });
    // 100 treated: churn 0.10 vs 0.15 holdout; renewal 0.60 vs 0.55; expansion 2000 vs 1000 per member.
    const model = ltvModel(metrics(100, 0.1, 0.6, 2000), metrics(20, 0.15, 0.55, 1000), config, 200_000);
    // Reduced churn: 0.05 x 100 x 100 000 x 0.5 = 250 000.
    expect(model.terms.reducedChurnMinor).toBeCloseTo(250_000, 6);
    // Extra renewals: 0.05 x 100 x 100 000 = 500 000.
    expect(model.terms.extraRenewalsMinor).toBeCloseTo(500_000, 6);
    // Expansion: 1000 x 100 x 0.25 = 25 000.
    expect(model.terms.expansionMinor).toBeCloseTo(25_000, 6);
    // Time saved: 100 x 0.5 h x 4000 = 200 000.
    expect(model.terms.timeSavedMinor).toBeCloseTo(200_000, 6);
    expect(model.valueMinor).toBeCloseTo(975_000, 6);
    // ROI: (975 000 − 200 000) / 200 000 = 3.875.
    expect(model.roi).toBeCloseTo(3.875, 9);
    expect(model.assumptions).toEqual(config);
  });

  it('prices a contact’s remaining value from config, else from 90-day revenue', () => {
    expect(remainingValueMinor(LtvConfigSchema.parse({ remainingValueMinor: 12_345 }), 10)).toBe(12_345);
    // 3000 per 90 days x (24 months / 3) quarters x 0.5 margin = 12 000.
    expect(remainingValueMinor(LtvConfigSchema.parse({ grossMargin: 0.5 }), 3000)).toBe(12_000);
    expect(remainingValueMinor(LtvConfigSchema.parse({}), 3000)).toBeNull();
  });
});

describe('Function: ltvRows', () => {
  it('writes arm, engagement and model rows per program', () => {
    const exposures = [
      exposure('a', 0, 'treatment'),
      exposure('b', 0, 'treatment'),
      exposure('h', 0, 'holdout'),
    ];
    const result = ltvRows(
      {
        exposures,
        outcomes: [order('a', 3, 100)],
        signals: [{ memberKey: 'a', at: T0 + DAY, kind: 'engaged' }],
      },
      { dt: '2026-04-30', config: LtvConfigSchema.parse({}), currency: 'USD', periodDays: 200 },
    );
    expect(result.rows.map((r) => [r.cohort_by, r.cohort, r.members])).toEqual([
      ['arm', 'treatment', 2],
      ['arm', 'holdout', 1],
      ['engagement', 'engaged', 1],
      ['engagement', 'unengaged', 1],
      ['model', 'treatment_vs_holdout', 2],
    ]);
  });
});
