import { newRunId } from '../../jobs/days.js';
import type { EventStore } from '../../store/eventStore.js';
import type { ObjectStore } from '../objectStore.js';
import { replacePartition } from '../partitions.js';
import { requirePiiSalt } from '../pii.js';
import { EXPORTED_TABLES, rowsForEvents } from './rowsFor.js';
import type { JobLease, WatermarkStore } from './watermark.js';

/**
 * (schedule) canonical events by arrival day -> events, consent_ledger, send_decisions
 * partitions `lake/<table>/dt=<day>/`.
 *
 * A partition is the UTC day events ARRIVED (receivedAt), so re-exporting a day rewrites it
 * completely from the byDay index: reruns never duplicate, and an event that arrives late for
 * the day it happened lands in today's partition, which the next run writes.
 */
export interface LakeExportPorts {
  events: Pick<EventStore, 'eventsReceivedOn'>;
  store: ObjectStore;
  watermark: WatermarkStore;
  lease: JobLease;
  /** LAKE_PII_SALT from the vendor secrets: without it nothing is read or written. */
  salt: string | undefined;
  now: () => Date;
  /** Called with one line per day when someone watches (`npm run job`). */
  progress?: (line: string) => void;
}

export interface LakeExportOptions {
  /** First arrival day to export. @default the watermark's day, or FIRST_RUN_DAYS before today */
  from?: string;
  /** Last arrival day to export. @default today (UTC) */
  to?: string;
  /** Names this run's part files. @default a timestamp and a random suffix */
  runId?: string;
}

export interface LakeExportSummary {
  runId: string;
  days: string[];
  events: number;
  rows: Record<string, number>;
  /** The watermark day after the run. */
  watermark?: string;
  /** Why nothing was exported (another run holds the lease). */
  skipped?: string;
}

/** Without a watermark the first run looks back this far; older days need `--from`. */
export const FIRST_RUN_DAYS = 30;
/**
 * An event stamped just before midnight can reach the byDay index (eventually consistent)
 * after a run that already moved on: the watermark stays on a day until this long after it
 * ended, so the next run re-reads it.
 */
export const SETTLE_MS = 15 * 60_000;
/** Longer than one day takes to export; renewed before each day. */
export const LEASE_MS = 15 * 60_000;

const DAY_MS = 86_400_000;
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

function assertDay(day: string, name: string): void {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms) || utcDay(new Date(ms)) !== day) {
    throw new Error(`${name} must be a calendar date like 2026-11-25, got "${day}"`);
  }
}

/** The days from `from` through `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    days.push(utcDay(new Date(ms)));
  }
  return days;
}

/**
 * Exports each arrival day from the watermark's day (or `from`) through today (or `to`): reads
 * the day's events, maps them to rows (phones and emails hashed) and replaces each exported
 * table's partition for that day. The watermark moves after each day, only forward, and only
 * when the run started at or before it (a `--from` later than the watermark leaves a gap it
 * must not skip).
 */
export async function exportLake(
  ports: LakeExportPorts,
  options: LakeExportOptions = {},
): Promise<LakeExportSummary> {
  const salt = requirePiiSalt(ports.salt);
  const started = ports.now();
  const today = utcDay(started);
  if (options.from) assertDay(options.from, 'from');
  if (options.to) assertDay(options.to, 'to');
  const mark = await ports.watermark.read();
  const from = options.from ?? mark?.day ?? utcDay(new Date(started.getTime() - FIRST_RUN_DAYS * DAY_MS));
  const to = options.to ?? today;
  if (from > to) throw new Error(`from (${from}) is after to (${to})`);
  const contiguous = !mark || from <= mark.day;
  const settled = utcDay(new Date(started.getTime() - SETTLE_MS));

  const runId = options.runId ?? newRunId(started);
  const rows: Record<string, number> = Object.fromEntries(EXPORTED_TABLES.map((t) => [t.name, 0]));
  const summary: LakeExportSummary = { runId, days: [], events: 0, rows, watermark: mark?.day };

  const lease = await ports.lease.acquire(runId, started, LEASE_MS);
  if (!lease.acquired) {
    const skipped = `another lake export (${lease.heldBy}) is running until ${lease.until}`;
    ports.progress?.(`lake-export: skipped: ${skipped}`);
    return { ...summary, skipped };
  }
  try {
    for (const day of daysBetween(from, to)) {
      const dayStarted = performance.now();
      const renewed = await ports.lease.acquire(runId, ports.now(), LEASE_MS);
      if (!renewed.acquired) throw new Error(`lake export ${runId} lost its lease to ${renewed.heldBy}`);
      const events = await ports.events.eventsReceivedOn(day);
      const dayRows = rowsForEvents(events, salt);
      for (const table of EXPORTED_TABLES) {
        const tableRows = dayRows[table.name] ?? [];
        await replacePartition(ports.store, table, day, tableRows, runId);
        rows[table.name] = (rows[table.name] ?? 0) + tableRows.length;
      }
      summary.days.push(day);
      summary.events += events.length;
      if (contiguous) {
        // The earlier of the two days (YYYY-MM-DD sorts by date).
        const through = [day, settled].sort()[0]!;
        const at = ports.now().toISOString();
        if (await ports.watermark.advance({ day: through, runId, at })) summary.watermark = through;
      }
      const counts = EXPORTED_TABLES.map((t) => `${t.name} ${dayRows[t.name]?.length ?? 0}`).join(', ');
      ports.progress?.(
        `lake-export ${day}: ${events.length} events -> ${counts} (${Math.round(performance.now() - dayStarted)} ms)`,
      );
    }
  } finally {
    await ports.lease.release(runId);
  }
  return summary;
}
