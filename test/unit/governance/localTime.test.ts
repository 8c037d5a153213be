import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  isTimeZone,
  localDate,
  localParts,
  minutesOfDay,
  nextWindowStart,
  startOfLocalDay,
  utcOffsetMinutes,
  zonedTimeToUtc,
} from '../../../shared/governance/localTime.js';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('Function: localParts / localDate / utcOffsetMinutes', () => {
  it('reads the wall clock of the recipient, not of the server', () => {
    // Prepare / Act / Assess
    expect(localParts(at('2026-01-15T12:34:56Z'), 'Asia/Kathmandu')).toEqual({
      year: 2026,
      month: 1,
      day: 15,
      hour: 18,
      minute: 19,
      second: 56,
    });
  });

  it('reads midnight as hour 0, not 24', () => {
    expect(localParts(at('2026-01-01T05:00:00Z'), 'America/New_York').hour).toBe(0);
  });

  it.each([
    ['2026-06-10T03:30:00Z', 'America/New_York', '2026-06-09'],
    ['2026-06-10T03:30:00Z', 'Europe/London', '2026-06-10'],
    ['2026-12-31T23:00:00Z', 'Pacific/Auckland', '2027-01-01'],
    ['2026-01-01T00:10:00Z', 'Pacific/Honolulu', '2025-12-31'],
  ])('gives the local calendar date of %s in %s', (instant, zone, date) => {
    expect(localDate(at(instant), zone)).toBe(date);
  });

  it.each([
    ['America/New_York', '2026-01-15T12:00:00Z', -300],
    ['America/New_York', '2026-07-15T12:00:00Z', -240],
    ['America/St_Johns', '2026-01-15T12:00:00Z', -210],
    ['America/St_Johns', '2026-07-15T12:00:00Z', -150],
    ['Australia/Adelaide', '2026-01-15T12:00:00Z', 630],
    ['Australia/Adelaide', '2026-07-15T12:00:00Z', 570],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 330],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 345],
    ['Europe/London', '2026-01-15T12:00:00Z', 0],
    ['Europe/London', '2026-07-15T12:00:00Z', 60],
  ])('knows the UTC offset of %s at %s (%i min)', (zone, instant, minutes) => {
    expect(utcOffsetMinutes(at(instant), zone)).toBe(minutes);
  });

  it('rejects a zone the runtime does not know, naming it', () => {
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Asia/Kolkata')).toBe(true);
    expect(() => localDate(new Date(), 'Mars/Olympus_Mons')).toThrow(
      /unknown time zone "Mars\/Olympus_Mons"/,
    );
  });
});

