/**
 * Where simulated contacts live: phone prefixes with the IANA zone they ring in (US and
 * Canadian area codes across four zones, and a few international numbers). Each contact's
 * CRM record carries its zone, so the send gate's quiet hours use it.
 */
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

/** Zone -> UTC hour number -> offset minutes (offsets change on hour boundaries only). */
const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at `at`. */
function offsetMinutes(timeZone: string, at: number): number {
  const hour = Math.floor(at / 3_600_000);
  const zone = offsetCache.get(timeZone) ?? new Map<number, number>();
  offsetCache.set(timeZone, zone);
  const cached = zone.get(hour);
  if (cached !== undefined) return cached;
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'));
  const offset = Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
  if (zone.size > 100_000) zone.clear();
  zone.set(hour, offset);
  return offset;
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
