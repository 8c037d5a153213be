import { describe, expect, it } from 'vitest';
import { attribute } from '../../../shared/attribution/attribute.js';
import type { AttributionModel, CreditRow, Outcome, Touch } from '../../../shared/attribution/model.js';
import { parseAttributionRules } from '../../../shared/attribution/rules.js';
import { DAY, daysBefore, outcome, RULES, touch } from './builders.js';

/** [touchEventId, credit, creditedAmountMinor] of one model, in row order. */
function split(rows: CreditRow[], model: AttributionModel) {
  return rows
    .filter((row) => row.model === model)
    .map((row) => [row.touchEventId, row.credit, row.creditedAmountMinor]);
}

// Four touches of c1, one a week apart, no campaign: 28, 21, 14 and 7 days before a 100.00 USD win.
const weekly: Touch[] = [28, 21, 14, 7].map((d) => touch({ touchEventId: `evt_d${d}`, at: daysBefore(d) }));

describe('Function: attribute — one touch', () => {
  it('gives the single touch all the credit and the whole amount under every model', () => {
    // Prepare
    const only = touch({ touchEventId: 'evt_only', at: daysBefore(3) });
    // Act
    const rows = attribute([outcome()], [only], RULES);
    // Assess: six models x one touch, each 1.0 and 10 000 cents.
    expect(rows.map((row) => [row.model, row.credit, row.creditedAmountMinor])).toEqual([
      ['first_touch', 1, 10_000],
      ['last_touch', 1, 10_000],
      ['linear', 1, 10_000],
      ['time_decay', 1, 10_000],
      ['position_based', 1, 10_000],
      ['w_shaped', 1, 10_000],
    ]);
    expect(rows[0]).toEqual({
      outcomeId: 'o1',
      outcomeType: 'closed_won',
      touchEventId: 'evt_only',
      touchAt: daysBefore(3),
      model: 'first_touch',
      credit: 1,
      creditedAmountMinor: 10_000,
      currency: 'USD',
      rulesVersion: 'rules-2026.1',
    });
  });
});

describe('Function: attribute — many touches', () => {
  const rows = attribute([outcome()], weekly, RULES);

  it('first touch: the 28-day-old touch gets 1', () => {
    expect(split(rows, 'first_touch')).toEqual([['evt_d28', 1, 10_000]]);
  });

  it('last touch: the 7-day-old touch gets 1', () => {
    expect(split(rows, 'last_touch')).toEqual([['evt_d7', 1, 10_000]]);
  });

  it('linear: 1/4 each, 2 500 cents each', () => {
    expect(split(rows, 'linear')).toEqual([
      ['evt_d28', 0.25, 2500],
      ['evt_d21', 0.25, 2500],
      ['evt_d14', 0.25, 2500],
      ['evt_d7', 0.25, 2500],
    ]);
  });

  it('time decay (half-life 7 d): weights 1/8, 1/4, 1/2, 1 -> 1/15, 2/15, 4/15, 8/15', () => {
    // num = 2^21, 2^22, 2^23, 2^24 (the newest touch weighs 2^24); den = 15 x 2^21.
    // Cents: 10 000 x (1, 2, 4, 8) / 15 = 666.67, 1333.33, 2666.67, 5333.33
    //   floors 666 + 1333 + 2666 + 5333 = 9998, 2 cents left;
    //   remainders (x 2^21): 10, 5, 10, 5 -> the two 10s (28 d and 14 d) get a cent each.
    expect(split(rows, 'time_decay')).toEqual([
      ['evt_d28', 1 / 15, 667],
      ['evt_d21', 2 / 15, 1333],
      ['evt_d14', 4 / 15, 2667],
      ['evt_d7', 8 / 15, 5333],
    ]);
  });

  it('position based: 40 / 10 / 10 / 40', () => {
    // n = 4: num = 40 x 2, 20, 20, 40 x 2 over den = 100 x 2 = 200.
    expect(split(rows, 'position_based')).toEqual([
      ['evt_d28', 0.4, 4000],
      ['evt_d21', 0.1, 1000],
      ['evt_d14', 0.1, 1000],
      ['evt_d7', 0.4, 4000],
    ]);
  });

  it('W-shaped without milestones: the first touch’s 30 and the others’ 10, rescaled', () => {
    // Only the first-touch role exists; m = 3 others. num = 30 x 3 = 90, then 10, 10, 10; den = 3 x (30 + 10) = 120.
    // Credits 0.75, 1/12 x 3. Cents 7500, 833.33 x 3 -> floors 7500 + 2499 = 9999, 1 cent left,
    // equal remainders (40 each) -> the earliest of them (21 d) gets it.
    expect(split(rows, 'w_shaped')).toEqual([
      ['evt_d28', 0.75, 7500],
      ['evt_d21', 1 / 12, 834],
      ['evt_d14', 1 / 12, 833],
      ['evt_d7', 1 / 12, 833],
    ]);
  });

  it('writes rows by model in canonical order, then by touch time', () => {
    const models = [...new Set(rows.map((row) => row.model))];
    expect(models).toEqual([
      'first_touch',
      'last_touch',
      'linear',
      'time_decay',
      'position_based',
      'w_shaped',
    ]);
  });
});

