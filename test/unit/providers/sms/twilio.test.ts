import twilioSdk from 'twilio';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { parseForm } from '../../../../shared/providers/sms/smsCallback.js';
import { twilio, twilioSignature } from '../../../../shared/providers/sms/twilio.js';
import { fixtureText } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const { getExpectedTwilioSignature, validateRequest } = twilioSdk;

const TOKEN = '7d1f3c9e5b2a48f0a6c4e8d2b1f09a37';
const RECEIVED_AT = '2026-11-25T15:04:10.000Z';
const BASE_URL = 'https://hooks.example.com/webhooks/sms/twilio';
/** Our send gate puts the touch identity on the StatusCallback URL; Twilio signs it with the rest. */
const STATUS_URL = `${BASE_URL}?programId=renewals&kind=flow&workflowId=wf_renewal_30d&step=2&templateId=tpl_renewal_v3&variant=personalized`;
const FIXTURES = [
  'inbound-sms',
  'inbound-mms',
  'status-sent',
  'status-delivered',
  'status-undelivered-30003',
  'status-failed-21610',
];

const form = (name: string) => fixtureText('twilio', `${name}.form`);

/** The params object the `twilio` library expects: a repeated name becomes an array. */
function paramsObject(body: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}

/** A request Twilio would send: signed by the `twilio` library itself; each test then breaks one thing. */
function signed(body: string, opts: { url?: string; signedUrl?: string; token?: string } = {}) {
  const url = opts.url ?? STATUS_URL;
  const signature = getExpectedTwilioSignature(
    opts.token ?? TOKEN,
    opts.signedUrl ?? url,
    paramsObject(body),
  );
  return webhookRequest({
    url,
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
      'x-received-at': RECEIVED_AT,
    },
  });
}

function accepts(request: WebhookRequest, tokens = TOKEN): boolean {
  try {
    twilio.verify(request, { TWILIO_AUTH_TOKEN: tokens }, new Date(RECEIVED_AT));
    return true;
  } catch (error) {
    if (error instanceof SignatureInvalidError) return false;
    throw error;
  }
}

const normalized = (name: string, url = STATUS_URL) => twilio.normalize(signed(form(name), { url }));

