import { z } from 'zod';
import type { EventDraft } from '../../../events/index.js';
import { safeEqual } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import type { VendorSecrets } from '../../secrets/vendorSecrets.js';
import { parseJsonBody } from '../genericPayload.js';
import type { WebhookProvider } from '../provider.js';
import {
  isoTime,
  requiredPhone,
  segmentCount,
  senderAddress,
  type TouchIdentity,
  touchIdentity,
} from './smsCallback.js';

/** Bandwidth error 4775: the carrier rejected the message because the user opted out. */
const OPTED_OUT = 4775;

const MessageSchema = z.looseObject({
  id: z.string().min(1),
  owner: z.string().optional(),
  applicationId: z.string().optional(),
  time: z.string().optional(),
  segmentCount: z.number().int().optional(),
  direction: z.string().optional(),
  to: z.array(z.string()).default([]),
  from: z.string().min(1),
  text: z.string().default(''),
  media: z.array(z.string()).default([]),
  tag: z.string().optional(),
  priority: z.string().optional(),
});

const CallbackSchema = z.looseObject({
  type: z.string(),
  time: z.string(),
  description: z.string().optional(),
  to: z.string().optional(),
  errorCode: z.union([z.number(), z.string()]).optional(),
  message: MessageSchema,
});
type Callback = z.infer<typeof CallbackSchema>;

const MODELLED_TYPES = ['message-received', 'message-sending', 'message-delivered', 'message-failed'];

/** Bandwidth posts a JSON array; only its events of types we model must follow the full schema. */
const EnvelopeSchema = z.array(z.looseObject({ type: z.string() })).min(1);

/**
 * HTTP Basic credentials set on the Bandwidth messaging application (callback user and
 * password). Both halves are compared, in constant time, whatever the first one says.
 */
function verifyBandwidth(request: WebhookRequest, secrets: VendorSecrets): void {
  const { BANDWIDTH_USERNAME: username, BANDWIDTH_PASSWORD: password } = secrets;
  if (!username || !password) {
    throw new SignatureInvalidError('BANDWIDTH_USERNAME and BANDWIDTH_PASSWORD are not configured');
  }
  const encoded = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!encoded) throw new SignatureInvalidError('missing Basic Authorization header');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // A password may contain ':' but a user id may not, so the first colon separates them.
  const checks = [
    safeEqual(decoded.slice(0, colon === -1 ? decoded.length : colon), username),
    safeEqual(colon === -1 ? '' : decoded.slice(colon + 1), password),
  ];
  if (colon === -1 || !checks.every(Boolean)) {
    throw new SignatureInvalidError('Basic credentials do not match the configured Bandwidth callback user');
  }
}

/**
 * Touch identity rides in `message.tag` as a JSON object our send gate writes, e.g.
 * `{"programId":"renewals","kind":"flow","workflowId":"wf_renewal_30d","step":2}`. JSON was
 * chosen over `key=value;…` because ids may contain `;` or `=` and JSON needs no escaping
 * rules of our own. A tag that is not a JSON object was set by someone else and carries none.
 */
function tagIdentity(tag: string | undefined): TouchIdentity {
  if (!tag?.trimStart().startsWith('{')) return {};
  let decoded: unknown;
  try {
    decoded = JSON.parse(tag);
  } catch {
    return {};
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) return {};
  return touchIdentity(decoded as Record<string, unknown>, 'message.tag');
}

function toDraft(callback: Callback): EventDraft {
  const { message } = callback;
  const occurredAt = isoTime(callback.time, `${callback.type} time`);
  if (callback.type === 'message-received') {
    const from = requiredPhone(message.from, 'message.from');
    return {
      type: 'message.received',
      source: 'bandwidth',
      vendorRef: `${message.id}:${callback.type}`,
      occurredAt,
      phone: from,
      channel: 'sms',
      messageId: message.id,
      from,
      // For an inbound group message `owner` is the one of our numbers this copy belongs to.
      to: senderAddress(callback.to ?? message.owner ?? message.to[0] ?? ''),
      body: message.text,
      mediaUrls: message.media,
    };
  }
  const to = requiredPhone(callback.to ?? message.to[0], 'to');
  const segments = segmentCount(message.segmentCount);
  const cost = segments ? { cost: { segments } } : {};
  const common = {
    source: 'bandwidth' as const,
    // A group message gets one callback per recipient under the same message id.
    vendorRef: `${message.id}:${callback.type}${message.to.length > 1 ? `:${to}` : ''}`,
    occurredAt,
    phone: to,
    channel: 'sms' as const,
    messageId: message.id,
    ...tagIdentity(message.tag),
    to,
  };
  switch (callback.type) {
    case 'message-sending':
      return { ...common, type: 'message.sent', from: senderAddress(message.from), ...cost };
    case 'message-delivered':
      return { ...common, type: 'message.delivered', ...cost };
    default: {
      const code = callback.errorCode;
      return {
        ...common,
        type: 'message.failed',
        ...(code !== undefined ? { errorCode: String(code) } : {}),
        ...(callback.description ? { errorMessage: callback.description } : {}),
        carrierOptOut: Number(code) === OPTED_OUT,
      };
    }
  }
}

function normalizeBandwidth(request: WebhookRequest): EventDraft[] {
  const envelope = EnvelopeSchema.safeParse(parseJsonBody(request));
  if (!envelope.success) throw new MalformedPayloadError('expected a JSON array of Bandwidth message events');
  return envelope.data.flatMap((item, index) => {
    if (!MODELLED_TYPES.includes(item.type)) return []; // e.g. message-read: no fact we model
    const callback = CallbackSchema.safeParse(item);
    if (!callback.success) {
      const issue = callback.error.issues[0];
      throw new MalformedPayloadError(`[${index}] ${item.type}: ${issue?.path.join('.')} ${issue?.message}`);
    }
    return [toDraft(callback.data)];
  });
}

/**
 * Bandwidth Messaging v2 callbacks: a JSON array of message events (received, sending,
 * delivered, failed), authenticated with the HTTP Basic credentials configured on the
 * messaging application. Event times are Bandwidth's own ISO timestamps.
 * @see https://dev.bandwidth.com/docs/messaging/webhooks
 */
export const bandwidth: WebhookProvider = {
  family: 'sms',
  vendor: 'bandwidth',
  contentTypes: ['application/json'],
  verify: (request, secrets) => verifyBandwidth(request, secrets),
  normalize: normalizeBandwidth,
};
