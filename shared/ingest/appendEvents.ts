import type { CanonicalEvent } from '../../events/index.js';
import type { EventQueue } from '../queue/eventQueue.js';
import type { EventStore, RecordedEvent, RecordOutcome } from '../store/eventStore.js';

/**
 * Stores events idempotently, then enqueues those not yet known to be on the queue.
 * A crash between the write and the enqueue is healed by the vendor's retry: the replay finds
 * the event stored but not enqueued, and enqueues it. Returns how many events were new.
 * An event repeated inside one delivery is one event: stored, enqueued and counted once.
 */
export async function appendEvents(
  events: readonly CanonicalEvent[],
  ports: { events: EventStore; queue: EventQueue },
): Promise<number> {
  const unique = [...new Map(events.map((event) => [event.eventId, event])).values()];
  // Each write is its own conditional put (the guard against a concurrent delivery), so they
  // may run side by side; the batching is in markEnqueued. All settle before a failure is
  // thrown, so no write of this delivery is still in flight when its retry arrives.
  const settled = await Promise.allSettled(unique.map((event) => ports.events.record(event)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  const outcomes = settled.map((s) => (s as PromiseFulfilledResult<RecordOutcome>).value);
  const pending: RecordedEvent[] = [];
  unique.forEach((event, i) => {
    const outcome = outcomes[i]!;
    if (!outcome.enqueued) pending.push({ event, created: outcome.created });
  });
  if (pending.length > 0) {
    await ports.queue.enqueue(pending.map((r) => r.event));
    await ports.events.markEnqueued(pending);
  }
  return outcomes.filter((o) => o.created).length;
}
