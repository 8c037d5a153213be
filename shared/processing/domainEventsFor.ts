import { type DomainEvent, OUTCOME_TYPES } from '../../events/domain.js';
import type { CanonicalEvent } from '../../events/index.js';

/** Which domain events a canonical event announces on the bus. Pure. */
export function domainEventsFor(event: CanonicalEvent): DomainEvent[] {
  if (event.type === 'message.received') return [{ detailType: 'InboundMessageReceived', detail: { event } }];
  if (event.type === 'consent.changed') return [{ detailType: 'ConsentChanged', detail: { event } }];
  if (event.type === 'intent.detected') return [{ detailType: 'IntentDetected', detail: { event } }];
  if ((OUTCOME_TYPES as readonly string[]).includes(event.type)) {
    return [{ detailType: 'OutcomeRecorded', detail: { event } }];
  }
  return [];
}
