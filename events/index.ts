import { z } from 'zod';
import {
  InvoicePaidSchema,
  OrderPlacedSchema,
  SubscriptionChurnedSchema,
  SubscriptionExpandedSchema,
  SubscriptionRenewedSchema,
} from './commerce.js';
import { deriveEventId, EVENT_VERSION, type Vendor } from './common.js';
import { ConsentChangedSchema, SendDeferredSchema, SendSuppressedSchema } from './consent.js';
import {
  CrmAccountUpsertedSchema,
  CrmContactUpsertedSchema,
  LeadQualifiedSchema,
  MeetingAttendedSchema,
  MeetingBookedSchema,
  OpportunityClosedSchema,
  OpportunityCreatedSchema,
  OpportunityStageChangedSchema,
} from './crm.js';
import {
  EmailBouncedSchema,
  EmailClickedSchema,
  EmailDeliveredSchema,
  EmailOpenedSchema,
  EmailSentSchema,
  EmailUnsubscribedSchema,
} from './email.js';
import {
  AlertClaimedSchema,
  AlertDismissedSchema,
  AlertEscalatedSchema,
  AlertSnoozedSchema,
  IntentDetectedSchema,
} from './intent.js';
import {
  MessageClickedSchema,
  MessageDeliveredSchema,
  MessageFailedSchema,
  MessageReceivedSchema,
  MessageSentSchema,
} from './message.js';

export * from './common.js';

/**
 * Every fact the system knows, as one discriminated union on `type`.
 * @example {"eventId":"evt_…","type":"message.received","v":1,"source":"twilio","vendorRef":"SM…","occurredAt":"2026-11-25T10:00:00.000Z","receivedAt":"2026-11-25T10:00:01.000Z","channel":"sms","messageId":"SM…","from":"+14155550100","to":"+14155550199","body":"Can we talk tomorrow?","mediaUrls":[]}
 */
export const CanonicalEventSchema = z.discriminatedUnion('type', [
  MessageSentSchema,
  MessageDeliveredSchema,
  MessageFailedSchema,
  MessageReceivedSchema,
  MessageClickedSchema,
  ConsentChangedSchema,
  SendSuppressedSchema,
  SendDeferredSchema,
  EmailSentSchema,
  EmailDeliveredSchema,
  EmailOpenedSchema,
  EmailClickedSchema,
  EmailBouncedSchema,
  EmailUnsubscribedSchema,
  CrmContactUpsertedSchema,
  CrmAccountUpsertedSchema,
  OpportunityCreatedSchema,
  OpportunityStageChangedSchema,
  OpportunityClosedSchema,
  LeadQualifiedSchema,
  MeetingBookedSchema,
  MeetingAttendedSchema,
  OrderPlacedSchema,
  InvoicePaidSchema,
  SubscriptionRenewedSchema,
  SubscriptionExpandedSchema,
  SubscriptionChurnedSchema,
  IntentDetectedSchema,
  AlertClaimedSchema,
  AlertSnoozedSchema,
  AlertDismissedSchema,
  AlertEscalatedSchema,
]);

export type CanonicalEvent = z.infer<typeof CanonicalEventSchema>;
export type CanonicalEventInput = z.input<typeof CanonicalEventSchema>;
export type EventType = CanonicalEvent['type'];
export const EVENT_TYPES = CanonicalEventSchema.options.map((o) => o.shape.type.value) as EventType[];

type Draft<T> = T extends unknown ? Omit<T, 'eventId' | 'v' | 'receivedAt'> : never;
/** What a normalizer produces: the event without the fields `canonicalEvent` derives. */
export type EventDraft = Draft<CanonicalEventInput>;

/**
 * Turns a normalizer's draft into a validated canonical event: derives the deterministic
 * `eventId` from (source, type, vendorRef) and stamps `v` and `receivedAt`.
 * Throws a ZodError when the draft breaks the schema.
 */
export function canonicalEvent(draft: EventDraft, receivedAt: Date): CanonicalEvent {
  return CanonicalEventSchema.parse({
    ...draft,
    eventId: deriveEventId(draft.source as Vendor, draft.type, draft.vendorRef),
    v: EVENT_VERSION,
    receivedAt: receivedAt.toISOString(),
  });
}
