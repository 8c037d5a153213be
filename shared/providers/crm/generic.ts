import type { EventType } from '../../../events/index.js';
import { normalizeGeneric } from '../genericPayload.js';
import { verifyGeneric } from '../genericSignature.js';
import type { WebhookProvider } from '../provider.js';

/** What a CRM or billing system may post: CRM objects, pipeline outcomes, meetings and revenue. */
const CRM_TYPES: readonly EventType[] = [
  'crm.contact.upserted',
  'crm.account.upserted',
  'opportunity.created',
  'opportunity.stage_changed',
  'opportunity.closed',
  'lead.qualified',
  'meeting.booked',
  'meeting.attended',
  'order.placed',
  'invoice.paid',
  'subscription.renewed',
  'subscription.expanded',
  'subscription.churned',
];

/**
 * Any CRM or commerce system we have no adapter for, posting our documented JSON envelope
 * (`{"events": [{"id", "type", …}]}`) with our HMAC signature. Ids pass through as the sender
 * sends them: it owns its namespace.
 * @see shared/providers/genericSignature.ts for the signature scheme
 */
export const genericCrm: WebhookProvider = {
  family: 'crm',
  vendor: 'generic',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifyGeneric(request, secrets.GENERIC_WEBHOOK_SECRET, now),
  normalize: (request) => normalizeGeneric(request, CRM_TYPES),
};
