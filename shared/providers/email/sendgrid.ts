import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { z } from 'zod';
import type { EventDraft } from '../../../events/index.js';
import { withinWindow } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { secretList } from '../../secrets/vendorSecrets.js';
import { parseJsonBody } from '../genericPayload.js';
import type { WebhookProvider } from '../provider.js';

/** SendGrid's library checks no time at all; we refuse replays older than five minutes. */
export const SENDGRID_TOLERANCE_SECONDS = 300;

const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The settings page shows the key as base64 SPKI DER; a PEM block is accepted too. */
function p256PublicKey(value: string): KeyObject {
  try {
    const key = value.startsWith('-----BEGIN')
      ? createPublicKey(value)
      : createPublicKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('not a P-256 key');
    return key;
  } catch (cause) {
    throw new SignatureInvalidError('SENDGRID_VERIFICATION_KEY is not a P-256 public key', { cause });
  }
}

/**
 * The Signed Event Webhook: ECDSA P-256 / SHA-256 over `<timestamp><raw body>`, the DER signature
 * base64 in `X-Twilio-Email-Event-Webhook-Signature`. Several keys may be configured
 * (comma-separated) so the key can be regenerated without a window where valid calls fail.
 */
export function verifySendgrid(request: WebhookRequest, keysValue: string | undefined, now: Date): void {
  const keys = secretList(keysValue).map(p256PublicKey);
  if (keys.length === 0) throw new SignatureInvalidError('SENDGRID_VERIFICATION_KEY is not configured');
  const signatureHeader = request.headers[SIGNATURE_HEADER];
  const timestampHeader = request.headers[TIMESTAMP_HEADER];
  if (!signatureHeader || !timestampHeader) {
    throw new SignatureInvalidError(`missing ${SIGNATURE_HEADER} or ${TIMESTAMP_HEADER} header`);
  }
  if (!/^\d{1,12}$/.test(timestampHeader)) {
    throw new SignatureInvalidError(`${TIMESTAMP_HEADER} must be unix seconds`);
  }
  if (!withinWindow(Number(timestampHeader), now, SENDGRID_TOLERANCE_SECONDS)) {
    throw new SignatureInvalidError(`${TIMESTAMP_HEADER} is outside the 5-minute window`);
  }
  if (!STRICT_BASE64.test(signatureHeader)) {
    throw new SignatureInvalidError(`${SIGNATURE_HEADER} is not base64`);
  }
  const signature = Buffer.from(signatureHeader, 'base64');
  const signed = Buffer.concat([Buffer.from(timestampHeader), request.rawBody]);
  const match = keys.some((key) => {
    try {
      return verify('sha256', signed, { key, dsaEncoding: 'der' }, signature);
    } catch {
      return false; // not a DER ECDSA signature at all
    }
  });
  if (!match) throw new SignatureInvalidError(`${SIGNATURE_HEADER} does not match the body`);
}

/** One item of the posted array: SendGrid's fields plus the custom args, flattened beside them. */
const SendgridEventSchema = z.looseObject({
  event: z.string().min(1),
  email: z.string(),
  timestamp: z.number().int().positive(),
  sg_event_id: z.string().min(1),
  sg_message_id: z.string().min(1).optional(),
  'smtp-id': z.string().optional(),
  url: z.string().optional(),
  sg_machine_open: z.boolean().optional(),
  type: z.string().optional(),
  reason: z.string().optional(),
});
type SendgridEvent = z.infer<typeof SendgridEventSchema>;

const SendgridBatchSchema = z.array(z.looseObject({ event: z.string() }));

const MODELLED = [
  'processed',
  'delivered',
  'open',
  'click',
  'bounce',
  'dropped',
  'unsubscribe',
  'group_unsubscribe',
  'spamreport',
];

const EmailSchema = z.email();

/**
 * Campaign identity travels as `custom_args` on the send (`programId`, `campaignId`, `workflowId`,
 * `step`, `templateId`, `variant`, `utm_source` … `utm_term`); SendGrid echoes them as top-level
 * fields of every event. Custom arg values are strings, so `step` arrives as "2". A dynamic
 * template's `sg_template_id` stands in when no `templateId` was set.
 */
