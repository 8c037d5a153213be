import type { CanonicalEvent } from '../../events/index.js';

export interface ReplayPorts {
  /** Every event that arrived on one UTC day, in arrival order (the byDay index). */
  eventsReceivedOn(day: string): Promise<CanonicalEvent[]>;
  /** Puts events back on the events queue, unchanged: same ids, so every effect is keyed as before. */
  enqueue(events: readonly CanonicalEvent[]): Promise<void>;
  progress?: (line: string) => void;
}

export interface ReplaySummary {
  from: string;
  to: string;
  days: number;
  replayed: number;
  byType: Record<string, number>;
}

/** Events are put back this many at a time, so a long window streams instead of piling up. */
const ENQUEUE_CHUNK = 500;
const DAY_MS = 86_400_000;

/**
 * Re-publishes the stored canonical events that arrived in [from, to) through the processor.
 * Nothing is rewritten: the processor keys every effect by event id (identity, consent ledger,
 * replies through the send request ledger, alerts), so a replay repairs what a bug or an outage
 * left undone and changes nothing that was already done. One day is read at a time.
 */
export async function replayEvents(
  window: { from: Date; to: Date },
  ports: ReplayPorts,
): Promise<ReplaySummary> {
  const { from, to } = window;
  if (!(from.getTime() < to.getTime())) {
    throw new RangeError(`--from must be before --to (got ${from.toISOString()} .. ${to.toISOString()})`);
  }
  const summary: ReplaySummary = {
    from: from.toISOString(),
    to: to.toISOString(),
    days: 0,
    replayed: 0,
    byType: {},
  };
  const lo = summary.from;
  const hi = summary.to;
  for (
    let day = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    day < to.getTime();
    day += DAY_MS
  ) {
    const date = new Date(day).toISOString().slice(0, 10);
    const events = (await ports.eventsReceivedOn(date)).filter(
      (e) => e.receivedAt >= lo && e.receivedAt < hi,
    );
    for (let start = 0; start < events.length; start += ENQUEUE_CHUNK) {
      await ports.enqueue(events.slice(start, start + ENQUEUE_CHUNK));
    }
    for (const event of events) summary.byType[event.type] = (summary.byType[event.type] ?? 0) + 1;
    summary.days += 1;
    summary.replayed += events.length;
    ports.progress?.(`replay: ${date}: ${events.length} event(s) re-published (${summary.replayed} so far)`);
  }
  return summary;
}
