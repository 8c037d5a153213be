import type { EventDraft } from '../../../events/index.js';
import { hmac, safeEqual } from '../../crypto/compare.js';
import { SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { secretList } from '../../secrets/vendorSecrets.js';
import type { WebhookProvider } from '../provider.js';
import {
  arrivalTime,
  type FormParams,
  field,
  isOtherChannel,
  numberedFields,
  parseForm,
  parseParams,
  requiredField,
  requiredPhone,
  segmentCount,
  senderAddress,
} from './smsCallback.js';
import { statusCallbackEvents } from './statusCallback.js';

/** Plivo error 200: the recipient sent STOP, so Plivo blocks messages to them. */
const OPTED_OUT = '200';

const EMPTY_PLIVO_XML = '<?xml version="1.0" encoding="utf-8"?><Response></Response>';

/** `k=v&k=v` with names sorted and each name's values sorted, as Plivo's SDKs build it. */
function sortedQuery(params: FormParams): string {
  return [...params.keys()]
    .sort()
    .flatMap((name) => [...(params.get(name) ?? [])].sort().map((value) => `${name}=${value}`))
    .join('&');
}

/** `kvkv…` with names sorted and each name's values sorted, no separators. */
function sortedPairs(params: FormParams): string {
  return [...params.keys()]
    .sort()
    .flatMap((name) => [...(params.get(name) ?? [])].sort().map((value) => name + value))
    .join('');
}

function merge(a: FormParams, b: FormParams): FormParams {
  const merged: FormParams = new Map([...a].map(([name, values]) => [name, [...values]]));
  for (const [name, values] of b) merged.set(name, [...(merged.get(name) ?? []), ...values]);
  return merged;
}

/**
 * The string Plivo signs, built as its Node SDK's `validateV3Signature` does: scheme, host,
 * port and path as called (user info dropped), then the query decoded and re-sorted as
 * `?k=v&…`; for a POST, a `.` when both a query and a body exist, then the body's `namevalue`
 * pairs sorted. For a GET the query is all there is.
 */
function signedBase(method: string, url: string, params: FormParams): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^?#]*)(?:\?([^#]*))?/i.exec(url);
  const origin = match ? match[1]! + match[2]! : url.split(/[?#]/)[0]!;
  const query = parseParams(match?.[3] ?? '');
  if (method.toUpperCase() === 'GET') {
    const all = sortedQuery(merge(query, params));
    return all ? `${origin}?${all}` : origin;
  }
  const sorted = sortedQuery(query);
  const hasBody = params.size > 0;
  let base = origin;
  if (sorted || hasBody) base += `?${sorted}`;
  if (sorted && hasBody) base += '.';
  return base + sortedPairs(params);
}

/**
 * `X-Plivo-Signature-V3`: base64 HMAC-SHA256, keyed with the auth token, of the signed base
 * (see `signedBase`) + "." + the `X-Plivo-Signature-V3-Nonce` header.
 * @see https://www.plivo.com/docs/voice/concepts/signature-validation
 */
export function plivoSignatureV3(
  authToken: string,
  method: string,
  url: string,
  params: FormParams,
  nonce: string,
): string {
  const data = `${signedBase(method, url, params)}.${nonce}`;
  return hmac('sha256', authToken, Buffer.from(data, 'utf8')).toString('base64');
}

/**
 * Plivo signs each callback twice with the same construction and nonce: `X-Plivo-Signature-V3`
 * with the token of the (sub)account that owns the number, `X-Plivo-Signature-Ma-V3` with the
 * main account's. Messaging callbacks have been seen to match only the Ma-V3 value, so either
 * header may carry the match; PLIVO_AUTH_TOKEN may list both tokens. V2 is never accepted: it
 * signs the URL and nonce only, so a V2 match would let a tampered body through.
 */
const SIGNATURE_HEADERS = ['x-plivo-signature-v3', 'x-plivo-signature-ma-v3'] as const;

function verifyPlivo(request: WebhookRequest, authTokens: string | undefined): void {
  const tokens = secretList(authTokens);
  if (tokens.length === 0) throw new SignatureInvalidError('PLIVO_AUTH_TOKEN is not configured');
  const nonce = request.headers['x-plivo-signature-v3-nonce'];
  // Each header lists one signature per active auth token, comma-separated.
  const offered = SIGNATURE_HEADERS.flatMap((name) => (request.headers[name] ?? '').split(','))
    .map((signature) => signature.trim())
    .filter(Boolean);
  if (!nonce || offered.length === 0) {
    throw new SignatureInvalidError(
      'missing X-Plivo-Signature-V3 (or -Ma-V3) or X-Plivo-Signature-V3-Nonce header',
    );
  }
  const params =
    request.method.toUpperCase() === 'GET' ? new Map<string, string[]>() : parseForm(request.rawBody);
  const expected = tokens.map((token) => plivoSignatureV3(token, request.method, request.url, params, nonce));
  const match = offered.some((signature) => expected.some((candidate) => safeEqual(signature, candidate)));
  if (!match) throw new SignatureInvalidError('X-Plivo-Signature-V3 does not match the URL, body and nonce');
}

function normalizeInbound(request: WebhookRequest, params: FormParams, messageUuid: string): EventDraft[] {
  const from = requiredPhone(field(params, 'From'), 'From');
  return [
    {
      type: 'message.received',
      source: 'plivo',
      vendorRef: messageUuid,
      // Plivo's inbound request carries no timestamp: the message arrived when Plivo called us.
      occurredAt: arrivalTime(request),
      phone: from,
      channel: 'sms',
      messageId: messageUuid,
      from,
      to: senderAddress(requiredField(params, 'To')),
      // SMS text comes as `Text`, MMS text as `Body`.
      body: params.get('Text')?.[0] ?? params.get('Body')?.[0] ?? '',
      mediaUrls: numberedFields(params, 'Media'),
    },
  ];
}

type ModelledStatus = 'sent' | 'delivered' | 'undelivered' | 'failed' | 'rejected';

function normalizeStatus(
  request: WebhookRequest,
  params: FormParams,
  messageUuid: string,
  status: ModelledStatus,
): EventDraft[] {
  return statusCallbackEvents({
    source: 'plivo',
    request,
    messageId: messageUuid,
    status,
    to: requiredPhone(field(params, 'To'), 'To'),
    segments: segmentCount(field(params, 'Units')),
    from: () => requiredField(params, 'From'),
    errorCode: field(params, 'ErrorCode'),
    optedOutCode: OPTED_OUT,
    // SentTime and DeliveryReportTime carry no time zone; the callback's arrival is unambiguous.
    identityFrom: 'callback url query',
  });
}

function normalizePlivo(request: WebhookRequest): EventDraft[] {
  const params = parseForm(request.rawBody);
  const messageUuid = requiredField(params, 'MessageUUID');
  const type = field(params, 'Type') ?? 'sms';
  if ((type !== 'sms' && type !== 'mms') || isOtherChannel(field(params, 'From'), field(params, 'To'))) {
    return []; // WhatsApp and other channels share the callback; we model SMS/MMS only.
  }
  const status = field(params, 'Status');
  switch (status) {
    // An inbound message has no Status; a status callback always has one.
    case undefined:
      return normalizeInbound(request, params, messageUuid);
    case 'sent':
    case 'delivered':
    case 'undelivered':
    case 'failed':
    case 'rejected':
      return normalizeStatus(request, params, messageUuid, status);
    default:
      return []; // queued, read, received: no fact we model.
  }
}

/**
 * Plivo Messaging: inbound SMS/MMS (`message_url`) and outbound status callbacks (`url`), both
 * form-encoded and signed with Signature V3. Numbers arrive without the leading '+'. There is no
 * timestamp in V3, so a replay cannot be refused here; it is absorbed by the deterministic
 * event id instead.
 * @see https://www.plivo.com/docs/messaging/api/message/handling-incoming
 * @see https://www.plivo.com/docs/messaging/api/message/message-status-callbacks
 */
export const plivo: WebhookProvider = {
  family: 'sms',
  vendor: 'plivo',
  contentTypes: ['application/x-www-form-urlencoded'],
  verify: (request, secrets) => verifyPlivo(request, secrets.PLIVO_AUTH_TOKEN),
  normalize: normalizePlivo,
  // Plivo expects Plivo XML from a message URL; an empty Response sends no reply.
  respond: () => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: EMPTY_PLIVO_XML }),
};
