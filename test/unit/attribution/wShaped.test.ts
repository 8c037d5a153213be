import { describe, expect, it } from 'vitest';
import { attribute } from '../../../shared/attribution/attribute.js';
import type { Outcome, Touch } from '../../../shared/attribution/model.js';
import { parseAttributionRules } from '../../../shared/attribution/rules.js';
import { daysBefore, outcome, RULES, touch } from './builders.js';

// Five touches of c1: 50, 40, 30, 20 and 10 days before a 100.00 USD win at T0.
const five: Touch[] = [50, 40, 30, 20, 10].map((d) =>
  touch({ touchEventId: `evt_d${d}`, at: daysBefore(d) }),
);

function wShaped(o: Outcome, touches: Touch[] = five, rules = RULES) {
  return attribute([o], touches, rules)
    .filter((row) => row.model === 'w_shaped')
    .map((row) => [row.touchEventId, row.credit, row.creditedAmountMinor]);
}

const milestones = (leadDays: number | null, opportunityDays: number | null) => ({
  leadCreatedAt: leadDays === null ? null : daysBefore(leadDays),
  opportunityCreatedAt: opportunityDays === null ? null : daysBefore(opportunityDays),
});

describe('Function: attribute — W-shaped', () => {
  it('gives 30% to first, lead-creation and opportunity-creation touches and spreads 10% over the rest', () => {
    // Lead created 35 d before (last touch at or before: 40 d), opportunity 15 d before (-> 20 d).
    // Roles 50 d, 40 d, 20 d; m = 2 others. num = 30 x 2 = 60 for roles, 10 for others; den = 2 x (90 + 10) = 200.
    expect(wShaped(outcome({ milestones: milestones(35, 15) }))).toEqual([
      ['evt_d50', 0.3, 3000],
      ['evt_d40', 0.3, 3000],
      ['evt_d30', 0.05, 500],
      ['evt_d20', 0.3, 3000],
      ['evt_d10', 0.05, 500],
    ]);
  });

  it('counts a touch at the exact milestone time as the touch before it', () => {
    // Lead created at the 40-day touch's own millisecond: that touch holds the role.
    expect(wShaped(outcome({ milestones: milestones(40, 15) }))[1]).toEqual(['evt_d40', 0.3, 3000]);
  });

  it('adds the shares of a touch holding two roles (first touch is also the lead-creation touch)', () => {
    // Lead created 45 d before -> the 50-day touch is first and lead: 60. Opportunity -> 20 d: 30.
    // m = 3 others: num 60 x 3 = 180, 30 x 3 = 90, others 10; den = 3 x (90 + 10) = 300.
    // Cents: 6000, 333.33 x 3, 3000 -> floors 6000 + 999 + 3000 = 9999, the earliest other (40 d) gets 1.
    expect(wShaped(outcome({ milestones: milestones(45, 15) }))).toEqual([
      ['evt_d50', 0.6, 6000],
      ['evt_d40', 1 / 30, 334],
      ['evt_d30', 1 / 30, 333],
      ['evt_d20', 0.3, 3000],
      ['evt_d10', 1 / 30, 333],
    ]);
  });

  it('drops a role whose milestone precedes every eligible touch and rescales the rest', () => {
    // Lead created 60 d before: no touch at or before it. Roles: first (50 d) and opportunity (20 d).
    // R = 60, m = 3: num 30 x 3 = 90, 90, others 10; den = 3 x (60 + 10) = 210 -> 3/7, 3/7, 1/21 x 3.
    // Cents: 4285.71 x 2, 476.19 x 3 -> floors 8570 + 1428 = 9998, remainders 150, 40, 40, 150, 40:
    // the two 150s (50 d and 20 d) get a cent each.
    expect(wShaped(outcome({ milestones: milestones(60, 15) }))).toEqual([
      ['evt_d50', 3 / 7, 4286],
      ['evt_d40', 1 / 21, 476],
      ['evt_d30', 1 / 21, 476],
      ['evt_d20', 3 / 7, 4286],
      ['evt_d10', 1 / 21, 476],
    ]);
  });

  it('splits 1/3 each when the three roles are the only touches', () => {
    // No other touches: num = 30, 30, 30 over R = 90. 10 000 / 3 -> 3334, 3333, 3333.
    const three = five.slice(0, 3);
    expect(wShaped(outcome({ milestones: milestones(40, 30) }), three)).toEqual([
      ['evt_d50', 1 / 3, 3334],
      ['evt_d40', 1 / 3, 3333],
      ['evt_d30', 1 / 3, 3333],
    ]);
  });

  it('gives one touch holding every role everything', () => {
    expect(wShaped(outcome({ milestones: milestones(5, 5) }), five.slice(4))).toEqual([
      ['evt_d10', 1, 10_000],
    ]);
  });

  it('takes an opportunity_created outcome’s own time as the opportunity milestone', () => {
    // 30-day window, both ends in: the 30 d, 20 d and 10 d touches. First = 30 d; opportunity (at T0) = 10 d;
    // m = 1 other. num = 30, 10, 30; den = 1 x (60 + 10) = 70 -> 3/7, 1/7, 3/7.
    // Cents: 4285.71, 1428.57, 4285.71 -> floors 9998, remainders 50, 40, 50 -> first and last get a cent.
    const created = outcome({ outcomeType: 'opportunity_created' });
    expect(wShaped(created)).toEqual([
      ['evt_d30', 3 / 7, 4286],
      ['evt_d20', 1 / 7, 1428],
      ['evt_d10', 3 / 7, 4286],
    ]);
  });

  it('leaves the other touches nothing when the others share is 0', () => {
    // 30/30/40/0: roles only, num = 30, 30, 40 over R = 100; the two other touches get no row.
    const rules = parseAttributionRules({
      ...RULES,
      wShaped: { first: 30, lead: 30, opportunity: 40, others: 0 },
    });
    expect(wShaped(outcome({ milestones: milestones(35, 15) }), five, rules)).toEqual([
      ['evt_d50', 0.3, 3000],
      ['evt_d40', 0.3, 3000],
      ['evt_d20', 0.4, 4000],
    ]);
  });
});
