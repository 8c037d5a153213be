import { Signature } from '@hubspot/api-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import { hubspot, hubspotSignedUri, signHubSpotV3 } from '../../../../shared/providers/crm/hubspot.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const SECRET = 'c5f1e6a2-7d3b-4e0a-9b8c-2f4d6e8a1b3c';
const SECRETS = { HUBSPOT_CLIENT_SECRET: SECRET };
const NOW = new Date('2026-11-25T15:04:10Z');
const URL = 'https://hooks.example.com/webhooks/crm/hubspot';

type Request = ReturnType<typeof webhookRequest>;

/** Signs a fresh body the way HubSpot does (v3); each test then breaks one thing. */
function signed(
  body: string,
  opts: { url?: string; secret?: string; timestamp?: number; signedUri?: string } = {},
): Request {
  const url = opts.url ?? URL;
  const timestamp = String(opts.timestamp ?? NOW.getTime());
  const signature = signHubSpotV3(
    opts.secret ?? SECRET,
    'POST',
    opts.signedUri ?? hubspotSignedUri(url),
    body,
    timestamp,
  );
  return webhookRequest({
    url,
    body,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
  });
}

const body = (name = 'deal-closed-won') => JSON.stringify(fixtureJson('hubspot', name));
const drafts = (name: string) => hubspot.normalize(signed(body(name)));

