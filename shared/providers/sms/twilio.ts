import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
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
  requiredField,
  requiredPhone,
  segmentCount,
  senderAddress,
} from './smsCallback.js';
import { statusCallbackEvents } from './statusCallback.js';

/** Twilio error 21610: the recipient replied STOP, so Twilio blocks messages to them. */
const OPTED_OUT = '21610';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, of the full URL followed by
 * each POST parameter's name and value, names sorted. A repeated parameter contributes each
 * distinct value once, values sorted, exactly as the `twilio` library computes it.
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(name))].sort()) data += name + value;
  }
  return hmac('sha1', authToken, Buffer.from(data, 'utf8')).toString('base64');
}

/** Scheme, authority and the rest of a URL, split without normalizing what Twilio signed. */
function splitUrl(url: string) {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return undefined;
  const [prefix, scheme = '', authority = ''] = match;
  const hostStart = authority.lastIndexOf('@') + 1;
  const hostAndPort = authority.slice(hostStart);
  // In an IPv6 literal the colons before `]` are not the port separator.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    scheme,
    userInfo: authority.slice(0, hostStart),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    hasPort: portStart !== -1,
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.scheme + parts.userInfo + parts.host + parts.rest : url;
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.hasPort) return url;
  const port = parts.scheme.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.scheme + parts.userInfo + parts.host + port + parts.rest;
}

/** The query re-encoded as Node's legacy `querystring` does (some back ends signed that form). */
function withLegacyQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${stringifyQuery(parseQuery(url.slice(start + 1)))}`;
}

/**
 * The URLs Twilio may have signed for the one we received. Twilio signs the URL as configured,
 * which a proxy may have rewritten with or without the default port, so, like the `twilio`
 * library's `validateRequest`, we try the URL as received with and without the port, then its
 * WHATWG-normalized form (plain and with the legacy query encoding).
 */
function signedUrlCandidates(url: string): string[] {
  const candidates = [withoutPort(url), withDefaultPort(url)];
  try {
    const normalized = new URL(url).toString();
    const bare = withoutPort(normalized);
    const ported = withDefaultPort(normalized);
    candidates.push(bare, ported, withLegacyQuery(bare), withLegacyQuery(ported));
  } catch {
    // Not a parseable URL: only the as-received candidates apply.
  }
  return [...new Set(candidates)];
}

function verifyTwilio(request: WebhookRequest, authTokens: string | undefined): void {
  const tokens = secretList(authTokens);
  if (tokens.length === 0) throw new SignatureInvalidError('TWILIO_AUTH_TOKEN is not configured');
  const offered = request.headers['x-twilio-signature'];
  if (!offered) throw new SignatureInvalidError('missing X-Twilio-Signature header');
  const params = parseForm(request.rawBody);
  const urls = signedUrlCandidates(request.url);
  const match = tokens.some((token) =>
    urls.some((url) => safeEqual(offered, twilioSignature(token, url, params))),
  );
  if (!match) throw new SignatureInvalidError('X-Twilio-Signature does not match the URL and parameters');
}

function normalizeInbound(request: WebhookRequest, params: FormParams, messageSid: string): EventDraft[] {
  const from = requiredPhone(field(params, 'From'), 'From');
  return [
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: messageSid,
      // Twilio's inbound request carries no timestamp: the message arrived when Twilio called us.
      occurredAt: arrivalTime(request),
      phone: from,
      channel: 'sms',
      messageId: messageSid,
      from,
      to: senderAddress(requiredField(params, 'To')),
      body: params.get('Body')?.[0] ?? '',
      mediaUrls: numberedFields(params, 'MediaUrl'),
    },
  ];
}

function normalizeStatus(
  request: WebhookRequest,
  params: FormParams,
  messageSid: string,
  status: 'sent' | 'delivered' | 'undelivered' | 'failed',
): EventDraft[] {
  return statusCallbackEvents({
    source: 'twilio',
    request,
    messageId: messageSid,
    status,
    to: requiredPhone(field(params, 'To'), 'To'),
    segments: segmentCount(field(params, 'NumSegments')),
    from: () => field(params, 'From') ?? requiredField(params, 'MessagingServiceSid'),
    errorCode: field(params, 'ErrorCode'),
    errorMessage: field(params, 'ErrorMessage'),
    optedOutCode: OPTED_OUT,
    // RawDlrDoneDate has minute precision and no time zone, so the callback's arrival is the better clock.
    identityFrom: 'StatusCallback query',
  });
}

function normalizeTwilio(request: WebhookRequest): EventDraft[] {
  const params = parseForm(request.rawBody);
  const messageSid = field(params, 'MessageSid') ?? requiredField(params, 'SmsSid');
  if (isOtherChannel(field(params, 'From'), field(params, 'To'))) return [];
  const status = field(params, 'MessageStatus');
  switch (status) {
    // An inbound message webhook has no MessageStatus; an inbound status callback has no Body.
    case undefined:
      return normalizeInbound(request, params, messageSid);
    case 'received':
      return params.has('Body') ? normalizeInbound(request, params, messageSid) : [];
    case 'sent':
    case 'delivered':
    case 'undelivered':
    case 'failed':
      return normalizeStatus(request, params, messageSid, status);
    default:
      // queued, sending, accepted, scheduled, canceled, read, receiving, partially_delivered:
      // intermediate or channel-specific states that add no fact we model.
      return [];
  }
}

/**
 * Twilio Programmable Messaging: inbound SMS/MMS webhooks and outbound status callbacks, both
 * form-encoded and signed with `X-Twilio-Signature`. Touch identity (programId, kind, campaignId,
 * workflowId, step, templateId, variant) travels as query parameters on the StatusCallback URL.
 * @see https://www.twilio.com/docs/messaging/guides/webhook-request
 * @see https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 */
export const twilio: WebhookProvider = {
  family: 'sms',
  vendor: 'twilio',
  contentTypes: ['application/x-www-form-urlencoded'],
  verify: (request, secrets) => verifyTwilio(request, secrets.TWILIO_AUTH_TOKEN),
  normalize: normalizeTwilio,
  // An empty TwiML document: acknowledge without replying to the sender.
  respond: () => ({ status: 200, headers: { 'content-type': 'text/xml' }, body: EMPTY_TWIML }),
};
