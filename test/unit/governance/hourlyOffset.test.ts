import { describe, expect, it } from 'vitest';
import { hourlyUtcOffsetMs, utcOffsetMinutes } from '../../../shared/governance/localTime.js';

const HOUR = 3_600_000;

describe('Function: hourlyUtcOffsetMs', () => {
  it('gives the zone offset of the UTC hour, through DST and odd offsets', () => {
    expect(hourlyUtcOffsetMs('America/New_York', Date.parse('2026-01-15T12:34:56Z'))).toBe(-5 * HOUR);
    expect(hourlyUtcOffsetMs('America/New_York', Date.parse('2026-07-15T12:34:56Z'))).toBe(-4 * HOUR);
    expect(hourlyUtcOffsetMs('Asia/Kathmandu', Date.parse('2026-07-15T00:00:00Z'))).toBe(5.75 * HOUR);
    // US DST starts 2026-03-08 at 07:00 UTC: the hour before is EST, the hour of it EDT.
    expect(hourlyUtcOffsetMs('America/New_York', Date.parse('2026-03-08T06:59:00Z'))).toBe(-5 * HOUR);
    expect(hourlyUtcOffsetMs('America/New_York', Date.parse('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
  });

  it('agrees with the uncached offset and answers undefined for an unknown zone', () => {
    const at = Date.parse('2026-11-01T05:30:00Z');
    expect(hourlyUtcOffsetMs('Australia/Sydney', at)).toBe(
      utcOffsetMinutes(new Date(at), 'Australia/Sydney') * 60_000,
    );
    expect(hourlyUtcOffsetMs('Mars/Olympus_Mons', at)).toBeUndefined();
  });
});
