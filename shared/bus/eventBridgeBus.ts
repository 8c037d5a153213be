import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DOMAIN_EVENT_SOURCE, type DomainEvent } from '../../events/domain.js';
import type { DomainBus } from './domainBus.js';

const PUT_EVENTS_LIMIT = 10;

export class EventBridgeBus implements DomainBus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += PUT_EVENTS_LIMIT) {
      const result = await this.client.send(
        new PutEventsCommand({
          Entries: events.slice(start, start + PUT_EVENTS_LIMIT).map((e) => ({
            EventBusName: this.busName,
            Source: DOMAIN_EVENT_SOURCE,
            DetailType: e.detailType,
            Detail: JSON.stringify(e.detail),
          })),
        }),
      );
      if (result.FailedEntryCount)
        throw new Error(`EventBridge refused ${result.FailedEntryCount} domain event(s)`);
    }
  }
}
