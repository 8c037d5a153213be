import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { sendgrid } from '../../../../shared/providers/email/sendgrid.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const NOW = new Date('2026-11-25T15:04:10Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const SIGNATURE = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';

/** A P-256 keypair; SendGrid shows the public half as base64 SPKI DER under Mail Settings. */
function keypair(namedCurve = 'prime256v1') {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve });
  return {
    privateKey,
    verificationKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}
const current = keypair();
const SECRETS = { SENDGRID_VERIFICATION_KEY: current.verificationKey };

/** ECDSA P-256 / SHA-256 over timestamp + body, DER-encoded, as SendGrid signs. */
function signSendgrid(privateKey: KeyObject, timestamp: number | string, body: string): string {
  return sign('sha256', Buffer.from(`${timestamp}${body}`), privateKey).toString('base64');
}

/** Signs a fresh body the way SendGrid does; each test then breaks one thing. */
function signed(body: string, opts: { timestamp?: number; privateKey?: KeyObject } = {}) {
  const timestamp = opts.timestamp ?? nowSeconds;
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/email/sendgrid',
    body,
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP]: String(timestamp),
      [SIGNATURE]: signSendgrid(opts.privateKey ?? current.privateKey, timestamp, body),
    },
  });
}

type SendgridItem = Record<string, unknown>;
const batch = () => fixtureJson<SendgridItem[]>('sendgrid', 'batch');
const body = () => JSON.stringify(batch());
const normalize = (items: SendgridItem[]) =>
  sendgrid.normalize(signed(JSON.stringify(items))).map((draft) => canonicalEvent(draft, NOW));
const byEventId = (sgEventId: string) => batch().filter((item) => item.sg_event_id === sgEventId);