describe('Function: zonedTimeToUtc', () => {
  it.each([
    ['2026-06-10', '08:00', 'America/New_York', '2026-06-10T12:00:00.000Z'],
    ['2026-01-10', '08:00', 'America/New_York', '2026-01-10T13:00:00.000Z'],
    ['2026-01-10', '08:00', 'Asia/Kolkata', '2026-01-10T02:30:00.000Z'],
    ['2026-01-10', '08:00', 'Asia/Kathmandu', '2026-01-10T02:15:00.000Z'],
    ['2026-01-10', '08:00', 'America/St_Johns', '2026-01-10T11:30:00.000Z'],
    ['2026-01-10', '08:00', 'Australia/Adelaide', '2026-01-09T21:30:00.000Z'],
  ])('turns %s %s in %s into %s', (date, time, zone, expected) => {
    expect(iso(zonedTimeToUtc(date, time, zone))).toBe(expected);
  });

  it.each([
    // New York springs forward 02:00 EST -> 03:00 EDT on 2026-03-08.
    ['2026-03-08', '02:30', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '02:00', 'America/New_York', '2026-03-08T07:00:00.000Z'],
    // London springs forward 01:00 GMT -> 02:00 BST on 2026-03-29.
    ['2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:00:00.000Z'],
    // Adelaide springs forward 02:00 ACST (+9:30) -> 03:00 ACDT (+10:30) on 2026-10-04.
    ['2026-10-04', '02:15', 'Australia/Adelaide', '2026-10-03T16:30:00.000Z'],
    // St John's springs forward 02:00 NST (-3:30) -> 03:00 NDT (-2:30) on 2026-03-08.
    ['2026-03-08', '02:30', 'America/St_Johns', '2026-03-08T05:30:00.000Z'],
  ])(
    'moves %s %s in %s (skipped by DST) forward to the first instant that exists',
    (date, time, zone, expected) => {
      expect(iso(zonedTimeToUtc(date, time, zone))).toBe(expected);
    },
  );

  it.each([
    // New York falls back 02:00 EDT -> 01:00 EST on 2026-11-01: 01:30 happens twice.
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    // London falls back 02:00 BST -> 01:00 GMT on 2026-10-25.
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    // Adelaide falls back 03:00 ACDT -> 02:00 ACST on 2026-04-05.
    ['2026-04-05', '02:30', 'Australia/Adelaide', '2026-04-04T16:00:00.000Z'],
  ])('takes the earlier of the two instants %s %s reads in %s', (date, time, zone, expected) => {
    expect(iso(zonedTimeToUtc(date, time, zone))).toBe(expected);
  });

  it('rejects malformed dates and times', () => {
    expect(() => zonedTimeToUtc('2026-6-1', '08:00', 'UTC')).toThrow(/YYYY-MM-DD/);
    expect(() => zonedTimeToUtc('2026-06-01', '8:00', 'UTC')).toThrow(/HH:MM/);
    expect(() => minutesOfDay('24:00')).toThrow(/HH:MM/);
  });

  it('round-trips every wall time it reads, choosing the earlier instant (property)', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Adelaide',
      'America/St_Johns',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2028, 0, 1) / 60_000 }),
        fc.constantFrom(...zones),
        (minute, zone) => {
          const instant = new Date(minute * 60_000);
          const p = localParts(instant, zone);
          const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
          const back = zonedTimeToUtc(localDate(instant, zone), hhmm, zone);
          expect(localParts(back, zone)).toEqual(p);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('Function: addDays / startOfLocalDay', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('adds days to %s (%i) across months, years and leap days', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('starts the recipient day at local midnight, also on a 23-hour DST day', () => {
    expect(iso(startOfLocalDay(at('2026-03-08T20:00:00Z'), 'America/New_York'))).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(iso(startOfLocalDay(at('2026-03-09T03:00:00Z'), 'America/New_York'))).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(iso(startOfLocalDay(at('2026-03-09T05:00:00Z'), 'America/New_York'))).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });
});

describe('Function: nextWindowStart', () => {
  const NY = 'America/New_York';

  it('returns the instant itself inside [start, end)', () => {
    const instant = at('2026-06-10T16:00:00Z'); // 12:00 EDT
    expect(iso(nextWindowStart(instant, NY, '08:00', '21:00'))).toBe(iso(instant));
    expect(iso(nextWindowStart(at('2026-06-10T12:00:00Z'), NY, '08:00', '21:00'))).toBe(
      '2026-06-10T12:00:00.000Z',
    );
    expect(iso(nextWindowStart(at('2026-06-11T00:59:59Z'), NY, '08:00', '21:00'))).toBe(
      '2026-06-11T00:59:59.000Z',
    );
  });

  it('opens today at start when it is earlier in the day', () => {
    expect(iso(nextWindowStart(at('2026-06-10T11:59:59Z'), NY, '08:00', '21:00'))).toBe(
      '2026-06-10T12:00:00.000Z',
    );
  });

  it('opens tomorrow at start from the end of the window on (end is exclusive)', () => {
    expect(iso(nextWindowStart(at('2026-06-11T01:00:00Z'), NY, '08:00', '21:00'))).toBe(
      '2026-06-11T12:00:00.000Z',
    );
    expect(iso(nextWindowStart(at('2026-06-11T03:59:00Z'), NY, '08:00', '21:00'))).toBe(
      '2026-06-11T12:00:00.000Z',
    );
  });

  it('crosses a month end for tomorrow', () => {
    expect(iso(nextWindowStart(at('2026-07-01T02:00:00Z'), NY, '08:00', '21:00'))).toBe(
      '2026-07-01T12:00:00.000Z',
    );
  });

  it('handles a window across midnight and a window open all day', () => {
    expect(iso(nextWindowStart(at('2026-06-10T16:00:00Z'), NY, '22:00', '06:00'))).toBe(
      '2026-06-11T02:00:00.000Z',
    );
    expect(iso(nextWindowStart(at('2026-06-10T07:00:00Z'), NY, '22:00', '06:00'))).toBe(
      '2026-06-10T07:00:00.000Z',
    );
    expect(iso(nextWindowStart(at('2026-06-10T07:00:00Z'), NY, '00:00', '00:00'))).toBe(
      '2026-06-10T07:00:00.000Z',
    );
  });

  it('in a repeated fall-back hour, opens at the next reading of start, not one already past', () => {
    // 2026-11-01 06:15Z is 01:15 EST, the second 01:15 of the day; 01:30 EDT (05:30Z) has passed.
    expect(iso(nextWindowStart(at('2026-11-01T06:15:00Z'), NY, '01:30', '21:00'))).toBe(
      '2026-11-01T06:30:00.000Z',
    );
  });

  it('opens at start or is the instant, reads inside the window, and never earlier (property)', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Adelaide',
      'Asia/Kolkata',
      'America/St_Johns',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(...zones),
        fc.integer({ min: 5 * 60, max: 11 * 60 }),
        fc.integer({ min: 13 * 60, max: 23 * 60 + 59 }),
        (ms, zone, from, to) => {
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const instant = new Date(ms);
          const next = nextWindowStart(instant, zone, hhmm(from), hhmm(to));
          expect(next.getTime()).toBeGreaterThanOrEqual(ms);
          const p = localParts(next, zone);
          const minutes = p.hour * 60 + p.minute;
          expect(minutes >= from && minutes < to).toBe(true);
          if (next.getTime() !== ms) {
            expect(minutes).toBe(from);
            expect(next.getTime() - ms).toBeLessThanOrEqual(25 * 3_600_000);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
