import { createHash, createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { signGeneric } from '../../../shared/providers/genericSignature.js';

/**
 * How each vendor signs the webhooks it sends, written from the vendors' documentation so the
 * local demo and simulators call our endpoints exactly as the real vendors would. Tests check
 * each signer against the vendor's own library where one exists.
 */
export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Twilio: base64 HMAC-SHA1(auth token, URL + each POST param name and value, sorted by name). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

export function signTwilio(authToken: string, url: string, params: Record<string, string>): SignedRequest {
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(authToken, url, params),
    },
    body: form(params),
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

/** HubSpot v3: base64 HMAC-SHA256(client secret, method + URI + body + timestamp in ms). */
export function signHubspot(
  clientSecret: string,
  method: string,
  url: string,
  payload: unknown,
  now: Date,
): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = String(now.getTime());
  const signature = createHmac('sha256', clientSecret)
    .update(`${method}${url}${body}${timestamp}`)
    .digest('base64');
  return {
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
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