describe('Provider: SendGrid', () => {
  describe('signature', () => {
    it('accepts a correctly signed request', () => {
      expect(() => sendgrid.verify(signed(body()), SECRETS, NOW)).not.toThrow();
    });

    it('accepts a regenerated key while the old one is still configured', () => {
      const next = keypair();
      const secrets = { SENDGRID_VERIFICATION_KEY: `${current.verificationKey},${next.verificationKey}` };
      expect(() =>
        sendgrid.verify(signed(body(), { privateKey: next.privateKey }), secrets, NOW),
      ).not.toThrow();
    });

    it.each([
      ['a body changed after signing', (r: WebhookRequest) => (r.rawBody = Buffer.from(`${r.rawBody} `))],
      [
        'a timestamp changed after signing',
        (r: WebhookRequest) => (r.headers[TIMESTAMP] = String(nowSeconds - 1)),
      ],
      ['a missing signature header', (r: WebhookRequest) => delete r.headers[SIGNATURE]],
      ['a missing timestamp header', (r: WebhookRequest) => delete r.headers[TIMESTAMP]],
      [
        'a signature made with another key',
        (r: WebhookRequest) =>
          (r.headers[SIGNATURE] = signSendgrid(keypair().privateKey, nowSeconds, `${r.rawBody}`)),
      ],
      ['a signature that is not DER', (r: WebhookRequest) => (r.headers[SIGNATURE] = 'bm90LWEtc2lnbmF0dXJl')],
      ['a signature that is not base64', (r: WebhookRequest) => (r.headers[SIGNATURE] = 'not base64!')],
    ])('rejects %s', (_name, breakIt) => {
      const request = signed(body());
      breakIt(request);
      expect(() => sendgrid.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('rejects a timestamp older than five minutes even when the signature is right', () => {
      expect(() => sendgrid.verify(signed(body(), { timestamp: nowSeconds - 301 }), SECRETS, NOW)).toThrow(
        /window/,
      );
      expect(() =>
        sendgrid.verify(signed(body(), { timestamp: nowSeconds - 299 }), SECRETS, NOW),
      ).not.toThrow();
    });

    it('rejects everything when no key is configured, and names a key that is not P-256', () => {
      expect(() => sendgrid.verify(signed(body()), {}, NOW)).toThrow(SignatureInvalidError);
      const p384 = { SENDGRID_VERIFICATION_KEY: keypair('secp384r1').verificationKey };
      expect(() => sendgrid.verify(signed(body()), p384, NOW)).toThrow(/SENDGRID_VERIFICATION_KEY/);
    });
  });

  describe('agrees with @sendgrid/eventwebhook (verifySignature)', () => {
    const library = new EventWebhook();
    const key = library.convertPublicKeyToECDSA(current.verificationKey);
    const libraryAccepts = (r: WebhookRequest) =>
      library.verifySignature(key, r.rawBody, r.headers[SIGNATURE]!, r.headers[TIMESTAMP]!);

    it('both accept a request signed as SendGrid signs it', () => {
      const request = signed(body());
      expect(libraryAccepts(request)).toBe(true);
      expect(() => sendgrid.verify(request, SECRETS, NOW)).not.toThrow();
    });

    it('both reject a tampered body', () => {
      const request = signed(body());
      request.rawBody = Buffer.from(request.rawBody.toString('utf8').replace('"open"', '"click"'));
      expect(libraryAccepts(request)).toBe(false);
      expect(() => sendgrid.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('goes further than the library: a correctly signed replay from an hour ago is refused', () => {
      const request = signed(body(), { timestamp: nowSeconds - 3600 });
      expect(libraryAccepts(request)).toBe(true);
      expect(() => sendgrid.verify(request, SECRETS, NOW)).toThrow(/window/);
    });
  });

  describe('normalize', () => {
    it('maps every modelled event in a batch and skips deferred', () => {
      const events = normalize(batch());
      expect(events.map((e) => e.type)).toEqual([
        'email.sent',
        'email.delivered',
        'email.opened',
        'email.opened',
        'email.clicked',
        'email.bounced',
        'email.bounced',
        'email.bounced',
        'email.unsubscribed',
        'email.unsubscribed',
        'email.unsubscribed',
      ]);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    });

    it('keys each event by sg_event_id and carries touch identity from custom args', () => {
      const [sent] = normalize(byEventId('cHJvY2Vzc2VkLTM4NjQ1NjEyLTR4RzJmTnpOVG1HNVl6Vm5aWWRYc0EtMA'));
      expect(sent).toMatchObject({
        type: 'email.sent',
        source: 'sendgrid',
        vendorRef: 'cHJvY2Vzc2VkLTM4NjQ1NjEyLTR4RzJmTnpOVG1HNVl6Vm5aWWRYc0EtMA',
        occurredAt: '2026-11-25T15:00:05.000Z',
        email: 'dana.reyes@example.com',
        channel: 'email',
        messageId: '4xG2fNzNTmG5YzVnZYdXsA.recvd-5d8c4d7b94-2ntbl-1-6744A1F5-12.0',
        programId: 'renewals',
        kind: 'campaign',
        campaignId: 'spring-2026',
        templateId: 'tpl_spring_v2',
        variant: 'personalized',
        utm: { source: 'sendgrid', medium: 'email', campaign: 'spring-2026' },
      });
      const again = normalize(byEventId('cHJvY2Vzc2VkLTM4NjQ1NjEyLTR4RzJmTnpOVG1HNVl6Vm5aWWRYc0EtMA'));
      expect(again[0]!.eventId).toBe(sent!.eventId);
    });

    it.each([
      ['b3Blbi0xLTM4NjQ1NjEyLTR4RzJmTnpOVG1HNVl6Vm5aWWRYc0EtMA', { type: 'email.opened', machineOpen: true }],
      [
        'b3Blbi0yLTM4NjQ1NjEyLTR4RzJmTnpOVG1HNVl6Vm5aWWRYc0EtMA',
        { type: 'email.opened', machineOpen: false },
      ],
      [
        'Y2xpY2stMC0zODY0NTYxMi00eEcyZk56TlRtRzVZelZuWllkWHNBLTA',
        {
          type: 'email.clicked',
          destination:
            'https://www.example.com/renew?utm_source=sendgrid&utm_medium=email&utm_campaign=spring-2026',
          bot: false,
        },
      ],
      [
        'Ym91bmNlLTAtMzg2NDU2MTMtUW05dkJjMkhUcnExclFtVmgwaEp0QS0w',
        { type: 'email.bounced', bounceType: 'hard', kind: 'flow', workflowId: 'wf_onboarding', step: 2 },
      ],
      [
        'YmxvY2tlZC0wLTM4NjQ1NjE0LVp0NXVMdzB6UTh5WWgzcDFjWGsyVmctMA',
        { type: 'email.bounced', bounceType: 'blocked' },
      ],
      [
        'ZHJvcC0wLTM4NjQ1NjE1LUhrM3BROXJUUjBlN3ZXbTJ5WGExQmctMA',
        { type: 'email.bounced', bounceType: 'hard', reason: 'Bounced Address' },
      ],
      [
        'dW5zdWJzY3JpYmUtMC0zODY0NTYxNi1ucFd5UzBCdFJxaXFqN2hTVTBiVkxRLTA',
        { type: 'email.unsubscribed', scope: 'all' },
      ],
      [
        'Z3JvdXBfdW5zdWJzY3JpYmUtMC0zODY0NTYxNy1ucFd5UzBCdFJxaXFqN2hTVTBiVkxRLTA',
        { type: 'email.unsubscribed', scope: 'group' },
      ],
      [
        'c3BhbXJlcG9ydC0wLTM4NjQ1NjE4LUpjOHRGMlFpUjN1UjZ3Y0I0bk1hVWctMA',
        { type: 'email.unsubscribed', scope: 'all' },
      ],
    ])('maps event %s', (sgEventId, expected) => {
      expect(normalize(byEventId(sgEventId))).toEqual([expect.objectContaining(expected)]);
    });

    it('treats a drop by suppression as blocked, not as a bad address', () => {
      const [drop] = byEventId('ZHJvcC0wLTM4NjQ1NjE1LUhrM3BROXJUUjBlN3ZXbTJ5WGExQmctMA');
      expect(normalize([{ ...drop, reason: 'Unsubscribed Address' }])).toEqual([
        expect.objectContaining({ type: 'email.bounced', bounceType: 'blocked' }),
      ]);
    });

    it('keeps a dropped event whose address is not an email, without an email identity', () => {
      const [drop] = byEventId('ZHJvcC0wLTM4NjQ1NjE1LUhrM3BROXJUUjBlN3ZXbTJ5WGExQmctMA');
      const [event] = normalize([{ ...drop, email: 'not an email address', reason: 'Invalid' }]);
      expect(event).toMatchObject({ type: 'email.bounced', bounceType: 'hard' });
      expect(event).not.toHaveProperty('email');
    });

    it('ignores event kinds it does not model, even without ids', () => {
      expect(
        normalize([{ event: 'group_resubscribe', email: 'lee.chen@example.com', timestamp: 1795619040 }]),
      ).toEqual([]);
      expect(normalize([])).toEqual([]);
    });

    it.each([
      ['a modelled event without sg_event_id', [{ ...batch()[2], sg_event_id: undefined }]],
      ['a click without url', [{ ...batch()[5], url: undefined }]],
      [
        'an event without any message id',
        [{ ...batch()[9], sg_message_id: undefined, 'smtp-id': undefined }],
      ],
      ['an object instead of an array', { event: 'processed' }],
    ])('refuses %s', (_name, items) => {
      expect(() => sendgrid.normalize(signed(JSON.stringify(items)))).toThrow(MalformedPayloadError);
    });

    it('refuses a body that is not JSON', () => {
      expect(() => sendgrid.normalize(signed('event=processed'))).toThrow(MalformedPayloadError);
    });
  });
});
