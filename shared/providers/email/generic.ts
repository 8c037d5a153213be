import type { EventType } from '../../../events/index.js';
import { normalizeGeneric } from '../genericPayload.js';
import { verifyGeneric } from '../genericSignature.js';
import type { WebhookProvider } from '../provider.js';

const EMAIL_TYPES: readonly EventType[] = [
  'email.sent',
  'email.delivered',
  'email.opened',
  'email.clicked',
  'email.bounced',
  'email.unsubscribed',
];

/**
 * Any email sender we have no adapter for, posting our documented JSON (`{"events": [...]}`, each
 * item a canonical `email.*` draft with the sender's own `id`) with our HMAC signature: see
 * {@link verifyGeneric} for the signature and {@link normalizeGeneric} for the envelope.
 */
export const genericEmail: WebhookProvider = {
  family: 'email',
  vendor: 'generic',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifyGeneric(request, secrets.GENERIC_WEBHOOK_SECRET, now),
  normalize: (request) => normalizeGeneric(request, EMAIL_TYPES),
};
