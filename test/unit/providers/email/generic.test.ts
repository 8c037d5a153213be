import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { genericEmail } from '../../../../shared/providers/email/generic.js';
import { signGeneric } from '../../../../shared/providers/genericSignature.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const SECRET = 'whsec_test_current';
const SECRETS = { GENERIC_WEBHOOK_SECRET: SECRET };
const NOW = new Date('2026-11-25T15:04:10Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

/** Signs a fresh body the way a generic sender must; each test then breaks one thing. */
function signed(body: string, opts: { secret?: string; timestamp?: number } = {}) {
  const timestamp = opts.timestamp ?? nowSeconds;
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/email/generic',
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signGeneric(opts.secret ?? SECRET, timestamp, body),
    },
  });
}

type Envelope = { events: Record<string, unknown>[] };
const body = () => JSON.stringify(fixtureJson('generic', 'email-events'));

describe('Provider: generic email', () => {
  it('is the email family of the generic vendor', () => {
    expect(genericEmail).toMatchObject({
      family: 'email',
      vendor: 'generic',
      contentTypes: ['application/json'],
    });
  });

  it('accepts a correctly signed request and the old secret during a rotation', () => {
    expect(() => genericEmail.verify(signed(body()), SECRETS, NOW)).not.toThrow();
    const old = signed(body(), { secret: 'whsec_old' });
    expect(() =>
      genericEmail.verify(old, { GENERIC_WEBHOOK_SECRET: `${SECRET},whsec_old` }, NOW),
    ).not.toThrow();
  });

  it.each([
    ['a body changed after signing', (r: WebhookRequest) => (r.rawBody = Buffer.from(`${r.rawBody} `))],
    ['a missing signature header', (r: WebhookRequest) => delete r.headers['webhook-signature']],
    [
      'a signature made with another secret',
      (r: WebhookRequest) => (r.headers['webhook-signature'] = signGeneric('other', nowSeconds, r.rawBody)),
    ],
  ])('rejects %s', (_name, breakIt) => {
    const request = signed(body());
    breakIt(request);
    expect(() => genericEmail.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
  });

  it('rejects a timestamp older than five minutes', () => {
    expect(() => genericEmail.verify(signed(body(), { timestamp: nowSeconds - 301 }), SECRETS, NOW)).toThrow(
      /window/,
    );
  });

  it('normalizes email events with the sender id as vendorRef and a deterministic eventId', () => {
    const events = genericEmail.normalize(signed(body())).map((draft) => canonicalEvent(draft, NOW));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'email.opened',
        source: 'generic',
        vendorRef: 'esp_evt_01JD9Z6B2W3X4Y5Z6A7B8C9D0E',
        email: 'dana.reyes@example.com',
        campaignId: 'spring-2026',
        machineOpen: false,
      }),
      expect.objectContaining({
        type: 'email.clicked',
        destination: 'https://www.example.com/renew',
        bot: false,
      }),
    ]);
    const again = canonicalEvent(genericEmail.normalize(signed(body()))[0]!, new Date());
    expect(again.eventId).toBe(events[0]!.eventId);
  });

  it.each(['message.received', 'opportunity.created'])('refuses %s on the email endpoint', (type) => {
    const payload = fixtureJson<Envelope>('generic', 'email-events');
    payload.events[0]!.type = type;
    expect(() => genericEmail.normalize(signed(JSON.stringify(payload)))).toThrow(MalformedPayloadError);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => genericEmail.normalize(signed('events=1'))).toThrow(MalformedPayloadError);
  });
});
