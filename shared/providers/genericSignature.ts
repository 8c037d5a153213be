import { hmac, safeEqual, withinWindow } from '../crypto/compare.js';
import { SignatureInvalidError } from '../http/errors.js';
import type { WebhookRequest } from '../http/webhookRequest.js';
import { secretList } from '../secrets/vendorSecrets.js';

/** How far a `webhook-timestamp` may be from our clock, either way. */
export const GENERIC_TOLERANCE_SECONDS = 300;

/**
 * Our documented webhook signature for vendors without a scheme of their own (Svix-style):
 *
 *   webhook-timestamp: <unix seconds>
 *   webhook-signature: v1,<base64 HMAC-SHA256(secret, "<timestamp>.<raw body>")> [v1,<…> …]
 *
 * Several signatures may be sent and several secrets configured (comma-separated), so a
 * secret can rotate without a window where valid calls fail.
 */
export function signGeneric(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return `v1,${hmac('sha256', secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(rawBody)])).toString('base64')}`;
}

export function verifyGeneric(request: WebhookRequest, secretsValue: string | undefined, now: Date): void {
  const secrets = secretList(secretsValue);
  if (secrets.length === 0) throw new SignatureInvalidError('generic webhook secret is not configured');
  const timestampHeader = request.headers['webhook-timestamp'];
  const signatureHeader = request.headers['webhook-signature'];
  if (!timestampHeader || !signatureHeader) {
    throw new SignatureInvalidError('missing webhook-timestamp or webhook-signature header');
  }
  if (!/^\d{1,12}$/.test(timestampHeader))
    throw new SignatureInvalidError('webhook-timestamp must be unix seconds');
  const timestamp = Number(timestampHeader);
  if (!withinWindow(timestamp, now, GENERIC_TOLERANCE_SECONDS)) {
    throw new SignatureInvalidError('webhook-timestamp is outside the 5-minute window');
  }
  const offered = signatureHeader.split(' ').filter((s) => s.startsWith('v1,'));
  const expected = secrets.map((secret) => signGeneric(secret, timestamp, request.rawBody));
  const match = offered.some((sig) => expected.some((exp) => safeEqual(sig, exp)));
  if (!match) throw new SignatureInvalidError('webhook-signature does not match the body');
}
