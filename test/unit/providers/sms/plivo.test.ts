import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { plivo, plivoSignatureV3 } from '../../../../shared/providers/sms/plivo.js';
import { type FormParams, parseForm } from '../../../../shared/providers/sms/smsCallback.js';
import { fixtureText } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const TOKEN = 'ZWRkNGM2YjA5ZTE3MzQ0NjE1ZGE1MWQ3YjJhN2Qz';
const NONCE = '05429567804466091622';
const RECEIVED_AT = '2026-11-25T15:04:10.000Z';
const BASE_URL = 'https://hooks.example.com/webhooks/sms/plivo';
/** Our send gate puts the touch identity on the message `url`; V3 signs the query with the rest. */
const STATUS_URL = `${BASE_URL}?programId=renewals&kind=flow&workflowId=wf_renewal_30d&step=2&templateId=tpl_renewal_v3&variant=personalized`;
const FIXTURES = [
  'inbound-sms',
  'inbound-mms',
  'status-sent',
  'status-delivered',
  'status-undelivered-80',
  'status-failed-200',
];

const form = (name: string) => fixtureText('plivo', `${name}.form`);

/**
 * Known-good vectors from Plivo's own Go SDK tests (plivo/plivo-go utils_test.go,
 * TestValidateSignatureV3Pass1..4): a voice callback signed as POST and as GET, with and
 * without a query string on the URL.
 */
const SDK_PARAMS: FormParams = new Map(
  Object.entries({
    Direction: 'outbound',
    From: '19792014278',
    ALegUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    CallStatus: 'in-progress',
    BillRate: '0.002',
    ParentAuthID: 'MANWVLYTK4ZWU1YTY4QA',
    To: 'sip:PlivoSignature382029104058171078704104@phone-qa.voice.plivodev.com',
    ALegRequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    CallUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    RequestUUID: '3e82ae9d-2c78-4d85-b1a4-6eae7dbafb36',
    'SIP-H-To': '<sip:PlivoSignature382029104058171078704104@52.9.11.55;transport=udp>;tag=1',
    SessionStart: '2020-04-08 11:34:33.238707',
    Event: 'StartApp',
  }).map(([name, value]) => [name, [value]]),
);
const SDK_URL = 'https://plivobin.non-prod.plivops.com/api/v1/validate_signature03.xml';

/** A request Plivo would send, signed under X-Plivo-Signature-V3; each test then breaks one thing. */
function signed(body: string, opts: { url?: string; token?: string; nonce?: string } = {}) {
  const url = opts.url ?? STATUS_URL;
  const nonce = opts.nonce ?? NONCE;
  return webhookRequest({
    url,
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-plivo-signature-v3': plivoSignatureV3(
        opts.token ?? TOKEN,
        'POST',
        url,
        parseForm(Buffer.from(body)),
        nonce,
      ),
      'x-plivo-signature-v3-nonce': nonce,
      'x-received-at': RECEIVED_AT,
    },
  });
}

const verify = (request: WebhookRequest, tokens = TOKEN) =>
  plivo.verify(request, { PLIVO_AUTH_TOKEN: tokens }, new Date(RECEIVED_AT));

const normalized = (name: string, url = STATUS_URL) => plivo.normalize(signed(form(name), { url }));

