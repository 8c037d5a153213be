import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import { signGeneric } from '../../../../shared/providers/genericSignature.js';
import { genericSms } from '../../../../shared/providers/sms/generic.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const SECRET = 'whsec_test_current';
const NOW = new Date('2026-11-25T15:04:10Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

/** Signs a fresh body the way a generic sender must; each test then breaks one thing. */
function signed(body: string, opts: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const timestamp = opts.timestamp ?? nowSeconds;
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/sms/generic',
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': opts.signature ?? signGeneric(opts.secret ?? SECRET, timestamp, body),
    },
  });
}

const body = () => JSON.stringify(fixtureJson('generic', 'sms-received'));

describe('Provider: generic SMS', () => {
  it('accepts a correctly signed request', () => {
    expect(() => genericSms.verify(signed(body()), { GENERIC_WEBHOOK_SECRET: SECRET }, NOW)).not.toThrow();
  });

  it('accepts the old secret during a rotation and any one of several signatures', () => {
    const request = signed(body(), { secret: 'whsec_old' });
    request.headers['webhook-signature'] = `v1,bm90LWl0 ${request.headers['webhook-signature']}`;
    expect(() =>
      genericSms.verify(request, { GENERIC_WEBHOOK_SECRET: `${SECRET},whsec_old` }, NOW),
    ).not.toThrow();
  });

  it.each([
    [
      'a body changed after signing',
      (r: ReturnType<typeof signed>) => (r.rawBody = Buffer.from(`${r.rawBody} `)),
    ],
    ['a missing signature header', (r: ReturnType<typeof signed>) => delete r.headers['webhook-signature']],
    ['a missing timestamp header', (r: ReturnType<typeof signed>) => delete r.headers['webhook-timestamp']],
    [
      'a signature made with another secret',
      (r: ReturnType<typeof signed>) =>
        (r.headers['webhook-signature'] = signGeneric('other', nowSeconds, r.rawBody)),
    ],
  ])('rejects %s', (_name, breakIt) => {
    const request = signed(body());
    breakIt(request);
    expect(() => genericSms.verify(request, { GENERIC_WEBHOOK_SECRET: SECRET }, NOW)).toThrow(
      SignatureInvalidError,
    );
  });

  it('rejects a timestamp older than five minutes even when the signature is right', () => {
    const request = signed(body(), { timestamp: nowSeconds - 301 });
    expect(() => genericSms.verify(request, { GENERIC_WEBHOOK_SECRET: SECRET }, NOW)).toThrow(/window/);
  });

  it('rejects everything when no secret is configured', () => {
    expect(() => genericSms.verify(signed(body()), {}, NOW)).toThrow(SignatureInvalidError);
  });

  it('normalizes an inbound message to message.received with a deterministic id', () => {
    const [draft] = genericSms.normalize(signed(body()));
    const event = canonicalEvent(draft!, NOW);
    expect(event).toMatchObject({ type: 'message.received', from: '+14155550123', source: 'generic' });
    expect(canonicalEvent(genericSms.normalize(signed(body()))[0]!, new Date()).eventId).toBe(event.eventId);
  });

  it('refuses CRM event types on the SMS endpoint', () => {
    const payload = fixtureJson<{ events: Record<string, unknown>[] }>('generic', 'sms-received');
    payload.events[0]!.type = 'opportunity.created';
    expect(() => genericSms.normalize(signed(JSON.stringify(payload)))).toThrow(MalformedPayloadError);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => genericSms.normalize(signed('events=1'))).toThrow(MalformedPayloadError);
  });
});
