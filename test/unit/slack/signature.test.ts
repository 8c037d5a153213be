import { describe, expect, it } from 'vitest';
import { SignatureInvalidError } from '../../../shared/http/errors.js';
import { signSlackRequest, verifySlackRequest } from '../../../shared/slack/signature.js';
import { blockActionsPayload, interactionBody, slackHeaders } from './builders.js';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = new Date('2026-11-25T15:01:01Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

/** A fresh click, signed now; each test then breaks exactly one thing. */
function signed(opts: { secret?: string; timestamp?: number } = {}) {
  const body = interactionBody(blockActionsPayload());
  return { body, headers: slackHeaders(opts.secret ?? SECRET, opts.timestamp ?? nowSeconds, body) };
}

describe('Function: verifySlackRequest', () => {
  it("agrees with Slack's documented example", () => {
    // Prepare: the secret, timestamp, slash-command body and signature from Slack's guide.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    // Act / Assess
    expect(signSlackRequest(SECRET, 1531420618, body)).toBe(signature);
    const headers = { 'x-slack-request-timestamp': '1531420618', 'x-slack-signature': signature };
    expect(() =>
      verifySlackRequest(headers, Buffer.from(body), SECRET, new Date(1531420618_000)),
    ).not.toThrow();
  });

  it('accepts a click signed now', () => {
    const { body, headers } = signed();
    expect(() => verifySlackRequest(headers, body, SECRET, NOW)).not.toThrow();
  });

  it('reads the headers whatever their case', () => {
    const { body, headers } = signed();
    const shouting = {
      'X-Slack-Request-Timestamp': headers['x-slack-request-timestamp'],
      'X-Slack-Signature': headers['x-slack-signature'],
    };
    expect(() => verifySlackRequest(shouting, body, SECRET, NOW)).not.toThrow();
  });

  it('accepts the old secret during a rotation, and the new one', () => {
    for (const secret of ['old_signing_secret', SECRET]) {
      const { body, headers } = signed({ secret });
      expect(() => verifySlackRequest(headers, body, `${SECRET}, old_signing_secret`, NOW)).not.toThrow();
    }
  });

  it.each([
    ['301 s old', -301],
    ['301 s ahead', 301],
  ])('rejects a timestamp %s even when the signature is right', (_name, offset) => {
    const { body, headers } = signed({ timestamp: nowSeconds + offset });
    expect(() => verifySlackRequest(headers, body, SECRET, NOW)).toThrow(/5-minute window/);
  });

  it('accepts a timestamp exactly five minutes old', () => {
    const { body, headers } = signed({ timestamp: nowSeconds - 300 });
    expect(() => verifySlackRequest(headers, body, SECRET, NOW)).not.toThrow();
  });

  type Signed = ReturnType<typeof signed>;
  it.each<[string, (s: Signed) => void]>([
    ['a body changed after signing', (s) => (s.body = s.body.replace('intent_claim', 'intent_dismiss'))],
    [
      'a signature made with another secret',
      (s) => (s.headers['x-slack-signature'] = signSlackRequest('not-the-secret', nowSeconds, s.body)),
    ],
    ['a missing signature header', (s) => delete s.headers['x-slack-signature']],
    ['a missing timestamp header', (s) => delete s.headers['x-slack-request-timestamp']],
    [
      'a timestamp that is not unix seconds',
      (s) => (s.headers['x-slack-request-timestamp'] = '2026-11-25T15:01:01Z'),
    ],
    [
      'a timestamp swapped after signing',
      (s) => (s.headers['x-slack-request-timestamp'] = String(nowSeconds - 1)),
    ],
    [
      'another signature version',
      (s) => (s.headers['x-slack-signature'] = s.headers['x-slack-signature']!.replace('v0=', 'v1=')),
    ],
    [
      'an upper-cased signature',
      (s) => (s.headers['x-slack-signature'] = s.headers['x-slack-signature']!.toUpperCase()),
    ],
  ])('rejects %s', (_name, breakIt) => {
    const request = signed();
    breakIt(request);
    expect(() => verifySlackRequest(request.headers, request.body, SECRET, NOW)).toThrow(
      SignatureInvalidError,
    );
  });

  it.each([undefined, '', ' , '])('rejects everything when no secret is configured (%j)', (secrets) => {
    const { body, headers } = signed();
    expect(() => verifySlackRequest(headers, body, secrets, NOW)).toThrow(/not configured/);
  });
});