describe('Function: attribute — amounts', () => {
  const three = [3, 2, 1].map((d) => touch({ touchEventId: `evt_${d}`, at: daysBefore(d) }));

  it('position based with two touches: 50 / 50, an odd cent to the earlier touch', () => {
    // num = 40, 40 over 80. 10 001 / 2 = 5000.5: floors 5000 + 5000, equal remainders -> earlier gets 1.
    const two = three.slice(0, 2);
    const rows = attribute([outcome({ amountMinor: 10_001 })], two, RULES);
    expect(split(rows, 'position_based')).toEqual([
      ['evt_3', 0.5, 5001],
      ['evt_2', 0.5, 5000],
    ]);
  });

  it('linear over three touches: 100 cents -> 34, 33, 33', () => {
    // 100 / 3 = 33.33: floors 99, 1 cent left, equal remainders -> the earliest.
    const rows = attribute([outcome({ amountMinor: 100 })], three, RULES);
    expect(split(rows, 'linear')).toEqual([
      ['evt_3', 1 / 3, 34],
      ['evt_2', 1 / 3, 33],
      ['evt_1', 1 / 3, 33],
    ]);
  });

  it('splits a negative amount (a refund) by the same rule, with the sign kept', () => {
    const rows = attribute([outcome({ amountMinor: -100 })], three, RULES);
    expect(split(rows, 'linear').map(([, , amount]) => amount)).toEqual([-34, -33, -33]);
    // -1 cent: the earliest touch takes it; the others get +0, not -0.
    const cent = attribute([outcome({ amountMinor: -1 })], three, RULES);
    expect(split(cent, 'linear').map(([, , amount]) => amount)).toStrictEqual([-1, 0, 0]);
    expect(split(cent, 'linear').map(([, , amount]) => Object.is(amount, -0))).toEqual([false, false, false]);
  });

  it('splits a zero amount into zeros', () => {
    const rows = attribute([outcome({ amountMinor: 0 })], three, RULES);
    expect(split(rows, 'linear').map(([, , amount]) => Object.is(amount, 0))).toEqual([true, true, true]);
  });

  it('writes credits but null amount and currency for an outcome without an amount', () => {
    // A currency without an amount is not echoed either.
    const meeting = outcome({ outcomeType: 'meeting_booked', amountMinor: null, currency: 'USD' });
    const rows = attribute([meeting], three, RULES);
    expect(split(rows, 'linear')).toEqual([
      ['evt_3', 1 / 3, null],
      ['evt_2', 1 / 3, null],
      ['evt_1', 1 / 3, null],
    ]);
    expect(rows.every((row) => row.currency === null)).toBe(true);
  });

  it('keeps each outcome’s currency, never mixing them', () => {
    // Prepare: the same touch credited for a USD order and a JPY order (yen have no minor unit).
    const t = touch({ touchEventId: 'evt_1', kind: 'click', messageId: 'SM1', at: daysBefore(1) });
    const usd = outcome({ outcomeId: 'o-usd', outcomeType: 'order', amountMinor: 1999, currency: 'USD' });
    const jpy = outcome({ outcomeId: 'o-jpy', outcomeType: 'order', amountMinor: 3200, currency: 'JPY' });
    // Act
    const rows = attribute([usd, jpy], [t], RULES).filter((row) => row.model === 'linear');
    // Assess
    expect(rows.map((row) => [row.outcomeId, row.creditedAmountMinor, row.currency])).toEqual([
      ['o-jpy', 3200, 'JPY'],
      ['o-usd', 1999, 'USD'],
    ]);
  });

  it('splits amounts beyond 2^53 / den exactly (BigInt path)', () => {
    // 9 007 199 254 740 991 (2^53 - 1) x time-decay den (~2^26) overflows doubles.
    // Weights 1 and 2 (14 and 7 days: one half-life apart): 1/3 and 2/3 of 2^53 - 1 = 3 002 399 751 580 330.33…
    const amount = Number.MAX_SAFE_INTEGER;
    const two = [14, 7].map((d) => touch({ touchEventId: `evt_${d}`, at: daysBefore(d) }));
    const rows = attribute([outcome({ amountMinor: amount })], two, RULES);
    // floors 3 002 399 751 580 330 + 6 004 799 503 160 660 = 9 007 199 254 740 990, 1 left;
    // remainders 1 x 2^23 and 2 x 2^23 -> the later touch (larger remainder) gets it.
    expect(split(rows, 'time_decay')).toEqual([
      ['evt_14', 1 / 3, 3_002_399_751_580_330],
      ['evt_7', 2 / 3, 6_004_799_503_160_661],
    ]);
  });
});

