import type { CanonicalEvent } from '../../events/index.js';
import type { Link, LinkStore } from '../../shared/links/link.js';
import type { EventQueue } from '../../shared/queue/eventQueue.js';
import type { EventStore, RecordOutcome, TimelineKey } from '../../shared/store/eventStore.js';

/** In-memory EventStore for unit tests; integration tests use DynamoEventStore on dynalite. */
export class MemoryEventStore implements EventStore {
  readonly items = new Map<string, { event: CanonicalEvent; enqueued: boolean }>();

  async record(event: CanonicalEvent): Promise<RecordOutcome> {
    const existing = this.items.get(event.eventId);
    if (existing) return { created: false, enqueued: existing.enqueued };
    this.items.set(event.eventId, { event, enqueued: false });
    return { created: true, enqueued: false };
  }

  async markEnqueued(eventIds: readonly string[]): Promise<void> {
    for (const id of eventIds) {
      const item = this.items.get(id);
      if (item) item.enqueued = true;
    }
  }

  async get(eventId: string): Promise<CanonicalEvent | undefined> {
    return this.items.get(eventId)?.event;
  }

  async timeline(key: TimelineKey): Promise<CanonicalEvent[]> {
    return [...this.items.values()]
      .map((i) => i.event)
      .filter((e) => ('phone' in key ? e.phone === key.phone : e.contactId === key.contactId))
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }
}

export class MemoryQueue implements EventQueue {
  readonly sent: CanonicalEvent[] = [];
  failNext = 0;

  async enqueue(events: readonly CanonicalEvent[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('queue unavailable');
    }
    this.sent.push(...events);
  }
}

export class MemoryLinkStore implements LinkStore {
  readonly links = new Map<string, Link>();
  readonly claims = new Map<string, string>();
  async save(link: Link, requestKey?: string): Promise<Link> {
    const claimed = requestKey ? this.claims.get(requestKey) : undefined;
    if (claimed) return this.links.get(claimed)!;
    if (requestKey) this.claims.set(requestKey, link.code);
    this.links.set(link.code, link);
    return link;
  }
  async find(code: string): Promise<Link | undefined> {
    return this.links.get(code);
  }
}