describe('Provider: HubSpot', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('verify', () => {
    it('accepts a correctly signed request', () => {
      expect(() => hubspot.verify(signed(body()), SECRETS, NOW)).not.toThrow();
    });

    it('agrees with @hubspot/api-client Signature.isValid (v3) on a valid and a forged request', () => {
      // Prepare: the library reads the clock itself.
      vi.useFakeTimers({ now: NOW });
      const request = signed(body());
      const check = (signature: string) =>
        Signature.isValid({
          signatureVersion: 'v3',
          signature,
          clientSecret: SECRET,
          requestBody: request.rawBody.toString('utf8'),
          method: 'POST',
          url: request.url,
          timestamp: Number(request.headers['x-hubspot-request-timestamp']),
        });
      const forged = signHubSpotV3('another-secret', 'POST', URL, request.rawBody, String(NOW.getTime()));

      // Act / Assess
      expect(check(request.headers['x-hubspot-signature-v3']!)).toBe(true);
      expect(() => hubspot.verify(request, SECRETS, NOW)).not.toThrow();
      expect(check(forged)).toBe(false);
      request.headers['x-hubspot-signature-v3'] = forged;
      expect(() => hubspot.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('verifies a URL whose query HubSpot decodes before signing', () => {
      const url = `${URL}?return=https%3A%2F%2Fapp.example.com%2Fdone%3Fok%3D1&tag=a%2Cb%20c`;
      const request = signed(body(), { url });
      expect(hubspotSignedUri(url)).toBe(`${URL}?return=https://app.example.com/done?ok%3D1&tag=a,b%20c`);
      expect(() => hubspot.verify(request, SECRETS, NOW)).not.toThrow();
    });

    it('also accepts a signature over the URL as received, which is what Signature.isValid computes', () => {
      vi.useFakeTimers({ now: NOW });
      const url = `${URL}?portal=a%2Cb`;
      const request = signed(body(), { url, signedUri: url });
      expect(
        Signature.isValid({
          signatureVersion: 'v3',
          signature: request.headers['x-hubspot-signature-v3']!,
          clientSecret: SECRET,
          requestBody: request.rawBody.toString('utf8'),
          url,
          timestamp: NOW.getTime(),
        }),
      ).toBe(true);
      expect(() => hubspot.verify(request, SECRETS, NOW)).not.toThrow();
    });

    it.each([
      ['a body changed after signing', (r: Request) => (r.rawBody = Buffer.from(`${r.rawBody} `))],
      ['a missing signature header', (r: Request) => delete r.headers['x-hubspot-signature-v3']],
      ['a missing timestamp header', (r: Request) => delete r.headers['x-hubspot-request-timestamp']],
      [
        'a timestamp changed after signing',
        (r: Request) => (r.headers['x-hubspot-request-timestamp'] = String(NOW.getTime() - 1000)),
      ],
      [
        'a timestamp that is not epoch milliseconds',
        (r: Request) => (r.headers['x-hubspot-request-timestamp'] = 'now'),
      ],
      ['another HTTP method', (r: Request) => (r.method = 'PUT')],
      ['another URL', (r: Request) => (r.url = `${URL}-other`)],
      [
        'a signature made with another secret',
        (r: Request) =>
          (r.headers['x-hubspot-signature-v3'] = signHubSpotV3(
            'other',
            'POST',
            URL,
            r.rawBody,
            r.headers['x-hubspot-request-timestamp']!,
          )),
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = signed(body());
      breakIt(request);
      expect(() => hubspot.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('rejects a timestamp older than five minutes even when the signature is right, as the library does', () => {
      vi.useFakeTimers({ now: NOW });
      const stale = NOW.getTime() - 300_001;
      const request = signed(body(), { timestamp: stale });
      expect(() => hubspot.verify(request, SECRETS, NOW)).toThrow(/window/);
      expect(() =>
        Signature.isValid({
          signatureVersion: 'v3',
          signature: request.headers['x-hubspot-signature-v3']!,
          clientSecret: SECRET,
          requestBody: request.rawBody.toString('utf8'),
          url: URL,
          timestamp: stale,
        }),
      ).toThrow(/Timestamp is invalid/);
    });

    it('rejects a timestamp more than five minutes in the future', () => {
      const request = signed(body(), { timestamp: NOW.getTime() + 300_001 });
      expect(() => hubspot.verify(request, SECRETS, NOW)).toThrow(/window/);
    });

    it('rejects everything when no client secret is configured', () => {
      expect(() => hubspot.verify(signed(body()), {}, NOW)).toThrow(SignatureInvalidError);
    });
  });

  describe('normalize', () => {
    it('maps contact.creation to crm.contact.upserted with a prefixed contact id', () => {
      const [draft, ...rest] = drafts('contact-creation');
      expect(rest).toHaveLength(0);
      expect(canonicalEvent(draft!, NOW)).toMatchObject({
        type: 'crm.contact.upserted',
        source: 'hubspot',
        contactId: 'hubspot:contact:96431027751',
        vendorRef: '44015577:2481730:1873492651',
        occurredAt: '2026-11-25T14:58:12.904Z',
      });
    });

    it('maps contact property changes: lifecycle stage to lead.qualified, phone to E.164, email, owner', () => {
      const events = drafts('contact-property-changes').map((d) => canonicalEvent(d, NOW));
      expect(events.map((e) => e.type)).toEqual([
        'lead.qualified',
        'crm.contact.upserted',
        'crm.contact.upserted',
        'crm.contact.upserted',
        'crm.contact.upserted',
      ]);
      expect(events[0]).toMatchObject({
        contactId: 'hubspot:contact:96431027751',
        toStage: 'marketingqualifiedlead',
      });
      expect(events[1]).toMatchObject({ lifecycleStage: 'marketingqualifiedlead' });
      expect(events[2]).toMatchObject({ phone: '+14155550123' });
      expect(events[3]).toMatchObject({ email: 'dana.whitfield@northwind-traders.com' });
      expect(events[4]).toMatchObject({ ownerId: 'hubspot:owner:81729364' });
    });

    it('maps company creation and name changes to crm.account.upserted', () => {
      const events = drafts('company-events').map((d) => canonicalEvent(d, NOW));
      expect(events).toMatchObject([
        { type: 'crm.account.upserted', accountId: 'hubspot:account:27744019876' },
        { type: 'crm.account.upserted', accountId: 'hubspot:account:27744019876', name: 'Northwind Traders' },
      ]);
    });

    it('maps deal.creation to opportunity.created', () => {
      const [event] = drafts('deal-creation').map((d) => canonicalEvent(d, NOW));
      expect(event).toMatchObject({
        type: 'opportunity.created',
        opportunityId: 'hubspot:opportunity:18339207405',
      });
    });

    it('maps dealstage -> closedwon to a stage change and a won close', () => {
      const events = drafts('deal-closed-won').map((d) => canonicalEvent(d, NOW));
      expect(events).toMatchObject([
        {
          type: 'opportunity.stage_changed',
          toStage: 'closedwon',
          opportunityId: 'hubspot:opportunity:18339207405',
        },
        { type: 'opportunity.closed', outcome: 'won', stage: 'closedwon' },
      ]);
    });

    it('maps closedlost to a lost close and an ordinary stage to a stage change only', () => {
      const events = fixtureJson<Record<string, unknown>[]>('hubspot', 'deal-closed-won');
      events.push({ ...events[0], eventId: 1873492950, propertyValue: 'closedlost' });
      events.push({ ...events[0], eventId: 1873492951, propertyValue: 'contractsent' });
      const types = hubspot
        .normalize(signed(JSON.stringify(events)))
        .map((d) => canonicalEvent(d, NOW))
        .map((e) => (e.type === 'opportunity.closed' ? `closed:${e.outcome}` : e.type));
      expect(types).toEqual([
        'opportunity.stage_changed',
        'closed:won',
        'opportunity.stage_changed',
        'closed:lost',
        'opportunity.stage_changed',
      ]);
    });

    it('ignores deal amount changes (no currency, no stage)', () => {
      expect(drafts('deal-amount-change')).toEqual([]);
    });

    it('sets the account from contact<->company associations and ignores removals and deal links', () => {
      const events = drafts('association-changes').map((d) => canonicalEvent(d, NOW));
      expect(events).toHaveLength(2);
      for (const event of events) {
        expect(event).toMatchObject({
          type: 'crm.contact.upserted',
          contactId: 'hubspot:contact:96431027751',
          accountId: 'hubspot:account:27744019876',
        });
      }
    });

    it('maps the generic object.* subscription format like the legacy one', () => {
      const [event] = fixtureJson<Record<string, unknown>[]>('hubspot', 'deal-closed-won');
      const generic = { ...event, subscriptionType: 'object.propertyChange', objectTypeId: '0-3' };
      const [draft] = hubspot.normalize(signed(JSON.stringify([generic])));
      expect(draft).toMatchObject({ type: 'opportunity.stage_changed', toStage: 'closedwon' });
    });

    it('gives a retried event (higher attemptNumber) the same event id', () => {
      const first = drafts('deal-closed-won').map((d) => canonicalEvent(d, NOW).eventId);
      const retried = fixtureJson<Record<string, unknown>[]>('hubspot', 'deal-closed-won');
      retried[0]!.attemptNumber = 3;
      const again = hubspot
        .normalize(signed(JSON.stringify(retried)))
        .map((d) => canonicalEvent(d, new Date()).eventId);
      expect(again).toEqual(first);
    });

    it('ignores subscription types it does not model', () => {
      const [event] = fixtureJson<Record<string, unknown>[]>('hubspot', 'contact-creation');
      const ignored = [
        { ...event, subscriptionType: 'contact.deletion' },
        { ...event, subscriptionType: 'ticket.creation' },
        { ...event, subscriptionType: 'contact.privacyDeletion' },
      ];
      expect(hubspot.normalize(signed(JSON.stringify(ignored)))).toEqual([]);
    });

    it.each([
      ['a body that is not JSON', 'eventId=1'],
      ['a JSON object instead of an array', JSON.stringify({ eventId: 1 })],
      ['an empty batch', '[]'],
      [
        'an event without portalId',
        JSON.stringify([
          { eventId: 1, subscriptionId: 2, occurredAt: 3, subscriptionType: 'contact.creation' },
        ]),
      ],
      [
        'an event with a string occurredAt',
        JSON.stringify([
          { ...fixtureJson<object[]>('hubspot', 'contact-creation')[0], occurredAt: 'yesterday' },
        ]),
      ],
    ])('refuses %s', (_name, raw) => {
      expect(() => hubspot.normalize(signed(raw))).toThrow(MalformedPayloadError);
    });
  });
});