describe('Provider: Plivo', () => {
  describe('signature', () => {
    it.each([
      ['POST', `${SDK_URL}/?a=b&c=d`, 'k7Pusd4OxCIjR5IfA9iedDNu/h/gbdYqdzG/MiYtd1c='],
      ['GET', `${SDK_URL}/?a=b&c=d`, 'UBq8jAtd32wR8EK9VgxbBn4n5rpI/l1H9iN4WfSEHFQ='],
      ['POST', SDK_URL, 'iAjE5QqI37mbkYe4w3jTMudqEzbDufdqi7sYwTu64e0='],
      ['GET', SDK_URL, 'i/MQsaQSAd6fiKhOh2qeeeLHZ9faldADSb3/7+Akfbc='],
    ])("matches Plivo's SDK vector for %s %s", (method, url, expected) => {
      const ours = plivoSignatureV3(
        'Y2Q2ZDgxZmY5YWRiOTI5YmQ1Njg0MTAxZWIyOTc4',
        method,
        url,
        SDK_PARAMS,
        '31627761595286130198',
      );
      expect(ours).toBe(expected);
    });

    it.each(FIXTURES)('accepts %s signed with the auth token', (name) => {
      expect(() => verify(signed(form(name)))).not.toThrow();
    });

    it('accepts a match in X-Plivo-Signature-Ma-V3 (main account token) when V3 is a subaccount’s', () => {
      // Prepare: V3 was made with a subaccount token we do not hold; Ma-V3 with ours.
      const request = signed(form('inbound-sms'), { token: 'SUBACCOUNT_TOKEN_NOT_OURS' });
      request.headers['x-plivo-signature-ma-v3'] = plivoSignatureV3(
        TOKEN,
        'POST',
        request.url,
        parseForm(request.rawBody),
        NONCE,
      );
      // Act / Assess
      expect(() => verify(request)).not.toThrow();
    });

    it('accepts any one of several comma-separated signatures', () => {
      const request = signed(form('status-delivered'));
      request.headers['x-plivo-signature-v3'] = `bm90LXRoaXMtb25l,${request.headers['x-plivo-signature-v3']}`;
      expect(() => verify(request)).not.toThrow();
    });

    it('accepts the previous auth token during a rotation', () => {
      const request = signed(form('status-delivered'), { token: 'PREVIOUS_TOKEN' });
      expect(() => verify(request, `${TOKEN},PREVIOUS_TOKEN`)).not.toThrow();
      expect(() => verify(request)).toThrow(SignatureInvalidError);
    });

    it.each([
      [
        'a parameter changed after signing',
        (r: WebhookRequest) =>
          (r.rawBody = Buffer.from(r.rawBody.toString().replace('To=14155550123', 'To=14155550124'))),
      ],
      [
        'a parameter added after signing',
        (r: WebhookRequest) => (r.rawBody = Buffer.from(`${r.rawBody}&ErrorCode=30`)),
      ],
      [
        'a touch identity changed in the query',
        (r: WebhookRequest) => (r.url = r.url.replace('step=2', 'step=3')),
      ],
      ['another path', (r: WebhookRequest) => (r.url = r.url.replace('/plivo', '/twilio'))],
      [
        'another nonce',
        (r: WebhookRequest) => (r.headers['x-plivo-signature-v3-nonce'] = '05429567804466091623'),
      ],
      ['a missing nonce', (r: WebhookRequest) => delete r.headers['x-plivo-signature-v3-nonce']],
      ['a missing signature', (r: WebhookRequest) => delete r.headers['x-plivo-signature-v3']],
      [
        'a signature made with another auth token',
        (r: WebhookRequest) =>
          (r.headers['x-plivo-signature-v3'] = plivoSignatureV3(
            'OTHER',
            'POST',
            r.url,
            parseForm(r.rawBody),
            NONCE,
          )),
      ],
      [
        'only a V2 signature (URL and nonce, not the body)',
        (r: WebhookRequest) => {
          r.headers['x-plivo-signature-v2'] = r.headers['x-plivo-signature-v3']!;
          r.headers['x-plivo-signature-v2-nonce'] = NONCE;
          delete r.headers['x-plivo-signature-v3'];
        },
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = signed(form('status-delivered'));
      breakIt(request);
      expect(() => verify(request)).toThrow(SignatureInvalidError);
    });

    it('rejects everything when no auth token is configured', () => {
      expect(() => plivo.verify(signed(form('inbound-sms')), {}, new Date())).toThrow(/not configured/);
    });
  });

  describe('normalize', () => {
    it("maps an inbound SMS to message.received, adding the '+' Plivo leaves off", () => {
      const [draft] = normalized('inbound-sms', BASE_URL);
      expect(draft).toEqual({
        type: 'message.received',
        source: 'plivo',
        vendorRef: '0e987574-3e93-479d-96de-d48e530958d8',
        occurredAt: RECEIVED_AT,
        phone: '+14155550123',
        channel: 'sms',
        messageId: '0e987574-3e93-479d-96de-d48e530958d8',
        from: '+14155550123',
        to: '+14155550199',
        body: 'Yes, can we talk tomorrow at 10?',
        mediaUrls: [],
      });
    });

    it('reads an MMS body and its media URLs in order', () => {
      const [draft] = normalized('inbound-mms', BASE_URL);
      expect(draft).toMatchObject({ type: 'message.received', body: "Here's the signed quote" });
      expect(draft && 'mediaUrls' in draft && draft.mediaUrls).toEqual([
        expect.stringContaining('/Media/0d849dd6-7e2e-4d91-9e78-d4bd79c01d76/'),
        expect.stringContaining('/Media/6ebb2570-db17-4f1e-b003-42b7f29fd039/'),
      ]);
    });

    it('maps a delivered callback with the touch identity from the callback query and its segments', () => {
      const [draft] = normalized('status-delivered');
      expect(draft).toEqual({
        type: 'message.delivered',
        source: 'plivo',
        vendorRef: 'f75dec2f-7c86-4c16-8f94-d128e7377b7d:delivered',
        occurredAt: RECEIVED_AT,
        phone: '+14155550123',
        channel: 'sms',
        messageId: 'f75dec2f-7c86-4c16-8f94-d128e7377b7d',
        programId: 'renewals',
        kind: 'flow',
        workflowId: 'wf_renewal_30d',
        step: 2,
        templateId: 'tpl_renewal_v3',
        variant: 'personalized',
        to: '+14155550123',
        cost: { segments: 1 },
      });
    });

    it('maps a sent callback to message.sent from our number', () => {
      expect(normalized('status-sent')[0]).toMatchObject({
        type: 'message.sent',
        vendorRef: 'f75dec2f-7c86-4c16-8f94-d128e7377b7d:sent',
        from: '+14155550199',
      });
    });

    it.each([
      ['status-undelivered-80', '80', false],
      ['status-failed-200', '200', true],
    ])('maps %s to message.failed (error %s, carrier opt-out %s)', (name, errorCode, carrierOptOut) => {
      expect(normalized(name)[0]).toMatchObject({ type: 'message.failed', errorCode, carrierOptOut });
    });

    it('maps the legacy rejected status to message.failed', () => {
      const body = form('status-failed-200').replace('Status=failed', 'Status=rejected');
      expect(plivo.normalize(signed(body))[0]).toMatchObject({
        type: 'message.failed',
        vendorRef: expect.stringMatching(/:rejected$/),
      });
    });

    it.each(FIXTURES)('produces a valid canonical event from %s', (name) => {
      const drafts = normalized(name);
      expect(drafts).toHaveLength(1);
      expect(() => canonicalEvent(drafts[0]!, new Date(RECEIVED_AT))).not.toThrow();
    });

    it('gives a replay the same event id and the same message’s next status a new one', () => {
      const eventId = (name: string) => canonicalEvent(normalized(name)[0]!, new Date()).eventId;
      expect(eventId('status-delivered')).toBe(eventId('status-delivered'));
      expect(eventId('status-sent')).not.toBe(eventId('status-delivered'));
    });

    it.each(['queued', 'read'])('ignores the status %s', (status) => {
      const body = form('status-sent').replace('Status=sent', `Status=${status}`);
      expect(plivo.normalize(signed(body))).toEqual([]);
    });

    it('ignores a WhatsApp message arriving on the same webhook', () => {
      const body = form('inbound-sms').replace('Type=sms', 'Type=whatsapp');
      expect(plivo.normalize(signed(body, { url: BASE_URL }))).toEqual([]);
    });

    it.each([
      ['no MessageUUID', form('inbound-sms').replace(/&MessageUUID=[\w-]+/, ''), BASE_URL],
      [
        'an inbound From that is not a phone',
        form('inbound-sms').replace('From=14155550123', 'From=PLIVO'),
        BASE_URL,
      ],
      [
        'a status To that is not a phone',
        form('status-delivered').replace('To=14155550123', 'To='),
        STATUS_URL,
      ],
      [
        'a kind the model does not know',
        form('status-delivered'),
        STATUS_URL.replace('kind=flow', 'kind=blast'),
      ],
    ])('refuses %s', (_name, body, url) => {
      expect(() => plivo.normalize(signed(body, { url }))).toThrow(MalformedPayloadError);
    });
  });

  it('answers with an empty Plivo XML Response so no reply is sent', () => {
    expect(plivo.respond?.(signed(form('inbound-sms')))).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: expect.stringContaining('<Response></Response>'),
    });
  });
});
