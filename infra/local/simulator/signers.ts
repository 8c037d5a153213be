import { createHash, createHmac, createPrivateKey, randomInt, randomUUID, sign } from 'node:crypto';
import { hubspotSignedUri, signHubSpotV3 } from '../../../shared/providers/crm/hubspot.js';
import { signGeneric } from '../../../shared/providers/genericSignature.js';
import { plivoSignatureV3 } from '../../../shared/providers/sms/plivo.js';
import { parseParams } from '../../../shared/providers/sms/smsCallback.js';
import { twilioSignature } from '../../../shared/providers/sms/twilio.js';

/**
 * How each vendor signs the webhooks it sends, so the local demo, the simulators and the bench
 * call our endpoints exactly as the real vendors would. Where a provider already computes the
 * vendor's signature (Twilio, Plivo, HubSpot, generic) the signer calls that very function:
 * one truth per scheme. Schemes our side only verifies (Telnyx Ed25519, SendGrid ECDSA, Vonage
 * JWT) are signed here from the vendors' documentation; test/unit/simulator/signers.test.ts
 * checks every signer against our providers and, where one exists, the vendor's own library.
 */
export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Twilio: `X-Twilio-Signature` over the URL and the form parameters exactly as they are posted. */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): SignedRequest {
  const body = form(params);
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(authToken, url, parseParams(body)),
    },
    body,
  };
}

/** Plivo's nonce: a fresh 20-digit number per request, as its callbacks carry. */
const plivoNonce = () =>
  Array.from({ length: 4 }, () => String(randomInt(0, 100_000)).padStart(5, '0')).join('');

/**
 * Plivo Signature V3: the same HMAC-SHA256 over URL, sorted form parameters and nonce sent as
 * `X-Plivo-Signature-V3` and `X-Plivo-Signature-Ma-V3`. Both carry the main account's token
 * here, as they do for a number owned by the main account (no subaccount).
 */
export function signPlivo(
  authToken: string,
  url: string,
  params: Record<string, string>,
  nonce: string = plivoNonce(),
): SignedRequest {
  const body = form(params);
  const signature = plivoSignatureV3(authToken, 'POST', url, parseParams(body), nonce);
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-plivo-signature-v3': signature,
      'x-plivo-signature-ma-v3': signature,
      'x-plivo-signature-v3-nonce': nonce,
    },
    body,
  };
}

/** Our generic scheme (see shared/providers/genericSignature.ts). */
export function signGenericJson(secret: string, payload: unknown, now: Date): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    headers: {
      'content-type': 'application/json',
      'webhook-id': `msg_${randomUUID()}`,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signGeneric(secret, timestamp, body),
    },
    body,
  };
}

/** HubSpot v3: HMAC-SHA256 of method, the URI as HubSpot signs it, body and timestamp (ms). */
export function signHubspot(
  clientSecret: string,
  method: string,
  url: string,
  payload: unknown,
  now: Date,
): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = String(now.getTime());
  return {
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signHubSpotV3(clientSecret, method, hubspotSignedUri(url), body, timestamp),
      'x-hubspot-request-timestamp': timestamp,
    },
    body,
  };
}

/** Telnyx: base64 Ed25519 signature of "<timestamp>|<body>". */
export function signTelnyx(privateKeyPem: string, payload: unknown, now: Date): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = sign(null, Buffer.from(`${timestamp}|${body}`), createPrivateKey(privateKeyPem)).toString(
    'base64',
  );
  return {
    headers: {
      'content-type': 'application/json',
      'telnyx-signature-ed25519': signature,
      'telnyx-timestamp': timestamp,
    },
    body,
  };
}

/** SendGrid Event Webhook: base64 DER ECDSA P-256/SHA-256 signature of timestamp + body. */
export function signSendgrid(privateKeyPem: string, payload: unknown, now: Date): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body), createPrivateKey(privateKeyPem)).toString(
    'base64',
  );
  return {
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': signature,
      'x-twilio-email-event-webhook-timestamp': timestamp,
    },
    body,
  };
}

/** Bandwidth and Pipedrive: HTTP basic auth on a JSON body. */
export function signBasicJson(username: string, password: string, payload: unknown): SignedRequest {
  return {
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    },
    body: JSON.stringify(payload),
  };
}

/** Vonage signed webhooks: Bearer JWT (HS256) whose payload_hash is the SHA-256 of the body. */
export function signVonage(secret: string, payload: unknown, now: Date): SignedRequest {
  const body = JSON.stringify(payload);
  const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(
    JSON.stringify({
      iat: Math.floor(now.getTime() / 1000),
      jti: randomUUID(),
      iss: 'Vonage',
      payload_hash: createHash('sha256').update(body).digest('hex'),
      api_key: 'abcd1234',
      application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab',
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${header}.${claims}.${signature}` },
    body,
  };
}

/** Salesforce Outbound Messages carry no signature; the organization id in the body is checked. */
export function salesforceRequest(xml: string): SignedRequest {
  return { headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' }, body: xml };
}
