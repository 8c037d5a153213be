import { createHash, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { vonage } from '../../../../shared/providers/sms/vonage.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const SECRET = 'vonage-signature-secret-0123456789abcdef0123456789abcdef0123456789ab';
const SECRETS = { VONAGE_SIGNATURE_SECRET: SECRET };
const NOW = new Date('2026-11-25T15:04:10Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

const sha256Hex = (body: string) => createHash('sha256').update(body).digest('hex');

/** A Messages API webhook JWT as Vonage issues it, signed by jose (an independent JWT implementation). */
function vonageJwt(
  body: string,
  opts: { secret?: string; iat?: number; alg?: string; claims?: Record<string, unknown> } = {},
) {
  return new SignJWT({
    api_key: '4f2a7c1e',
    application_id: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    payload_hash: sha256Hex(body),
    ...opts.claims,
  })
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .setIssuedAt(opts.iat ?? nowSeconds)
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

/** Signs a fresh body the way Vonage does; each test then breaks one thing. */
async function signed(body: string, opts: Parameters<typeof vonageJwt>[1] = {}) {
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/sms/vonage',
    body,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await vonageJwt(body, opts)}` },
  });
}

const body = (name = 'status-submitted') => JSON.stringify(fixtureJson('vonage', name));
const normalizeOne = async (raw: string) => {
  const drafts = vonage.normalize(await signed(raw));
  expect(drafts).toHaveLength(1);
  return canonicalEvent(drafts[0]!, NOW);
};

describe('Provider: Vonage', () => {
  describe('signature', () => {
    it('accepts a JWT signed with the signature secret over this body', async () => {
      const request = await signed(body());
      expect(() => vonage.verify(request, SECRETS, NOW)).not.toThrow();
    });

    it('accepts the old secret during a rotation', async () => {
      const request = await signed(body(), { secret: 'old-secret-old-secret-old-secret-old-secret' });
      const secrets = { VONAGE_SIGNATURE_SECRET: `${SECRET},old-secret-old-secret-old-secret-old-secret` };
      expect(() => vonage.verify(request, secrets, NOW)).not.toThrow();
    });

    const useToken = (r: WebhookRequest, token: string) => {
      r.headers.authorization = `Bearer ${token}`;
    };
    const bodyOf = (r: WebhookRequest) => r.rawBody.toString('utf8');

    it.each([
      [
        'a body changed after signing',
        async (r: WebhookRequest) => {
          r.rawBody = Buffer.from(`${bodyOf(r)} `);
        },
      ],
      [
        'a missing Authorization header',
        async (r: WebhookRequest) => {
          delete r.headers.authorization;
        },
      ],
      [
        'Basic instead of Bearer authorization',
        async (r: WebhookRequest) => {
          r.headers.authorization = 'Basic NGYyYTdjMWU6c2VjcmV0';
        },
      ],
      [
        'a JWT signed with another secret',
        async (r: WebhookRequest) =>
          useToken(r, await vonageJwt(bodyOf(r), { secret: 'not-the-secret-'.repeat(4) })),
      ],
      [
        'an unsigned JWT (alg none)',
        async (r: WebhookRequest) =>
          useToken(
            r,
            new UnsecuredJWT({ payload_hash: sha256Hex(bodyOf(r)) }).setIssuedAt(nowSeconds).encode(),
          ),
      ],
      [
        'a JWT signed with HS512 under the same secret',
        async (r: WebhookRequest) => useToken(r, await vonageJwt(bodyOf(r), { alg: 'HS512' })),
      ],
      [
        'a valid JWT whose payload_hash is for another body',
        async (r: WebhookRequest) => useToken(r, await vonageJwt('{"status":"delivered"}')),
      ],
      [
        'a valid JWT without payload_hash',
        async (r: WebhookRequest) =>
          useToken(r, await vonageJwt(bodyOf(r), { claims: { payload_hash: undefined } })),
      ],
      [
        'a JWT whose claims were edited after signing',
        async (r: WebhookRequest) => {
          const [header, , signature] = r.headers.authorization!.slice('Bearer '.length).split('.');
          const claims = { iat: nowSeconds, payload_hash: sha256Hex('{}') };
          useToken(r, `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`);
          r.rawBody = Buffer.from('{}');
        },
      ],
    ])('rejects %s', async (_name, breakIt) => {
      const request = await signed(body());
      await breakIt(request);
      expect(() => vonage.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('says which algorithm it refused, whatever the signature', async () => {
      const request = await signed(body());
      useToken(request, new UnsecuredJWT({ payload_hash: sha256Hex(bodyOf(request)) }).encode());
      expect(() => vonage.verify(request, SECRETS, NOW)).toThrow(/alg "none"/);
      useToken(request, await vonageJwt(bodyOf(request), { alg: 'HS512' }));
      expect(() => vonage.verify(request, SECRETS, NOW)).toThrow(/alg "HS512"/);
    });

    it('rejects an iat older than five minutes even when everything else is right', async () => {
      const stale = await signed(body(), { iat: nowSeconds - 301 });
      expect(() => vonage.verify(stale, SECRETS, NOW)).toThrow(/iat/);
      const fresh = await signed(body(), { iat: nowSeconds - 299 });
      expect(() => vonage.verify(fresh, SECRETS, NOW)).not.toThrow();
    });

    it('rejects a JWT past its exp', async () => {
      const request = await signed(body(), { claims: { exp: nowSeconds - 1 } });
      expect(() => vonage.verify(request, SECRETS, NOW)).toThrow(/expired/);
    });

    it('rejects everything when no secret is configured', async () => {
      const request = await signed(body());
      expect(() => vonage.verify(request, {}, NOW)).toThrow(SignatureInvalidError);
    });

    it('agrees with jose.jwtVerify on a valid token and on one with a flipped signature', async () => {
      const key = new TextEncoder().encode(SECRET);
      const request = await signed(body());
      const token = request.headers.authorization!.slice('Bearer '.length);
      await expect(jwtVerify(token, key, { algorithms: ['HS256'], currentDate: NOW })).resolves.toBeDefined();
      expect(() => vonage.verify(request, SECRETS, NOW)).not.toThrow();

      // Flip the first signature character: the last one partly holds unused padding bits.
      const [header, claims, signature] = token.split('.') as [string, string, string];
      const flipped = signature.startsWith('A') ? 'B' : 'A';
      const tampered = `${header}.${claims}.${flipped}${signature.slice(1)}`;
      request.headers.authorization = `Bearer ${tampered}`;
      await expect(jwtVerify(tampered, key, { algorithms: ['HS256'], currentDate: NOW })).rejects.toThrow();
      expect(() => vonage.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });
  });

  describe('normalize', () => {
    it('maps an inbound SMS to message.received with E.164 numbers', async () => {
      const event = await normalizeOne(body('inbound-sms'));
      expect(event).toMatchObject({
        type: 'message.received',
        source: 'vonage',
        vendorRef: '3b2c8f4e-6a1d-4f0e-9c57-1d2e3f4a5b6c',
        occurredAt: '2026-11-25T15:04:05.000Z',
        phone: '+14155550100',
        from: '+14155550100',
        to: '+12015550123',
        body: 'Yes, 10am tomorrow works for me',
        mediaUrls: [],
      });
      expect((await normalizeOne(body('inbound-sms'))).eventId).toBe(event.eventId);
    });

    it('maps submitted to message.sent with identity from client_ref and the cost in cents', async () => {
      expect(await normalizeOne(body('status-submitted'))).toMatchObject({
        type: 'message.sent',
        channel: 'sms',
        messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab',
        to: '+14155550100',
        from: '+12015550123',
        programId: 'renewals',
        kind: 'campaign',
        campaignId: 'spring-2026',
        templateId: 'tpl_s2',
        variant: 'pers',
        cost: { segments: 2, priceMinor: 3, currency: 'EUR' },
      });
    });

    it('maps delivered to message.delivered, a separate event from the send of the same message', async () => {
      const delivered = await normalizeOne(body('status-delivered'));
      expect(delivered).toMatchObject({
        type: 'message.delivered',
        to: '+14155550100',
        campaignId: 'spring-2026',
      });
      expect(delivered.eventId).not.toBe((await normalizeOne(body('status-submitted'))).eventId);
    });

    it('maps rejected to message.failed with the error code and flow identity', async () => {
      expect(await normalizeOne(body('status-rejected'))).toMatchObject({
        type: 'message.failed',
        errorCode: '1120',
        errorMessage: 'Illegal Sender Address - rejected',
        carrierOptOut: false,
        kind: 'flow',
        workflowId: 'wf_onb',
        step: 2,
      });
    });

    it('flags a rejection whose error says the recipient opted out, and maps undeliverable too', async () => {
      const payload = fixtureJson<Record<string, unknown>>('vonage', 'status-rejected');
      payload.status = 'undeliverable';
      payload.error = {
        type: 'https://developer.nexmo.com/api-errors/messages-olympus#1470',
        detail: 'Recipient opted out',
      };
      expect(await normalizeOne(JSON.stringify(payload))).toMatchObject({
        type: 'message.failed',
        errorCode: '1470',
        carrierOptOut: true,
      });
    });

    it('keeps a status whose client_ref is not ours, without campaign identity', async () => {
      const payload = fixtureJson<Record<string, unknown>>('vonage', 'status-delivered');
      payload.client_ref = 'order-8812';
      const event = await normalizeOne(JSON.stringify(payload));
      expect(event).toMatchObject({ type: 'message.delivered', campaignId: undefined, kind: undefined });
    });

    it('fits the documented client_ref identity into 100 characters', () => {
      for (const name of ['status-submitted', 'status-rejected']) {
        expect(fixtureJson<{ client_ref: string }>('vonage', name).client_ref.length).toBeLessThanOrEqual(
          100,
        );
      }
    });

    it.each([
      ['a read receipt', 'status-delivered', { status: 'read' }],
      ['a WhatsApp status', 'status-delivered', { channel: 'whatsapp' }],
      ['a WhatsApp inbound message', 'inbound-sms', { channel: 'whatsapp' }],
      ['an inbound message from a short code', 'inbound-sms', { from: '72975' }],
    ])('yields no event for %s', async (_name, fixture, change) => {
      const payload = { ...fixtureJson<Record<string, unknown>>('vonage', fixture), ...change };
      expect(vonage.normalize(await signed(JSON.stringify(payload)))).toEqual([]);
    });

    it.each([
      ['not JSON', 'status=delivered'],
      ['neither a status nor an inbound message', '{"message_uuid":"x"}'],
      [
        'a status without message_uuid',
        JSON.stringify({ ...fixtureJson<object>('vonage', 'status-delivered'), message_uuid: undefined }),
      ],
    ])('refuses a body that is %s', async (_name, raw) => {
      expect(() =>
        vonage.normalize(webhookRequest({ url: 'https://hooks.example.com/x', body: raw })),
      ).toThrow(MalformedPayloadError);
    });
  });
});