describe('Provider: Twilio', () => {
  describe('signature', () => {
    it.each(FIXTURES)('accepts %s signed by the twilio library', (name) => {
      expect(accepts(signed(form(name)))).toBe(true);
    });

    it.each([
      ...FIXTURES.map((name) => [name, form(name)]),
      [
        'repeated and unicode parameters',
        'Body=%F0%9F%91%8D+d%C3%A9j%C3%A0&MediaUrl=b&MediaUrl=a&MediaUrl=b',
      ],
      ['no parameters', ''],
    ])('computes the same signature as getExpectedTwilioSignature for %s', (_name, body) => {
      // Prepare
      const expected = getExpectedTwilioSignature(TOKEN, STATUS_URL, paramsObject(body));
      // Act
      const ours = twilioSignature(TOKEN, STATUS_URL, parseForm(Buffer.from(body)));
      // Assess
      expect(ours).toBe(expected);
    });

    it.each([
      ['the same URL', STATUS_URL, STATUS_URL, true],
      [
        'signed with :443, received without',
        'https://hooks.example.com:443/webhooks/sms/twilio',
        BASE_URL,
        true,
      ],
      [
        'signed without a port, received with :443',
        BASE_URL,
        'https://hooks.example.com:443/webhooks/sms/twilio',
        true,
      ],
      [
        'signed on :8443, received without',
        'https://hooks.example.com:8443/webhooks/sms/twilio',
        BASE_URL,
        false,
      ],
      ['an apostrophe signed and received raw', `${BASE_URL}?note=it's`, `${BASE_URL}?note=it's`, true],
      [
        'an apostrophe signed escaped, received raw',
        `${BASE_URL}?note=it%27s`,
        `${BASE_URL}?note=it's`,
        true,
      ],
      ['a space signed as %20, received as +', `${BASE_URL}?note=a%20b`, `${BASE_URL}?note=a+b`, true],
      ['a query value changed', STATUS_URL, STATUS_URL.replace('step=2', 'step=3'), false],
      ['http signed, https received', BASE_URL.replace('https:', 'http:'), BASE_URL, false],
    ])('agrees with validateRequest on %s', (_name, signedUrl, receivedUrl, expected) => {
      // Prepare
      const body = form('status-delivered');
      const request = signed(body, { url: receivedUrl, signedUrl });
      const signature = request.headers['x-twilio-signature']!;
      // Act
      const theirs = validateRequest(TOKEN, signature, receivedUrl, paramsObject(body));
      const ours = accepts(request);
      // Assess
      expect(theirs).toBe(expected);
      expect(ours).toBe(theirs);
    });

    it.each([
      [
        'a parameter changed after signing',
        (r: WebhookRequest) =>
          (r.rawBody = Buffer.from(r.rawBody.toString().replace('%2B14155550123', '%2B14155550124'))),
      ],
      [
        'a parameter added after signing',
        (r: WebhookRequest) => (r.rawBody = Buffer.from(`${r.rawBody}&ErrorCode=30003`)),
      ],
      [
        'a parameter removed after signing',
        (r: WebhookRequest) =>
          (r.rawBody = Buffer.from(r.rawBody.toString().replace('&RawDlrDoneDate=2611251504', ''))),
      ],
      [
        'a touch identity changed in the query',
        (r: WebhookRequest) => (r.url = r.url.replace('step=2', 'step=3')),
      ],
      ['another path', (r: WebhookRequest) => (r.url = r.url.replace('/twilio', '/plivo'))],
      ['a missing signature header', (r: WebhookRequest) => delete r.headers['x-twilio-signature']],
      [
        'a signature made with another auth token',
        (r: WebhookRequest) =>
          (r.headers['x-twilio-signature'] = twilioSignature('other-token', r.url, parseForm(r.rawBody))),
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = signed(form('status-delivered'));
      breakIt(request);
      expect(() => twilio.verify(request, { TWILIO_AUTH_TOKEN: TOKEN }, new Date())).toThrow(
        SignatureInvalidError,
      );
    });

    it('accepts the previous auth token during a rotation', () => {
      const request = signed(form('inbound-sms'), { token: 'previous-token' });
      expect(accepts(request, `${TOKEN},previous-token`)).toBe(true);
      expect(accepts(request, TOKEN)).toBe(false);
    });

    it('rejects everything when no auth token is configured', () => {
      expect(() => twilio.verify(signed(form('inbound-sms')), {}, new Date())).toThrow(/not configured/);
    });
  });

  describe('normalize', () => {
    it('maps an inbound SMS to message.received at its arrival time', () => {
      const [draft] = normalized('inbound-sms', BASE_URL);
      expect(draft).toEqual({
        type: 'message.received',
        source: 'twilio',
        vendorRef: 'SM7a035217143ad4d956df29b780f4ebbc',
        occurredAt: RECEIVED_AT,
        phone: '+14155550123',
        channel: 'sms',
        messageId: 'SM7a035217143ad4d956df29b780f4ebbc',
        from: '+14155550123',
        to: '+14155550199',
        body: 'Yes, can we talk tomorrow at 10?',
        mediaUrls: [],
      });
    });

    it('keeps an MMS body and its media URLs in order', () => {
      const [draft] = normalized('inbound-mms', BASE_URL);
      expect(draft).toMatchObject({ type: 'message.received', body: "Here's the signed quote" });
      expect(draft && 'mediaUrls' in draft && draft.mediaUrls).toEqual([
        expect.stringMatching(/\/Media\/ME2fc606eeaabf24cc4daf600bd60b7ac6$/),
        expect.stringMatching(/\/Media\/ME2e5088744734a2020c302e1529ae0ff8$/),
      ]);
    });

    it('maps a delivered callback with the touch identity from the StatusCallback query', () => {
      const [draft] = normalized('status-delivered');
      expect(draft).toEqual({
        type: 'message.delivered',
        source: 'twilio',
        vendorRef: 'SMd9b34502843dde31474765099a9ae568:delivered',
        occurredAt: RECEIVED_AT,
        phone: '+14155550123',
        channel: 'sms',
        messageId: 'SMd9b34502843dde31474765099a9ae568',
        programId: 'renewals',
        kind: 'flow',
        workflowId: 'wf_renewal_30d',
        step: 2,
        templateId: 'tpl_renewal_v3',
        variant: 'personalized',
        to: '+14155550123',
      });
    });

    it('maps a sent callback to message.sent with our sending number', () => {
      expect(normalized('status-sent')[0]).toMatchObject({
        type: 'message.sent',
        vendorRef: 'SM34fab44616eae574b27cb0ab6b917282:sent',
        from: '+14155550199',
        to: '+14155550123',
      });
    });

    it.each([
      ['status-undelivered-30003', '30003', false],
      ['status-failed-21610', '21610', true],
    ])('maps %s to message.failed (carrier opt-out: %s → %s)', (name, errorCode, carrierOptOut) => {
      expect(normalized(name)[0]).toMatchObject({ type: 'message.failed', errorCode, carrierOptOut });
    });

    it.each(FIXTURES)('produces a valid canonical event from %s', (name) => {
      const drafts = normalized(name);
      expect(drafts).toHaveLength(1);
      expect(() => canonicalEvent(drafts[0]!, new Date(RECEIVED_AT))).not.toThrow();
    });

    it('gives a replayed callback the same event id and each status its own', () => {
      const eventId = (body: string) =>
        canonicalEvent(twilio.normalize(signed(body))[0]!, new Date()).eventId;
      const delivered = form('status-delivered');
      const undelivered = delivered.replaceAll('=delivered', '=undelivered');
      expect(eventId(delivered)).toBe(eventId(delivered));
      expect(eventId(undelivered)).not.toBe(eventId(delivered));
    });

    it.each(['queued', 'sending', 'accepted', 'scheduled', 'read', 'canceled'])(
      'ignores the intermediate status %s',
      (status) => {
        const body = form('status-delivered').replaceAll('=delivered', `=${status}`);
        expect(twilio.normalize(signed(body))).toEqual([]);
      },
    );

    it('ignores a status callback about an inbound message (received, no Body)', () => {
      const body = form('status-delivered').replaceAll('=delivered', '=received');
      expect(twilio.normalize(signed(body))).toEqual([]);
    });

    it('reads an inbound message that also carries MessageStatus=received', () => {
      const body = `${form('inbound-sms')}&MessageStatus=received`;
      expect(twilio.normalize(signed(body, { url: BASE_URL }))[0]).toMatchObject({
        type: 'message.received',
      });
    });

    it('ignores a WhatsApp message arriving on the same webhook', () => {
      const body = form('inbound-sms').replace('From=%2B', 'From=whatsapp%3A%2B');
      expect(twilio.normalize(signed(body, { url: BASE_URL }))).toEqual([]);
    });

    describe('without an arrival stamp', () => {
      afterEach(() => vi.useRealTimers());

      it('falls back to the clock', () => {
        vi.useFakeTimers();
        vi.setSystemTime(new Date('2026-11-25T16:00:00Z'));
        const request = signed(form('inbound-sms'), { url: BASE_URL });
        delete request.headers['x-received-at'];
        expect(twilio.normalize(request)[0]?.occurredAt).toBe('2026-11-25T16:00:00.000Z');
      });
    });

    it.each([
      ['no MessageSid or SmsSid', form('inbound-sms').replace(/&?(Sms)?(Message)?Sid=SM\w+/g, ''), BASE_URL],
      [
        'an inbound From that is not a phone',
        form('inbound-sms').replace('From=%2B14155550123', 'From=12345'),
        BASE_URL,
      ],
      [
        'a kind the model does not know',
        form('status-delivered'),
        STATUS_URL.replace('kind=flow', 'kind=blast'),
      ],
      ['a step that is not a number', form('status-delivered'), STATUS_URL.replace('step=2', 'step=two')],
      ['a body that is not a form', '{"MessageSid":"SM1"}', BASE_URL],
    ])('refuses %s', (_name, body, url) => {
      expect(() => twilio.normalize(signed(body, { url }))).toThrow(MalformedPayloadError);
    });
  });

  it('answers with empty TwiML so nothing is sent back to the contact', () => {
    expect(twilio.respond?.(signed(form('inbound-sms')))).toEqual({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    });
  });
});
