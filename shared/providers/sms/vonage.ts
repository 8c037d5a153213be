import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { EventDraft } from '../../../events/index.js';
import { hmac, safeEqual, withinWindow } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { toE164 } from '../../phone.js';
import { secretList } from '../../secrets/vendorSecrets.js';
import { parseJsonBody } from '../genericPayload.js';
import type { WebhookProvider } from '../provider.js';

/** How old (or how far ahead of our clock) a webhook JWT's `iat` may be. */
export const VONAGE_TOLERANCE_SECONDS = 300;

const BEARER_JWT = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/i;

const JwtHeaderSchema = z.looseObject({ alg: z.string() });
const JwtClaimsSchema = z.looseObject({
  iat: z.number(),
  exp: z.number().optional(),
  payload_hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'payload_hash must be a hex SHA-256'),
});

function decodeSegment<T>(segment: string, schema: z.ZodType<T>, what: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')));
  } catch (cause) {
    throw new SignatureInvalidError(`JWT ${what} is not valid`, { cause });
  }
}

/**
 * Vonage signs Messages API webhooks with `Authorization: Bearer <JWT>`, HS256 with the account
 * signature secret; the claim `payload_hash` is the hex SHA-256 of the body. We check the JWT by
 * hand (no JWT library in the core): HS256 only (never `none`), the signature against each
 * configured secret (comma-separated, so secrets can rotate), `iat` within 5 minutes, `exp` when
 * present, and the hash against the raw body, so a captured token cannot carry another body.
 */
export function verifyVonage(request: WebhookRequest, secretsValue: string | undefined, now: Date): void {
  const secrets = secretList(secretsValue);
  if (secrets.length === 0) throw new SignatureInvalidError('VONAGE_SIGNATURE_SECRET is not configured');
  const match = BEARER_JWT.exec((request.headers.authorization ?? '').trim());
  if (!match) throw new SignatureInvalidError('missing or malformed Authorization: Bearer <JWT> header');
  const [, header = '', payload = '', signature = ''] = match;

  const { alg } = decodeSegment(header, JwtHeaderSchema, 'header');
  if (alg !== 'HS256') {
    throw new SignatureInvalidError(`JWT alg "${alg}" is not accepted; Vonage signs with HS256`);
  }
  const signingInput = `${header}.${payload}`;
  const signed = secrets.some((secret) =>
    safeEqual(hmac('sha256', secret, signingInput).toString('base64url'), signature),
  );
  if (!signed) throw new SignatureInvalidError('JWT signature does not match the signature secret');

  const claims = decodeSegment(payload, JwtClaimsSchema, 'claims');
  if (!withinWindow(claims.iat, now, VONAGE_TOLERANCE_SECONDS)) {
    throw new SignatureInvalidError('JWT iat is outside the 5-minute window');
  }
  if (claims.exp !== undefined && claims.exp < now.getTime() / 1000) {
    throw new SignatureInvalidError('JWT has expired');
  }
  const bodyHash = createHash('sha256').update(request.rawBody).digest('hex');
  if (!safeEqual(bodyHash, claims.payload_hash.toLowerCase())) {
    throw new SignatureInvalidError('JWT payload_hash does not match the body');
  }
}

const IsoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'timestamp must be a date');
const Media = z.looseObject({ url: z.string() }).optional();

/** An inbound message (Messages API, SMS/MMS channel). */
const InboundSchema = z.looseObject({
  message_uuid: z.string().min(1),
  to: z.string().min(1),
  from: z.string().min(1),
  channel: z.string(),
  message_type: z.string(),
  timestamp: IsoTime,
  text: z.string().optional(),
  image: Media,
  video: Media,
  audio: Media,
  file: Media,
  vcard: Media,
});

const NumberLike = z.union([z.string(), z.number()]).optional();

/** A message status callback for a message we sent. */
const StatusSchema = z.looseObject({
  message_uuid: z.string().min(1),
  to: z.string().min(1),
  from: z.string().min(1),
  channel: z.string(),
  status: z.string(),
  timestamp: IsoTime,
  client_ref: z.string().optional(),
  error: z
    .looseObject({ type: z.string().optional(), title: NumberLike, detail: z.string().optional() })
    .optional(),
  usage: z.looseObject({ price: NumberLike, currency: z.string().optional() }).optional(),
  sms: z.looseObject({ count_total: NumberLike }).optional(),
});
type VonageStatus = z.infer<typeof StatusSchema>;

const CHANNELS = ['sms', 'mms'];

/**
 * Campaign identity rides in `client_ref` (set at send time, echoed on every status callback) as a
 * JSON object: `{"programId","campaignId","workflowId","step","templateId","variant"}`. Vonage caps
 * `client_ref` at 100 characters (40 in the old v0.1 API), so keep ids short. A `client_ref` that is not such JSON belongs
 * to someone else and is ignored.
 */
