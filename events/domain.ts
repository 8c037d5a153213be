import { z } from 'zod';
import { type CanonicalEvent, CanonicalEventSchema } from './index.js';

/** EventBridge `source` of every domain event we publish. */
export const DOMAIN_EVENT_SOURCE = 'sms-revenue';

/** Canonical types that are business outcomes (what attribution credits). */
export const OUTCOME_TYPES = [
  'opportunity.created',
  'opportunity.stage_changed',
  'opportunity.closed',
  'meeting.booked',
  'meeting.attended',
  'order.placed',
  'invoice.paid',
  'lead.qualified',
  'subscription.renewed',
  'subscription.expanded',
  'subscription.churned',
] as const satisfies readonly CanonicalEvent['type'][];

/** Domain events on the bus: detail-type -> detail schema. Detail carries the canonical event. */
export const DomainEventSchemas = {
  InboundMessageReceived: z.object({ event: CanonicalEventSchema }),
  OutcomeRecorded: z.object({ event: CanonicalEventSchema }),
  ConsentChanged: z.object({ event: CanonicalEventSchema }),
  /** A high-intent reply or click, routed; the intent-alert rule posts it to Slack. */
  IntentDetected: z.object({ event: CanonicalEventSchema }),
} as const;

export type DomainEventType = keyof typeof DomainEventSchemas;
export interface DomainEvent {
  detailType: DomainEventType;
  detail: z.infer<(typeof DomainEventSchemas)[DomainEventType]>;
}
