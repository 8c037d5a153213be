import type { CanonicalEvent } from '../../events/index.js';
import type {
  ExportWatermark,
  JobLease,
  LeaseResult,
  WatermarkStore,
} from '../../shared/lake/export/watermark.js';
import type { ObjectStore } from '../../shared/lake/objectStore.js';
import type { Link, LinkStore } from '../../shared/links/link.js';
import type { EventQueue } from '../../shared/queue/eventQueue.js';
import type { EventStore, RecordedEvent, RecordOutcome, TimelineKey } from '../../shared/store/eventStore.js';

/** In-memory EventStore for unit tests; integration tests use DynamoEventStore on dynalite. */
export class MemoryEventStore implements EventStore {
  readonly items = new Map<string, { event: CanonicalEvent; enqueued: boolean }>();

  async record(event: CanonicalEvent): Promise<RecordOutcome> {
    const existing = this.items.get(event.eventId);
    if (existing) return { created: false, enqueued: existing.enqueued };
    this.items.set(event.eventId, { event, enqueued: false });
    return { created: true, enqueued: false };
  }

  async markEnqueued(recorded: readonly RecordedEvent[]): Promise<void> {
    for (const { event } of recorded) {
      const item = this.items.get(event.eventId);
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

  async eventsReceivedOn(day: string): Promise<CanonicalEvent[]> {
    return [...this.items.values()]
      .map((i) => i.event)
      .filter((e) => e.receivedAt.slice(0, 10) === day)
      .sort((a, b) => `${a.receivedAt}#${a.eventId}`.localeCompare(`${b.receivedAt}#${b.eventId}`));
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

/** The lake bucket in memory: keys to bytes, listed sorted like S3. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, body);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key);
  }
  async list(prefix: string): Promise<string[]> {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.objects.delete(key);
  }
}

/** A job's watermark and lease in memory, with the DynamoDB adapter's rules. */
export class MemoryJobState implements WatermarkStore, JobLease {
  mark: ExportWatermark | undefined;
  lease: { runId: string; until: number } | undefined;
  async read(): Promise<ExportWatermark | undefined> {
    return this.mark;
  }
  async advance(mark: ExportWatermark): Promise<boolean> {
    if (this.mark && this.mark.day > mark.day) return false;
    this.mark = mark;
    return true;
  }
  async acquire(runId: string, now: Date, ttlMs: number): Promise<LeaseResult> {
    if (this.lease && this.lease.runId !== runId && this.lease.until >= now.getTime()) {
      return { acquired: false, heldBy: this.lease.runId, until: new Date(this.lease.until).toISOString() };
    }
    this.lease = { runId, until: now.getTime() + ttlMs };
    return { acquired: true };
  }
  async release(runId: string): Promise<void> {
    if (this.lease?.runId === runId) this.lease = undefined;
  }
}
