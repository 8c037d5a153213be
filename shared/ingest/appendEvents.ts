import type { CanonicalEvent } from '../../events/index.js';
import type { EventQueue } from '../queue/eventQueue.js';
import type { EventStore } from '../store/eventStore.js';

/**
 * Stores events idempotently, then enqueues those not yet known to be on the queue.
 * A crash between the write and the enqueue is healed by the vendor's retry: the replay finds
 * the event stored but not enqueued, and enqueues it. Returns how many events were new.
 */
export async function appendEvents(
  events: readonly CanonicalEvent[],
  ports: { events: EventStore; queue: EventQueue },
): Promise<number> {
  const pending: CanonicalEvent[] = [];
  let created = 0;
  for (const event of events) {
    const outcome = await ports.events.record(event);
    if (outcome.created) created += 1;
    if (!outcome.enqueued) pending.push(event);
  }
  if (pending.length > 0) {
    await ports.queue.enqueue(pending);
    await ports.events.markEnqueued(pending.map((e) => e.eventId));
  }
  return created;
}
