import { describe, expect, it } from 'vitest';
import { planAttribution, touchFromDt, touchHorizonMs } from '../../../shared/attribution/job/plan.js';
import { DAY_MS, DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';

const RULES = DEFAULT_ATTRIBUTION_RULES;
const NOW = new Date('2026-11-25T06:30:00Z');

describe('Function: planAttribution', () => {
  it('covers yesterday and today by default, reading 3 days of late arrivals and a day of clock skew', () => {
    const plan = planAttribution(RULES, {}, NOW);

    expect(plan).toMatchObject({
      from: '2026-11-24',
      to: '2026-11-25',
      days: ['2026-11-24', '2026-11-25'],
      fromMs: Date.parse('2026-11-24T00:00:00Z'),
      toMs: Date.parse('2026-11-26T00:00:00Z'),
      outcomeFromDt: '2026-11-23',
      scanToDt: '2026-11-28',
      // closed_won, renewal, expansion: 90 days; opportunity_created: 30.
      lookbackMs: 90 * DAY_MS,
      sourcingMs: 30 * DAY_MS,
    });
  });

  it('takes the range and late days it is given, across a month end', () => {
    const plan = planAttribution(RULES, { from: '2026-02-27', to: '2026-03-01', lateArrivalDays: 0 }, NOW);

    expect(plan.days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(plan.scanToDt).toBe('2026-03-01');
  });

  it.each([
    [{ from: '2026-11-26', to: '2026-11-25' }, 'from (2026-11-26) is after to (2026-11-25)'],
    [{ to: '2026-02-30' }, 'to must be a calendar date like 2026-11-25, got "2026-02-30"'],
    [{ from: '2024-01-01', to: '2026-01-01' }, '732 days in one run; at most 400'],
  ])('refuses %j', (options, message) => {
    expect(() => planAttribution(RULES, options, NOW)).toThrow(message);
  });
});

describe('Function: touchHorizonMs', () => {
  const plan = planAttribution(RULES, { from: '2026-11-25', to: '2026-11-25' }, NOW);

  it('reaches back the longest window without an opportunity', () => {
    expect(touchHorizonMs(plan, null)).toBe(plan.fromMs - 90 * DAY_MS);
  });

  it('reaches back the sourcing window before an older opportunity creation', () => {
    const created = plan.fromMs - 200 * DAY_MS;
    expect(touchHorizonMs(plan, created)).toBe(created - 30 * DAY_MS);
    expect(touchHorizonMs(plan, plan.fromMs - 10 * DAY_MS)).toBe(plan.fromMs - 90 * DAY_MS);
  });

  it('starts the touch partitions a day before the horizon’s day', () => {
    expect(touchFromDt(Date.parse('2026-08-27T13:00:00Z'))).toBe('2026-08-26');
  });
});
