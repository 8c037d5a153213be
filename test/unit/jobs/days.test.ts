import { describe, expect, it } from 'vitest';
import { newRunId, planDayRange } from '../../../shared/jobs/days.js';

const DEFAULTS = { to: '2026-11-25', daysBack: 1, maxDays: 3 };

describe('Function: planDayRange', () => {
  it('takes the defaults: `to`, and `from` daysBack before it', () => {
    expect(planDayRange({}, DEFAULTS)).toEqual({
      from: '2026-11-24',
      to: '2026-11-25',
      days: ['2026-11-24', '2026-11-25'],
    });
    expect(planDayRange({}, { ...DEFAULTS, daysBack: 0 }).days).toEqual(['2026-11-25']);
  });

  it('takes an asked range across a month end', () => {
    expect(planDayRange({ from: '2026-10-31', to: '2026-11-01' }, DEFAULTS).days).toEqual([
      '2026-10-31',
      '2026-11-01',
    ]);
  });

  it('refuses a non-date, a reversed range and too many days, naming the problem', () => {
    expect(() => planDayRange({ from: '2026-02-30' }, DEFAULTS)).toThrow(/from must be a calendar date/);
    expect(() => planDayRange({ from: '2026-11-26' }, DEFAULTS)).toThrow(/after to/);
    expect(() => planDayRange({ from: '2026-11-01' }, DEFAULTS)).toThrow(/25 days in one run; at most 3/);
  });
});

describe('Function: newRunId', () => {
  it('starts with the compact start time and differs between two runs of one instant', () => {
    const at = new Date('2026-11-25T23:00:00.123Z');
    expect(newRunId(at)).toMatch(/^20261125T230000Z-[0-9a-f]{6}$/);
    expect(newRunId(at)).not.toBe(newRunId(at));
  });
});