export function touchFromCustomArgs(event: Record<string, unknown>) {
  const text = (key: string) => {
    const value = event[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const step = text('step');
  const workflowId = text('workflowId');
  const campaignId = text('campaignId');
  const utm = {
    source: text('utm_source'),
    medium: text('utm_medium'),
    campaign: text('utm_campaign'),
    content: text('utm_content'),
    term: text('utm_term'),
  };
  return {
    programId: text('programId'),
    kind: workflowId ? ('flow' as const) : campaignId ? ('campaign' as const) : undefined,
    campaignId,
    workflowId,
    step: step && /^\d{1,6}$/.test(step) ? Number(step) : undefined,
    templateId: text('templateId') ?? text('sg_template_id'),
    variant: text('variant'),
    utm: Object.values(utm).some(Boolean) ? utm : undefined,
  };
}

/** A drop is a hard failure when the address itself is bad, otherwise a block by suppression. */
function dropType(reason: string | undefined): 'hard' | 'blocked' {
  return /bounced address|invalid/i.test(reason ?? '') ? 'hard' : 'blocked';
}

function toDraft(item: SendgridEvent, index: number): EventDraft | undefined {
  const messageId = item.sg_message_id ?? item['smtp-id'];
  if (!messageId) throw new MalformedPayloadError(`[${index}] has neither sg_message_id nor smtp-id`);
  // A dropped "Invalid" event carries whatever string was sent; it is not an identity key then.
  const email = EmailSchema.safeParse(item.email).success ? item.email : undefined;
  const touch = {
    source: 'sendgrid' as const,
    // sg_event_id is SendGrid's id for this one event and is kept across its retries.
    vendorRef: item.sg_event_id,
    occurredAt: new Date(item.timestamp * 1000).toISOString(),
    ...(email ? { email } : {}),
    ...touchFromCustomArgs(item),
    channel: 'email' as const,
    messageId,
  };
  switch (item.event) {
    case 'processed':
      return { ...touch, type: 'email.sent' };
    case 'delivered':
      return { ...touch, type: 'email.delivered' };
    case 'open':
      return { ...touch, type: 'email.opened', machineOpen: item.sg_machine_open === true };
    case 'click':
      if (!item.url) throw new MalformedPayloadError(`[${index}] click event without url`);
      return { ...touch, type: 'email.clicked', destination: item.url };
    case 'bounce':
      return {
        ...touch,
        type: 'email.bounced',
        bounceType: item.type === 'blocked' ? 'blocked' : 'hard',
        reason: item.reason,
      };
    case 'dropped':
      return { ...touch, type: 'email.bounced', bounceType: dropType(item.reason), reason: item.reason };
    case 'unsubscribe':
      return { ...touch, type: 'email.unsubscribed', scope: 'all' };
    case 'group_unsubscribe':
      return { ...touch, type: 'email.unsubscribed', scope: 'group' };
    case 'spamreport':
      // A complaint is the strongest "stop": SendGrid itself suppresses the address from then on,
      // so it is an unsubscribe from all our email, not a bounce.
      return { ...touch, type: 'email.unsubscribed', scope: 'all' };
    default:
      return undefined;
  }
}

function normalizeSendgrid(request: WebhookRequest): EventDraft[] {
  const batch = SendgridBatchSchema.safeParse(parseJsonBody(request));
  if (!batch.success) throw new MalformedPayloadError('expected a JSON array of SendGrid events');
  return batch.data.flatMap((raw, index) => {
    // deferred, group_resubscribe and account events are not facts we model.
    if (!MODELLED.includes(raw.event)) return [];
    const parsed = SendgridEventSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MalformedPayloadError(`[${index}].${issue?.path.join('.')}: ${issue?.message}`);
    }
    const draft = toDraft(parsed.data, index);
    return draft ? [draft] : [];
  });
}

/**
 * SendGrid Event Webhook (signed): a JSON array of delivery and engagement events mapped to the
 * `email.*` canonical events. `messageId` is `sg_message_id`, whose part before the first `.` is the
 * `X-Message-Id` the send API returned. Campaign identity comes from custom args
 * (see {@link touchFromCustomArgs}).
 * @see https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
 * @see https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
 */
export const sendgrid: WebhookProvider = {
  family: 'email',
  vendor: 'sendgrid',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifySendgrid(request, secrets.SENDGRID_VERIFICATION_KEY, now),
  normalize: normalizeSendgrid,
};