export function touchFromClientRef(clientRef: string | undefined) {
  let ref: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(clientRef ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      ref = parsed as Record<string, unknown>;
  } catch {
    // Not ours: plain-text client references are allowed by Vonage.
  }
  const text = (key: string) => {
    const value = ref[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const step = Number(ref.step ?? Number.NaN);
  const workflowId = text('workflowId');
  const campaignId = text('campaignId');
  return {
    programId: text('programId'),
    kind: workflowId ? ('flow' as const) : campaignId ? ('campaign' as const) : undefined,
    campaignId,
    workflowId,
    step: Number.isInteger(step) && step >= 0 ? step : undefined,
    templateId: text('templateId'),
    variant: text('variant'),
  };
}

/** `usage.price` is a decimal string in major units (usually EUR); the canonical cost is minor units. */
function cost(status: VonageStatus) {
  const currency = status.usage?.currency?.toUpperCase();
  const amount = Number(status.usage?.price ?? Number.NaN);
  const segments = Number(status.sms?.count_total ?? Number.NaN);
  const hasPrice = currency !== undefined && /^[A-Z]{3}$/.test(currency) && Number.isFinite(amount);
  const digits = hasPrice
    ? new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits
    : 0;
  return {
    segments: Number.isInteger(segments) && segments > 0 ? segments : undefined,
    priceMinor: hasPrice ? Math.round(Math.abs(amount) * 10 ** (digits ?? 2)) : undefined,
    currency: hasPrice ? currency : undefined,
  };
}

/** `error.type` ends in `#<code>` (…/messages-olympus#1250); `title` carries the code or a short text. */
function errorFields(error: VonageStatus['error']) {
  if (!error) return { carrierOptOut: false };
  const fromType = /#(\d+)$/.exec(error.type ?? '')?.[1];
  const title = error.title === undefined ? undefined : String(error.title);
  const text = `${title ?? ''} ${error.detail ?? ''}`;
  return {
    errorCode: fromType ?? title,
    errorMessage: error.detail ?? title,
    // Opt-out blocks arrive as a rejected status whose error text says the recipient opted out.
    carrierOptOut: /opted[\s-]?out|opt-out/i.test(text),
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(`${what}: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}

function normalizeInbound(body: unknown): EventDraft[] {
  const inbound = parse(InboundSchema, body, 'inbound message');
  if (!CHANNELS.includes(inbound.channel)) return [];
  // Vonage numbers carry no '+'; toE164 restores it. Short codes and sender ids are not contacts.
  const from = toE164(inbound.from);
  if (!from) return [];
  const media = [inbound.image, inbound.video, inbound.audio, inbound.file, inbound.vcard];
  return [
    {
      type: 'message.received',
      source: 'vonage',
      vendorRef: inbound.message_uuid,
      occurredAt: new Date(inbound.timestamp).toISOString(),
      channel: 'sms',
      messageId: inbound.message_uuid,
      phone: from,
      from,
      to: toE164(inbound.to) ?? inbound.to,
      body: inbound.text ?? '',
      mediaUrls: media.flatMap((m) => (m ? [m.url] : [])),
    },
  ];
}

function normalizeStatus(body: unknown): EventDraft[] {
  const status = parse(StatusSchema, body, 'message status');
  const to = toE164(status.to);
  if (!CHANNELS.includes(status.channel) || !to) return [];
  // vendorRef is the message uuid: the canonical type is part of the eventId hash, so each
  // (message, sent|delivered|failed) fact is one event however often Vonage retries the callback.
  const touch = {
    source: 'vonage' as const,
    vendorRef: status.message_uuid,
    occurredAt: new Date(status.timestamp).toISOString(),
    ...touchFromClientRef(status.client_ref),
    channel: 'sms' as const,
    messageId: status.message_uuid,
    phone: to,
    to,
  };
  switch (status.status) {
    case 'submitted':
      return [
        { ...touch, type: 'message.sent', from: toE164(status.from) ?? status.from, cost: cost(status) },
      ];
    case 'delivered':
      return [{ ...touch, type: 'message.delivered', cost: cost(status) }];
    case 'rejected':
    case 'undeliverable':
      return [{ ...touch, type: 'message.failed', ...errorFields(status.error) }];
    default:
      // `read` (OTT channels) and any future status are not modelled.
      return [];
  }
}

function normalizeVonage(request: WebhookRequest): EventDraft[] {
  const body = parseJsonBody(request);
  if (body && typeof body === 'object' && 'status' in body) return normalizeStatus(body);
  if (body && typeof body === 'object' && 'message_type' in body) return normalizeInbound(body);
  throw new MalformedPayloadError('expected a Messages API inbound message or message status');
}

/**
 * Vonage Messages API webhooks: inbound SMS/MMS and message status callbacks
 * (submitted -> message.sent, delivered, rejected/undeliverable -> message.failed), verified by the
 * signed-webhook JWT (see {@link verifyVonage}). Campaign identity comes from `client_ref`
 * (see {@link touchFromClientRef}).
 * @see https://developer.vonage.com/en/messages/concepts/signed-webhooks
 * @see https://developer.vonage.com/en/messages/concepts/messages-status-callbacks
 */
export const vonage: WebhookProvider = {
  family: 'sms',
  vendor: 'vonage',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifyVonage(request, secrets.VONAGE_SIGNATURE_SECRET, now),
  normalize: normalizeVonage,
};
