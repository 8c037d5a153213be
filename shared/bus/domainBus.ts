import type { DomainEvent } from '../../events/domain.js';

/** Publishes domain events (EventBridge in AWS, an in-process router locally). */
export interface DomainBus {
  publish(events: readonly DomainEvent[]): Promise<void>;
}
