import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { z } from 'zod';
import type { EventDraft } from '../../../events/index.js';
import { withinWindow } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { toE164 } from '../../phone.js';
import { secretList } from '../../secrets/vendorSecrets.js';
import { parseJsonBody } from '../genericPayload.js';
import type { WebhookProvider } from '../provider.js';

/** The telnyx library (`lib/webhooks`) rejects a `telnyx-timestamp` more than 300 s from its clock, either way. */
export const TELNYX_TOLERANCE_SECONDS = 300;

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(value: string, bytes: number, what: string): Buffer {
  const decoded = STRICT_BASE64.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (decoded.length !== bytes) throw new SignatureInvalidError(`${what} must be ${bytes} bytes of base64`);
  return decoded;
}

/** The portal shows the raw 32-byte Ed25519 key in base64; node:crypto takes it as an OKP JWK. */
function ed25519PublicKey(base64: string): KeyObject {
  const raw = decodeBase64(base64, 32, 'TELNYX_PUBLIC_KEY');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

/**
 * Telnyx API v2 signs `"<telnyx-timestamp>|<raw body>"` with Ed25519 and sends the base64 signature
 * in `telnyx-signature-ed25519`. Several public keys may be configured (comma-separated) so a
 * key can rotate without a window where valid calls fail.
 */
export function verifyTelnyx(request: WebhookRequest, publicKeys: string | undefined, now: Date): void {
  const keys = secretList(publicKeys);
  if (keys.length === 0) throw new SignatureInvalidError('TELNYX_PUBLIC_KEY is not configured');
  const signatureHeader = request.headers['telnyx-signature-ed25519'];
  const timestampHeader = request.headers['telnyx-timestamp'];
  if (!signatureHeader || !timestampHeader) {
    throw new SignatureInvalidError('missing telnyx-signature-ed25519 or telnyx-timestamp header');
  }
  if (!/^\d{1,12}$/.test(timestampHeader)) {
    throw new SignatureInvalidError('telnyx-timestamp must be unix seconds');
  }
  if (!withinWindow(Number(timestampHeader), now, TELNYX_TOLERANCE_SECONDS)) {
    throw new SignatureInvalidError('telnyx-timestamp is outside the 5-minute window');
  }
  const signature = decodeBase64(signatureHeader, 64, 'telnyx-signature-ed25519');
  const signed = Buffer.concat([Buffer.from(`${timestampHeader}|`), request.rawBody]);
  const match = keys.some((key) => verify(null, signed, ed25519PublicKey(key), signature));
  if (!match) throw new SignatureInvalidError('telnyx-signature-ed25519 does not match the body');
}

const AmountSchema = z.union([z.string(), z.number()]).nullish();

/** The message record (MDR) Telnyx puts in `data.payload` of every messaging webhook. */
const TelnyxMessageSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().nullish(),
  from: z.looseObject({ phone_number: z.string().min(1) }),
  to: z.array(z.looseObject({ phone_number: z.string().min(1), status: z.string().nullish() })).min(1),
  text: z.string().nullish(),
  media: z.array(z.looseObject({ url: z.string().nullish() })).nullish(),
  tags: z.array(z.string()).nullish(),
  parts: z.number().int().positive().nullish(),
  cost: z.looseObject({ amount: AmountSchema, currency: z.string().nullish() }).nullish(),
  errors: z
    .array(
      z.looseObject({
        code: z.union([z.string(), z.number()]),
        title: z.string().nullish(),
        detail: z.string().nullish(),
      }),
    )
    .nullish(),
});
type TelnyxMessage = z.infer<typeof TelnyxMessageSchema>;

const TelnyxEnvelopeSchema = z.object({
  data: z.looseObject({
    id: z.string().min(1),
    event_type: z.string().min(1),
    occurred_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'occurred_at must be a date'),
    payload: z.unknown(),
  }),
});

/** Telnyx error 40300: the recipient texted STOP to this sender, so the carrier path is blocked. */
const BLOCKED_BY_STOP = '40300';

const TERMINAL_STATUS: Record<string, 'delivered' | 'failed'> = {
  delivered: 'delivered',
  delivery_failed: 'failed',
  sending_failed: 'failed',
  expired: 'failed',
};

/**
 * Campaign identity rides in the message's `tags` as `key:value` strings set at send time
 * (`program:renewals`, `campaign:spring-2026`, `workflow:onboarding`, `step:2`,
 * `template:tpl_spring_v2`, `variant:personalized`). Other tags are the sender's own and ignored.
 */
