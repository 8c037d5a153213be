/**
 * Wall-clock arithmetic in IANA time zones with `Intl` only (no date library): the gate needs
 * "what time is it for the recipient", "when does their day start" and "when does the next
 * send window open", correct across DST changes and half- or quarter-hour offsets.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than using one; the gate formats on every decision.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23', // `hour12: false` renders midnight as "24" on some engines
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at `instant`. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? Number.NaN,
    month: parts.month ?? Number.NaN,
    day: parts.day ?? Number.NaN,
    hour: parts.hour ?? Number.NaN,
    minute: parts.minute ?? Number.NaN,
    second: parts.second ?? Number.NaN,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The recipient's calendar date at `instant`, as `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (New York in winter: -5 h). */
function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Kathmandu: +345). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  return offsetMs(instant.getTime(), timeZone) / MINUTE_MS;
}

const HOUR_MS = 60 * MINUTE_MS;
const hourlyOffsets = new Map<string, number | null>();

/**
 * Offset of `timeZone` from UTC in ms during the UTC hour holding `at`, cached per zone and hour
 * for hot loops over millions of instants (zones change offset on the hour); undefined for a
 * zone this runtime does not know.
 */
export function hourlyUtcOffsetMs(timeZone: string, at: number): number | undefined {
  const hour = Math.floor(at / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  let offset = hourlyOffsets.get(key);
  if (offset === undefined) {
    offset = isTimeZone(timeZone) ? offsetMs(hour * HOUR_MS, timeZone) : null;
    if (hourlyOffsets.size > 200_000) hourlyOffsets.clear();
    hourlyOffsets.set(key, offset);
  }
  return offset ?? undefined;
}

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Minutes after midnight of an `HH:MM` time of day. */
export function minutesOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`time of day must be HH:MM (24-hour), got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/**
 * Every instant at which the wall clock in `timeZone` reads `date time`, earliest first:
 * one normally, two in a fall-back hour, none in a spring-forward gap.
 */
function wallTimeInstants(date: string, time: string, timeZone: string): number[] {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d) + minutesOfDay(time) * MINUTE_MS;
  // Offsets never exceed ±14 h, so a day either side brackets the instant and any transition
  // near it; real zones never change offset twice within two days.
  const offsets = new Set([offsetMs(wall - DAY_MS, timeZone), offsetMs(wall + DAY_MS, timeZone)]);
  return [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
}

/**
 * The UTC instant of wall-clock `time` on `date` in `timeZone`. A time skipped by a
 * spring-forward change (02:30 on 2026-03-08 in New York) moves forward to the first instant
 * that exists (03:00 EDT); a time that happens twice in a fall-back hour is the earlier one.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [first] = wallTimeInstants(date, time, timeZone);
  if (first !== undefined) return new Date(first);
  return new Date(firstInstantAtOrAfter(date, time, timeZone));
}

// In a gap the clock jumps from before `wall` to after it: find the jump (to the minute).
function firstInstantAtOrAfter(date: string, time: string, timeZone: string): number {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d) + minutesOfDay(time) * MINUTE_MS;
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  let lo = (wall - Math.max(before, after)) / MINUTE_MS; // reads before `wall`
  let hi = (wall - Math.min(before, after)) / MINUTE_MS; // reads after `wall`
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const reads = mid * MINUTE_MS + offsetMs(mid * MINUTE_MS, timeZone);
    if (reads >= wall) hi = mid;
    else lo = mid;
  }
  return hi * MINUTE_MS;
}

/** The instant the recipient's calendar day containing `instant` began (local midnight). */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  return zonedTimeToUtc(localDate(instant, timeZone), '00:00', timeZone);
}

/**
 * When a daily window [`start`, `end`) in `timeZone` next allows a send: `instant` itself when
 * it is inside, today's start when earlier in the day, else tomorrow's start. `start` after
 * `end` is a window across midnight; `start` equal to `end` is open all day.
 */
export function nextWindowStart(instant: Date, timeZone: string, start: string, end: string): Date {
  const from = minutesOfDay(start);
  const to = minutesOfDay(end);
  const p = localParts(instant, timeZone);
  const now = p.hour * 60 + p.minute;
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (inside) return new Date(instant.getTime());
  const today = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  const day = from < to && now >= to ? addDays(today, 1) : today;
  // In a repeated fall-back hour today's start may already have passed once: take the next one.
  const next = wallTimeInstants(day, start, timeZone).find((t) => t > instant.getTime());
  return next !== undefined ? new Date(next) : zonedTimeToUtc(day, start, timeZone);
}
