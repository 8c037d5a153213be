import type { DomainEvent, DomainEventType } from '../../events/domain.js';
import type { DomainBus } from '../../shared/bus/domainBus.js';

type Target = (event: DomainEvent) => Promise<void>;

/**
 * The laptop stand-in for EventBridge: rules are (detail-type -> target) pairs run in-process.
 * A failing target is logged and does not fail the publisher, as with EventBridge.
 */
export class LocalBus implements DomainBus {
  private readonly rules: Array<{ detailType: DomainEventType; target: Target }> = [];
  readonly counts = new Map<DomainEventType, number>();

  addRule(detailType: DomainEventType, target: Target): void {
    this.rules.push({ detailType, target });
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.counts.set(event.detailType, (this.counts.get(event.detailType) ?? 0) + 1);
      for (const rule of this.rules.filter((r) => r.detailType === event.detailType)) {
        await rule
          .target(event)
          .catch((error: unknown) => console.error(`bus rule ${rule.detailType} failed`, error));
      }
    }
  }
}