export function touchFromTags(tags: readonly string[] | null | undefined) {
  const args = new Map<string, string>();
  for (const tag of tags ?? []) {
    const colon = tag.indexOf(':');
    if (colon > 0) args.set(tag.slice(0, colon).trim().toLowerCase(), tag.slice(colon + 1).trim());
  }
  const value = (key: string) => args.get(key) || undefined;
  const step = value('step');
  const workflowId = value('workflow');
  const campaignId = value('campaign');
  return {
    programId: value('program'),
    kind: workflowId ? ('flow' as const) : campaignId ? ('campaign' as const) : undefined,
    campaignId,
    workflowId,
    step: step && /^\d{1,6}$/.test(step) ? Number(step) : undefined,
    templateId: value('template'),
    variant: value('variant'),
  };
}

/** Telnyx prices are decimal strings in major units; the canonical cost is integer minor units. */
function cost(message: TelnyxMessage) {
  const currency = message.cost?.currency?.toUpperCase();
  const amount = Number(message.cost?.amount ?? Number.NaN);
  const hasPrice = currency !== undefined && /^[A-Z]{3}$/.test(currency) && Number.isFinite(amount);
  const digits = hasPrice
    ? new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits
    : 0;
  return {
    segments: message.parts ?? undefined,
    priceMinor: hasPrice ? Math.round(Math.abs(amount) * 10 ** (digits ?? 2)) : undefined,
    currency: hasPrice ? currency : undefined,
  };
}

function parseMessage(payload: unknown): TelnyxMessage {
  const parsed = TelnyxMessageSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(`data.payload.${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function normalizeTelnyx(request: WebhookRequest): EventDraft[] {
  const envelope = TelnyxEnvelopeSchema.safeParse(parseJsonBody(request));
  if (!envelope.success) {
    throw new MalformedPayloadError(`expected {"data": {"id", "event_type", "occurred_at", "payload"}}`);
  }
  const { event_type: eventType, occurred_at: occurredAtRaw, payload } = envelope.data.data;
  if (!['message.received', 'message.sent', 'message.finalized'].includes(eventType)) return [];
  const message = parseMessage(payload);
  // WhatsApp and RCS share these webhooks; only SMS/MMS are the `sms` channel.
  if (message.type && !['SMS', 'MMS'].includes(message.type.toUpperCase())) return [];

  // vendorRef is the message id, not the webhook id `data.id`: the canonical type is part of the
  // eventId hash, so "message X was delivered" is one event however often, and under whatever
  // webhook id, Telnyx (re)delivers it, including failover URLs and portal resends.
  const base = {
    source: 'telnyx' as const,
    vendorRef: message.id,
    occurredAt: new Date(occurredAtRaw).toISOString(),
  };
  const recipient = message.to[0]!;

  if (eventType === 'message.received') {
    const from = toE164(message.from.phone_number);
    // Short codes and alphanumeric senders are not contacts.
    if (!from) return [];
    return [
      {
        ...base,
        type: 'message.received',
        channel: 'sms',
        messageId: message.id,
        phone: from,
        from,
        to: toE164(recipient.phone_number) ?? recipient.phone_number,
        body: message.text ?? '',
        mediaUrls: (message.media ?? []).flatMap((m) => (m.url ? [m.url] : [])),
      },
    ];
  }

  const to = toE164(recipient.phone_number);
  if (!to) return [];
  const touch = {
    ...base,
    ...touchFromTags(message.tags),
    channel: 'sms' as const,
    messageId: message.id,
    phone: to,
    to,
  };

  if (eventType === 'message.sent') {
    const from = message.from.phone_number;
    return [{ ...touch, type: 'message.sent', from: toE164(from) ?? from, cost: cost(message) }];
  }

  // message.finalized: the terminal status of the first recipient (group MMS is not modelled).
  // `delivery_unconfirmed` (no receipt from the carrier) is neither a delivery nor a failure, so it
  // yields no event: message.sent already counted the touch, and a false failure would suppress sends.
  const outcome = TERMINAL_STATUS[recipient.status ?? ''];
  if (outcome === 'delivered') return [{ ...touch, type: 'message.delivered', cost: cost(message) }];
  if (outcome === 'failed') {
    const errors = message.errors ?? [];
    const first = errors[0];
    return [
      {
        ...touch,
        type: 'message.failed',
        errorCode: first ? String(first.code) : undefined,
        errorMessage: first ? (first.title ?? first.detail ?? undefined) : undefined,
        carrierOptOut: errors.some((e) => String(e.code) === BLOCKED_BY_STOP),
      },
    ];
  }
  return [];
}

/**
 * Telnyx Messaging API v2 webhooks: `message.received` (inbound SMS/MMS), `message.sent` and
 * `message.finalized` (delivered / failed). Signed with Ed25519 over `timestamp|body`, verified
 * with the account public key `TELNYX_PUBLIC_KEY`. Campaign identity comes from `payload.tags`
 * (see {@link touchFromTags}).
 * @see https://developers.telnyx.com/docs/messaging/messages/receiving-webhooks
 */
export const telnyx: WebhookProvider = {
  family: 'sms',
  vendor: 'telnyx',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifyTelnyx(request, secrets.TELNYX_PUBLIC_KEY, now),
  normalize: normalizeTelnyx,
};
