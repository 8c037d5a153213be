import type { EventType } from '../../../events/index.js';
import { normalizeGeneric } from '../genericPayload.js';
import { verifyGeneric } from '../genericSignature.js';
import type { WebhookProvider } from '../provider.js';

const SMS_TYPES: readonly EventType[] = [
  'message.sent',
  'message.delivered',
  'message.failed',
  'message.received',
  'message.clicked',
];

/** Any SMS vendor we have no adapter for, posting our documented JSON with our HMAC signature. */
export const genericSms: WebhookProvider = {
  family: 'sms',
  vendor: 'generic',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifyGeneric(request, secrets.GENERIC_WEBHOOK_SECRET, now),
  normalize: (request) => normalizeGeneric(request, SMS_TYPES),
};
