import { randomBytes } from 'node:crypto';

/** Calendar days of the scheduled jobs: UTC `YYYY-MM-DD`, the lake's `dt`. */
export const DAY_MS = 86_400_000;

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, days: number): string => utcDay(dayStartMs(day) + days * DAY_MS);

export function assertDay(day: string, name: string): void {
  const ms = dayStartMs(day);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms) || utcDay(ms) !== day) {
    throw new Error(`${name} must be a calendar date like 2026-11-25, got "${day}"`);
  }
}

/**
 * The days a job run covers: `from`..`to` as asked, else its defaults (`to`, and `from` that many
 * days before it). Refuses a reversed range and more days than one run may take (a backfill
 * runs in slices).
 */
export function planDayRange(
  range: { from?: string; to?: string },
  defaults: { to: string; daysBack: number; maxDays: number },
): { from: string; to: string; days: string[] } {
  if (range.from) assertDay(range.from, 'from');
  if (range.to) assertDay(range.to, 'to');
  const to = range.to ?? defaults.to;
  const from = range.from ?? addDays(to, -defaults.daysBack);
  if (from > to) throw new Error(`from (${from}) is after to (${to})`);
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  if (days.length > defaults.maxDays)
    throw new Error(`${days.length} days in one run; at most ${defaults.maxDays}`);
  return { from, to, days };
}

/** Names a run's part files: when it started, and a random suffix so two runs never collide. */
export const newRunId = (now: Date): string =>
  `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