describe('Function: attribute — ties and edges', () => {
  it('breaks a time tie by touch event id for first and last touch', () => {
    const at = daysBefore(2);
    const rows = attribute(
      [outcome()],
      [touch({ touchEventId: 'evt_b', at }), touch({ touchEventId: 'evt_a', at })],
      RULES,
    );
    expect(split(rows, 'first_touch')).toEqual([['evt_a', 1, 10_000]]);
    expect(split(rows, 'last_touch')).toEqual([['evt_b', 1, 10_000]]);
    // Same time: time decay weighs both 2^24 -> 1/2 each.
    expect(split(rows, 'time_decay')).toEqual([
      ['evt_a', 0.5, 5000],
      ['evt_b', 0.5, 5000],
    ]);
  });

  it('writes nothing for an outcome with no eligible touch', () => {
    const late = touch({ at: daysBefore(-1) });
    const tooOld = touch({ at: daysBefore(91) });
    expect(attribute([outcome()], [late, tooOld], RULES)).toEqual([]);
  });

  it('weighs a touch 30 half-lives older than the newest at the floor of 1, never 0', () => {
    // 2^24 x 2^-30 = 1/64 -> floor(0.0156 + 0.5) = 0 -> max(1, 0) = 1. Credits 1 / (2^24 + 1) and 2^24 / (2^24 + 1).
    const rules = parseAttributionRules({ ...RULES, timeDecay: { halfLifeDays: 1 } });
    const two = [35, 5].map((d) => touch({ touchEventId: `evt_${d}`, at: daysBefore(d) }));
    const rows = attribute([outcome()], two, rules);
    expect(split(rows, 'time_decay').map(([id, credit]) => [id, credit])).toEqual([
      ['evt_35', 1 / (2 ** 24 + 1)],
      ['evt_5', 2 ** 24 / (2 ** 24 + 1)],
    ]);
  });

  it('rounds time-decay weights to the nearest integer', () => {
    // Half-life 7 d, touches 10.5 and 7 days before: the older weighs 2^24 x 2^-0.5 = 11 863 283.2 -> 11 863 283,
    // and one 3 days older than the newest 2^24 x 2^(-3/7) = 12 465 423.58… -> 12 465 424 (rounded up, not floored).
    const three = [10.5, 10, 7].map((d) => touch({ touchEventId: `evt_${d}`, at: daysBefore(d) }));
    const rows = split(attribute([outcome()], three, RULES), 'time_decay');
    const den = 11_863_283 + 12_465_424 + 2 ** 24;
    expect(rows.map(([id, credit]) => [id, credit])).toEqual([
      ['evt_10.5', 11_863_283 / den],
      ['evt_10', 12_465_424 / den],
      ['evt_7', 2 ** 24 / den],
    ]);
  });

  it('computes only the models the rules select, in canonical order', () => {
    const rules = parseAttributionRules({ ...RULES, models: ['w_shaped', 'first_touch', 'first_touch'] });
    const rows = attribute([outcome()], weekly, rules);
    expect(rows.map((row) => row.model)).toEqual([
      'first_touch',
      'w_shaped',
      'w_shaped',
      'w_shaped',
      'w_shaped',
    ]);
  });

  it('uses a custom half-life: 14 days halves the weight every two weeks', () => {
    // 28 and 0 days before the newest: 2^-2 : 1 -> 1/5 and 4/5.
    const rules = parseAttributionRules({ ...RULES, timeDecay: { halfLifeDays: 14 } });
    const two = [35, 7].map((d) => touch({ touchEventId: `evt_${d}`, at: daysBefore(d) }));
    expect(split(attribute([outcome()], two, rules), 'time_decay')).toEqual([
      ['evt_35', 0.2, 2000],
      ['evt_7', 0.8, 8000],
    ]);
  });

  it('sorts outcomes by id whatever their input order', () => {
    const t = touch({ at: daysBefore(1) });
    const outcomes: Outcome[] = ['o3', 'o1', 'o2'].map((outcomeId) => outcome({ outcomeId }));
    const order = [...new Set(attribute(outcomes, [t], RULES).map((row) => row.outcomeId))];
    expect(order).toEqual(['o1', 'o2', 'o3']);
  });

  it('rejects two outcomes with the same id', () => {
    expect(() => attribute([outcome(), outcome()], [touch()], RULES)).toThrow(/o1 appears more than once/);
  });

  it('credits a touch one day before the outcome at T0 − 1 day', () => {
    const rows = attribute([outcome()], [touch({ touchEventId: 'evt_day' })], RULES);
    expect(rows[0]?.touchAt).toBe(outcome().at - DAY);
  });
});
