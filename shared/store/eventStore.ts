import type { CanonicalEvent } from '../../events/index.js';

export type TimelineKey = { phone: string } | { contactId: string };

/** What happened when an event was recorded. */
export interface RecordOutcome {
  /** False when an event with the same id was already stored (a replay or a retry). */
  created: boolean;
  /** True once the event is known to be on the events queue; a replay re-enqueues until then. */
  enqueued: boolean;
}

/** An event this caller recorded, and whether its own write created the stored item. */
export interface RecordedEvent {
  event: CanonicalEvent;
  created: boolean;
}

/** The canonical event log. Writes are idempotent on `eventId`. */
export interface EventStore {
  record(event: CanonicalEvent): Promise<RecordOutcome>;
  /**
   * Remembers that these events are on the queue. An event the caller created is stored exactly
   * as the caller holds it, so an adapter may rewrite those whole, many per call; one stored by
   * an earlier delivery (another `receivedAt`) must only have its flag set.
   */
  markEnqueued(recorded: readonly RecordedEvent[]): Promise<void>;
  get(eventId: string): Promise<CanonicalEvent | undefined>;
  /** Oldest first. */
  timeline(key: TimelineKey, options?: { limit?: number }): Promise<CanonicalEvent[]>;
  /**
   * Every event that arrived on one UTC day (`receivedAt`, YYYY-MM-DD), in arrival order: what
   * the lake export writes to that day's partitions.
   */
  eventsReceivedOn(day: string): Promise<CanonicalEvent[]>;
}
