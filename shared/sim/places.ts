/**
 * Where simulated contacts live: phone prefixes with the IANA zone they ring in (US and
 * Canadian area codes across four zones, and a few international numbers). Each contact's
 * CRM record carries its zone, so the send gate's quiet hours use it.
 */
import { hourlyUtcOffsetMs } from '../governance/localTime.js';

export interface Place {
  /** E.164 prefix; the rest of the number is generated (see phoneFor). */
  prefix: string;
  /** Digits after the prefix. */
  digits: number;
  country: 'US' | 'CA' | 'GB' | 'AU';
  timeZone: string;
  weight: number;
}

export const PLACES: readonly Place[] = [
  { prefix: '+1212', digits: 7, country: 'US', timeZone: 'America/New_York', weight: 14 },
  { prefix: '+1617', digits: 7, country: 'US', timeZone: 'America/New_York', weight: 8 },
  { prefix: '+1312', digits: 7, country: 'US', timeZone: 'America/Chicago', weight: 10 },
  { prefix: '+1214', digits: 7, country: 'US', timeZone: 'America/Chicago', weight: 8 },
  { prefix: '+1303', digits: 7, country: 'US', timeZone: 'America/Denver', weight: 8 },
  { prefix: '+1415', digits: 7, country: 'US', timeZone: 'America/Los_Angeles', weight: 12 },
  { prefix: '+1206', digits: 7, country: 'US', timeZone: 'America/Los_Angeles', weight: 8 },
  { prefix: '+1416', digits: 7, country: 'CA', timeZone: 'America/Toronto', weight: 8 },
  { prefix: '+1604', digits: 7, country: 'CA', timeZone: 'America/Vancouver', weight: 6 },
  { prefix: '+447911', digits: 6, country: 'GB', timeZone: 'Europe/London', weight: 5 },
  { prefix: '+614', digits: 8, country: 'AU', timeZone: 'Australia/Sydney', weight: 3 },
];

/**
 * A unique number per contact index: the subscriber part is the index shifted by a
 * seed-dependent offset, so worlds with different seeds have different numbers (and so a
 * different holdout draw), and no two contacts of one world share one. NANP exchanges must
 * not start with 0 or 1: the subscriber part starts with 2.
 */
export function phoneFor(place: Place, index: number, offset: number): string {
  const room = 10 ** (place.digits - 1);
  const subscriber = (index + offset) % room;
  return `${place.prefix}2${String(subscriber).padStart(place.digits - 1, '0')}`;
}

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(timeZone: string, at: number): number {
  return (hourlyUtcOffsetMs(timeZone, at) ?? 0) / 60_000;
}

/**
 * The UTC instant of a local wall-clock time on the UTC calendar date of `dayStartUtc`
 * (e.g. 14:30 in America/Chicago on 2026-11-03). Two passes settle DST transition days.
 */
export function localTimeToUtc(dayStartUtc: number, minuteOfDay: number, timeZone: string): number {
  const wall = dayStartUtc + minuteOfDay * 60_000;
  const first = wall - offsetMinutes(timeZone, wall) * 60_000;
  return wall - offsetMinutes(timeZone, first) * 60_000;
}
