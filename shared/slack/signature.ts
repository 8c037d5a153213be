import { hmac, safeEqual, withinWindow } from '../crypto/compare.js';
import { SignatureInvalidError } from '../http/errors.js';
import { secretList } from '../secrets/vendorSecrets.js';

export { parseInteraction, type SlackInteraction } from './interaction.js';

/** How far X-Slack-Request-Timestamp may be from our clock, either way: Slack's five minutes. */
export const SLACK_TOLERANCE_SECONDS = 300;

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256(signing secret,
 * `v0:<X-Slack-Request-Timestamp>:<raw body>`). Exported for tests and the local simulator.
 *
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function signSlackRequest(
  secret: string,
  timestamp: number | string,
  rawBody: string | Buffer,
): string {
  const base = Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(rawBody)]);
  return `v0=${hmac('sha256', secret, base).toString('hex')}`;
}

/**
 * Verifies a request from Slack (interactivity, slash commands, events) before anything
 * reads its body. `signingSecrets` is comma-separated: during a rotation the old and the new
 * secret both verify. Throws SignatureInvalidError when no secret is configured, a header is
 * missing, the timestamp is outside five minutes (replays), or no secret gives the signature.
 */
export function verifySlackRequest(
  headers: Record<string, string | undefined>,
  rawBody: Buffer | string,
  signingSecrets: string | undefined,
  now: Date,
): void {
  const secrets = secretList(signingSecrets);
  if (secrets.length === 0) throw new SignatureInvalidError('Slack signing secret is not configured');

  const header = (name: string) =>
    Object.entries(headers)
      .find(([key]) => key.toLowerCase() === name)?.[1]
      ?.trim();
  const timestampHeader = header('x-slack-request-timestamp');
  const signature = header('x-slack-signature');
  if (!timestampHeader || !signature) {
    throw new SignatureInvalidError('missing X-Slack-Request-Timestamp or X-Slack-Signature header');
  }
  if (!/^\d{1,12}$/.test(timestampHeader)) {
    throw new SignatureInvalidError('X-Slack-Request-Timestamp must be unix seconds');
  }
  if (!withinWindow(Number(timestampHeader), now, SLACK_TOLERANCE_SECONDS)) {
    throw new SignatureInvalidError('X-Slack-Request-Timestamp is outside the 5-minute window');
  }
  // Compare against every secret, not stopping at the first match, so timing says nothing.
  const matches = secrets.map((secret) =>
    safeEqual(signature, signSlackRequest(secret, timestampHeader, rawBody)),
  );
  if (!matches.includes(true)) throw new SignatureInvalidError('X-Slack-Signature does not match the body');
}
