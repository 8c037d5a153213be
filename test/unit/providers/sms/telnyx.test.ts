import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import Telnyx from 'telnyx';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { telnyx } from '../../../../shared/providers/sms/telnyx.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const NOW = new Date('2026-11-25T15:04:10Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

/** A keypair like the one behind the portal's public key; the portal shows the raw 32 bytes in base64. */
function keypair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { privateKey, publicKeyBase64: raw.toString('base64') };
}
const current = keypair();
const SECRETS = { TELNYX_PUBLIC_KEY: current.publicKeyBase64 };

function signTelnyx(privateKey: KeyObject, timestamp: number | string, body: string): string {
  return sign(null, Buffer.from(`${timestamp}|${body}`), privateKey).toString('base64');
}

/** Signs a fresh body the way Telnyx does; each test then breaks one thing. */
function signed(body: string, opts: { timestamp?: number; privateKey?: KeyObject } = {}) {
  const timestamp = opts.timestamp ?? nowSeconds;
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/sms/telnyx',
    body,
    headers: {
      'content-type': 'application/json',
      'telnyx-timestamp': String(timestamp),
      'telnyx-signature-ed25519': signTelnyx(opts.privateKey ?? current.privateKey, timestamp, body),
    },
  });
}

const body = (name = 'message-received') => JSON.stringify(fixtureJson('telnyx', name));
const normalizeOne = (name: string) => {
  const drafts = telnyx.normalize(signed(body(name)));
  expect(drafts).toHaveLength(1);
  return canonicalEvent(drafts[0]!, NOW);
};

