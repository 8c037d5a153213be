import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import { genericCrm } from '../../../../shared/providers/crm/generic.js';
import { signGeneric } from '../../../../shared/providers/genericSignature.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const SECRET = 'whsec_crm_current';
const SECRETS = { GENERIC_WEBHOOK_SECRET: SECRET };
const NOW = new Date('2026-11-25T15:04:10Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

type Request = ReturnType<typeof webhookRequest>;
type Envelope = { events: Record<string, unknown>[] };

/** Signs a fresh body the way a generic sender must; each test then breaks one thing. */
function signed(body: string, opts: { secret?: string; timestamp?: number } = {}) {
  const timestamp = opts.timestamp ?? nowSeconds;
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/crm/generic',
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signGeneric(opts.secret ?? SECRET, timestamp, body),
    },
  });
}

const payload = () => fixtureJson<Envelope>('generic', 'crm-revenue');
const body = () => JSON.stringify(payload());

describe('Provider: generic CRM', () => {
  describe('verify', () => {
    it('accepts a correctly signed request', () => {
      expect(() => genericCrm.verify(signed(body()), SECRETS, NOW)).not.toThrow();
    });

    it('accepts the old secret during a rotation', () => {
      const request = signed(body(), { secret: 'whsec_crm_old' });
      expect(() =>
        genericCrm.verify(request, { GENERIC_WEBHOOK_SECRET: `${SECRET},whsec_crm_old` }, NOW),
      ).not.toThrow();
    });

    it.each([
      ['a body changed after signing', (r: Request) => (r.rawBody = Buffer.from(`${r.rawBody} `))],
      ['a missing signature header', (r: Request) => delete r.headers['webhook-signature']],
      ['a missing timestamp header', (r: Request) => delete r.headers['webhook-timestamp']],
      [
        'a signature made with another secret',
        (r: Request) => (r.headers['webhook-signature'] = signGeneric('other', nowSeconds, r.rawBody)),
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = signed(body());
      breakIt(request);
      expect(() => genericCrm.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('rejects a timestamp older than five minutes even when the signature is right', () => {
      const request = signed(body(), { timestamp: nowSeconds - 301 });
      expect(() => genericCrm.verify(request, SECRETS, NOW)).toThrow(/window/);
    });

    it('rejects everything when no secret is configured', () => {
      expect(() => genericCrm.verify(signed(body()), {}, NOW)).toThrow(SignatureInvalidError);
    });
  });

  describe('normalize', () => {
    it('maps each item to its canonical event, with the sender id as vendorRef and phones in E.164', () => {
      const events = genericCrm.normalize(signed(body())).map((d) => canonicalEvent(d, NOW));
      expect(events).toMatchObject([
        {
          type: 'opportunity.closed',
          source: 'generic',
          vendorRef: 'opp_7Hq2Lm9X:closed',
          opportunityId: 'opp_7Hq2Lm9X',
          phone: '+14155550123',
          outcome: 'won',
          amountMinor: 1_850_000,
        },
        { type: 'order.placed', orderId: 'ord_01JDA2K7M4', revenueMinor: 12_900, discountMinor: 1000 },
        { type: 'invoice.paid', invoiceId: 'in_1QfT2sKx', amountMinor: 49_900 },
        { type: 'subscription.expanded', subscriptionId: 'sub_1Pq8ZrKx', deltaArrMinor: 119_760 },
      ]);
    });

    it('gives a resent item the same event id', () => {
      const first = canonicalEvent(genericCrm.normalize(signed(body()))[0]!, NOW).eventId;
      const again = canonicalEvent(genericCrm.normalize(signed(body()))[0]!, new Date()).eventId;
      expect(again).toBe(first);
    });

    it.each([['message.received'], ['email.opened'], ['consent.changed']])(
      'refuses %s, which belongs to another endpoint',
      (type) => {
        const envelope = payload();
        envelope.events[0]!.type = type;
        expect(() => genericCrm.normalize(signed(JSON.stringify(envelope)))).toThrow(MalformedPayloadError);
      },
    );

    it.each([
      ['a body that is not JSON', 'events=1'],
      ['an envelope without events', JSON.stringify({ data: [] })],
      ['an item without an id', JSON.stringify({ events: [{ type: 'order.placed' }] })],
    ])('refuses %s', (_name, raw) => {
      expect(() => genericCrm.normalize(signed(raw))).toThrow(MalformedPayloadError);
    });
  });
});