describe('Provider: Telnyx', () => {
  describe('signature', () => {
    it('accepts a correctly signed request', () => {
      expect(() => telnyx.verify(signed(body()), SECRETS, NOW)).not.toThrow();
    });

    it('accepts the old public key during a rotation', () => {
      const old = keypair();
      const request = signed(body(), { privateKey: old.privateKey });
      const secrets = { TELNYX_PUBLIC_KEY: `${current.publicKeyBase64},${old.publicKeyBase64}` };
      expect(() => telnyx.verify(request, secrets, NOW)).not.toThrow();
    });

    it.each([
      ['a body changed after signing', (r: WebhookRequest) => (r.rawBody = Buffer.from(`${r.rawBody} `))],
      [
        'a timestamp changed after signing',
        (r: WebhookRequest) => (r.headers['telnyx-timestamp'] = String(nowSeconds - 1)),
      ],
      ['a missing signature header', (r: WebhookRequest) => delete r.headers['telnyx-signature-ed25519']],
      ['a missing timestamp header', (r: WebhookRequest) => delete r.headers['telnyx-timestamp']],
      [
        'a signature made with another key',
        (r: WebhookRequest) =>
          (r.headers['telnyx-signature-ed25519'] = signTelnyx(
            keypair().privateKey,
            nowSeconds,
            `${r.rawBody}`,
          )),
      ],
      [
        'a signature that is not 64 bytes of base64',
        (r: WebhookRequest) => (r.headers['telnyx-signature-ed25519'] = 'bm90LWEtc2lnbmF0dXJl'),
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = signed(body());
      breakIt(request);
      expect(() => telnyx.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('rejects a timestamp more than 300 s old even when the signature is right', () => {
      expect(() => telnyx.verify(signed(body(), { timestamp: nowSeconds - 301 }), SECRETS, NOW)).toThrow(
        /window/,
      );
      expect(() =>
        telnyx.verify(signed(body(), { timestamp: nowSeconds - 300 }), SECRETS, NOW),
      ).not.toThrow();
    });

    it('rejects everything when no key is configured, and names a key that is not 32 bytes', () => {
      expect(() => telnyx.verify(signed(body()), {}, NOW)).toThrow(SignatureInvalidError);
      expect(() => telnyx.verify(signed(body()), { TELNYX_PUBLIC_KEY: 'c2hvcnQ=' }, NOW)).toThrow(
        /TELNYX_PUBLIC_KEY/,
      );
    });
  });

  describe('agrees with the telnyx library (webhooks.unwrap)', () => {
    // The library reads the clock itself, so pin it to the same instant we pass to ours.
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(NOW);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    const client = new Telnyx({ apiKey: 'KEY_test_unused', publicKey: current.publicKeyBase64 });
    const unwrap = (r: WebhookRequest) =>
      client.webhooks.unwrap(r.rawBody.toString('utf8'), { headers: r.headers });
    const ours = (r: WebhookRequest) => () => telnyx.verify(r, SECRETS, NOW);

    it('both accept a request signed as Telnyx signs it', async () => {
      const request = signed(body('message-sent'));
      await expect(unwrap(request)).resolves.toMatchObject({ data: { event_type: 'message.sent' } });
      expect(ours(request)).not.toThrow();
    });

    it('both reject a tampered body', async () => {
      const request = signed(body('message-sent'));
      request.rawBody = Buffer.from(request.rawBody.toString('utf8').replace('+13125550142', '+13125550143'));
      await expect(unwrap(request)).rejects.toThrow(/signature/i);
      expect(ours(request)).toThrow(SignatureInvalidError);
    });

    it('both reject a stale timestamp with a valid signature', async () => {
      const request = signed(body(), { timestamp: nowSeconds - 301 });
      await expect(unwrap(request)).rejects.toThrow(/timestamp/i);
      expect(ours(request)).toThrow(SignatureInvalidError);
    });
  });

  describe('normalize', () => {
    it('maps message.received to an inbound message keyed by the message id', () => {
      const event = normalizeOne('message-received');
      expect(event).toMatchObject({
        type: 'message.received',
        source: 'telnyx',
        vendorRef: '84cca175-9755-4859-b67f-4730d7f58aa3',
        messageId: '84cca175-9755-4859-b67f-4730d7f58aa3',
        occurredAt: '2026-11-25T15:04:05.312Z',
        phone: '+13125550142',
        from: '+13125550142',
        to: '+18445550001',
        body: 'Can we talk tomorrow at 10?',
        mediaUrls: [],
      });
    });

    it('gives a redelivery under a new webhook id the same eventId', () => {
      const payload = fixtureJson<{ data: { id: string }; meta: { attempt: number } }>(
        'telnyx',
        'message-received',
      );
      payload.data.id = 'f1b2c3d4-0000-4000-8000-000000000001';
      payload.meta.attempt = 2;
      const again = canonicalEvent(telnyx.normalize(signed(JSON.stringify(payload)))[0]!, new Date());
      expect(again.eventId).toBe(normalizeOne('message-received').eventId);
    });

    it('keeps MMS media urls', () => {
      const payload = fixtureJson<{ data: { payload: Record<string, unknown> } }>(
        'telnyx',
        'message-received',
      );
      payload.data.payload.type = 'MMS';
      payload.data.payload.media = [
        { url: 'https://media.telnyx.example/abc.jpg', content_type: 'image/jpeg' },
      ];
      const [draft] = telnyx.normalize(signed(JSON.stringify(payload)));
      expect(draft).toMatchObject({ mediaUrls: ['https://media.telnyx.example/abc.jpg'] });
    });

    it('maps message.sent to a touch carrying campaign identity from tags and the cost in cents', () => {
      expect(normalizeOne('message-sent')).toMatchObject({
        type: 'message.sent',
        channel: 'sms',
        messageId: '40385f64-5717-4562-b3fc-2c963f66afa6',
        to: '+13125550142',
        from: '+18445550001',
        programId: 'renewals',
        kind: 'campaign',
        campaignId: 'spring-2026',
        templateId: 'tpl_spring_v2',
        variant: 'personalized',
        cost: { segments: 1, priceMinor: 1, currency: 'USD' },
      });
    });

    it('maps a delivered message.finalized to message.delivered, a different event from its send', () => {
      const delivered = normalizeOne('message-finalized-delivered');
      expect(delivered).toMatchObject({
        type: 'message.delivered',
        to: '+13125550142',
        campaignId: 'spring-2026',
      });
      expect(delivered.eventId).not.toBe(normalizeOne('message-sent').eventId);
    });

    it('flags error 40300 (blocked by STOP) as a carrier opt-out and reads flow identity', () => {
      expect(normalizeOne('message-finalized-blocked-stop')).toMatchObject({
        type: 'message.failed',
        to: '+17735550163',
        errorCode: '40300',
        errorMessage: 'Blocked due to STOP message',
        carrierOptOut: true,
        kind: 'flow',
        workflowId: 'wf_onboarding',
        step: 2,
        programId: 'onboarding',
      });
    });

    it('maps other delivery failures without claiming an opt-out', () => {
      expect(normalizeOne('message-finalized-delivery-failed')).toMatchObject({
        type: 'message.failed',
        errorCode: '40008',
        carrierOptOut: false,
      });
    });

    it.each([
      ['delivery_unconfirmed', 'message.finalized', 'SMS'],
      ['sent', 'message.read', 'SMS'],
      ['delivered', 'message.finalized', 'RCS'],
      ['delivered', 'call.hangup', 'SMS'],
    ])('yields no event for status %s of %s (%s)', (status, eventType, channel) => {
      const payload = fixtureJson<{
        data: { event_type: string; payload: { type: string; to: { status: string }[] } };
      }>('telnyx', 'message-finalized-delivered');
      payload.data.event_type = eventType;
      payload.data.payload.type = channel;
      payload.data.payload.to[0]!.status = status;
      expect(telnyx.normalize(signed(JSON.stringify(payload)))).toEqual([]);
    });

    it('refuses a message webhook without the message id', () => {
      const payload = fixtureJson<{ data: { payload: Record<string, unknown> } }>(
        'telnyx',
        'message-received',
      );
      delete payload.data.payload.id;
      expect(() => telnyx.normalize(signed(JSON.stringify(payload)))).toThrow(MalformedPayloadError);
    });

    it.each([
      ['not JSON', 'data=1'],
      ['no data envelope', '{"event_type":"message.received"}'],
    ])('refuses a body that is %s', (_name, raw) => {
      expect(() => telnyx.normalize(signed(raw))).toThrow(MalformedPayloadError);
    });
  });
});
