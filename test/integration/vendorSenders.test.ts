import Telnyx from 'telnyx';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSmsVendor, startFakeSmsVendor } from '../../shared/messaging/fakeVendorServer.js';
import type { HttpOptions } from '../../shared/messaging/httpRetry.js';
import {
  type OutboundSms,
  type SmsSender,
  VendorRejectedError,
  VendorUnavailableError,
} from '../../shared/messaging/smsSender.js';
import { TelnyxSmsSender } from '../../shared/messaging/telnyxSender.js';
import { TwilioSmsSender } from '../../shared/messaging/twilioSender.js';

const ACCOUNT_SID = 'AC3f6e2a9d1c4b7e8f0a5d2c9b6e3f1a7d';
const AUTH_TOKEN = '9d4e1f7a2b6c3e8d5f0a1b2c3d4e5f6a';
const TELNYX_KEY = 'KEY0190A3B2C4D5E6F7A8B9C0D1E2F3A4_Zx9Yw8Vu7Ts6Rq5Po4Nm3';

/** Two segments in GSM-7 (161 septets): the count must come back from the vendor. */
const LONG_BODY = 'Your appointment is confirmed for tomorrow at 10:00. Reply C to cancel. '.padEnd(161, '.');

const message = (overrides: Partial<OutboundSms> = {}): OutboundSms => ({
  from: '+14155550199',
  to: '+14155550123',
  body: LONG_BODY,
  statusCallbackUrl: 'https://hooks.example.com/v1/webhooks/sms/twilio',
  idempotencyKey: 'send_01JDZQ5V8K2M4N6P8R0T2V4X6Z',
  ...overrides,
});

let vendor: FakeSmsVendor;
const sleeps: number[] = [];
/** Short timeouts and an instant, recorded sleep: the suite waits only for the timeout cases. */
const transport: HttpOptions = {
  retry: { maxAttempts: 3, timeoutMs: 150, baseDelayMs: 20, maxDelayMs: 2_000 },
  sleep: async (ms) => void sleeps.push(ms),
};

/** The message-creating requests the vendor got (lookups are GETs). */
const creates = () => vendor.requests.filter((r) => r.method === 'POST');

beforeAll(async () => {
  vendor = await startFakeSmsVendor({
    pricePerSegment: '0.0079',
    credentials: {
      twilio: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
      telnyx: { apiKey: TELNYX_KEY },
    },
  });
});
afterAll(async () => vendor.stop());
beforeEach(() => {
  vendor.setBehaviour({ kind: 'accept' });
  vendor.sent.length = 0;
  vendor.requests.length = 0;
  sleeps.length = 0;
});

/** Built lazily: the fake's base URL is only known once it listens. */
const vendors: Array<{ name: string; optOutCode: string; sender: () => SmsSender }> = [
  {
    name: 'Twilio',
    optOutCode: '21610',
    sender: () =>
      new TwilioSmsSender({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        baseUrl: vendor.baseUrl,
        ...transport,
      }),
  },
  {
    name: 'Telnyx',
    optOutCode: '40300',
    sender: () => new TelnyxSmsSender({ apiKey: TELNYX_KEY, baseUrl: vendor.baseUrl, ...transport }),
  },
];

describe('Adapter: TwilioSmsSender against the fake vendor', () => {
  const sender = () =>
    new TwilioSmsSender({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: `${vendor.baseUrl}/`,
      ...transport,
    });

  it('posts a form to the account Messages.json with Basic auth and the idempotency token', async () => {
    const receipt = await sender().send(message());

    const [request] = vendor.requests;
    expect(request?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['i-twilio-idempotency-token']).toBe('send_01JDZQ5V8K2M4N6P8R0T2V4X6Z');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: '+14155550123',
      From: '+14155550199',
      Body: LONG_BODY,
      StatusCallback: 'https://hooks.example.com/v1/webhooks/sms/twilio',
    });
    expect(receipt).toEqual({
      vendorMessageId: vendor.sent[0]?.vendorMessageId,
      status: 'queued',
      segments: 2,
      priceMicros: 15_800,
      currency: 'USD',
    });
    expect(receipt.vendorMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('sends through a Messaging Service when from is an MG sid, and leaves the segments unknown', async () => {
    const serviceSid = 'MG9f2c1e7a4b3d6e8f0a1c2b3d4e5f6a7b';
    const receipt = await sender().send(message({ from: serviceSid, statusCallbackUrl: undefined }));

    const form = new URLSearchParams(vendor.requests[0]?.body);
    expect(form.get('MessagingServiceSid')).toBe(serviceSid);
    expect(form.has('From')).toBe(false);
    expect(form.has('StatusCallback')).toBe(false);
    expect(receipt.status).toBe('accepted');
    expect(receipt.segments).toBeUndefined();
  });

  it('is what the official twilio client sends and understands', async () => {
    // Prepare: the vendor's own SDK, pointed at the fake.
    const client = twilio(ACCOUNT_SID, AUTH_TOKEN);
    client.api.baseUrl = vendor.baseUrl;
    // Act
    const created = await client.messages.create({
      to: '+14155550123',
      from: '+14155550199',
      body: LONG_BODY,
      statusCallback: 'https://hooks.example.com/v1/webhooks/sms/twilio',
    });
    await sender().send(message());
    // Assess: same form fields, and the SDK parses the fake's answer.
    const [theirs, ours] = vendor.requests.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(ours).toEqual(theirs);
    expect(created).toMatchObject({ status: 'queued', numSegments: '2', priceUnit: 'USD' });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('reports wrong credentials as a rejection, not an outage', async () => {
    const wrong = new TwilioSmsSender({
      accountSid: ACCOUNT_SID,
      authToken: 'wrong',
      baseUrl: vendor.baseUrl,
      ...transport,
    });
    await expect(wrong.send(message())).rejects.toMatchObject({ status: 401, code: '20003', optOut: false });
    expect(vendor.requests).toHaveLength(1);
  });
});

describe('Adapter: TelnyxSmsSender against the fake vendor', () => {
  const sender = () => new TelnyxSmsSender({ apiKey: TELNYX_KEY, baseUrl: vendor.baseUrl, ...transport });

  it('posts JSON to /v2/messages with a Bearer key and no Idempotency-Key', async () => {
    const receipt = await sender().send(message({ body: 'Hola, ¿cómo estás? 😀' }));

    const [request] = vendor.requests;
    expect(request?.path).toBe('/v2/messages');
    expect(request?.headers.authorization).toBe(`Bearer ${TELNYX_KEY}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBeUndefined();
    expect(JSON.parse(request?.body ?? '')).toEqual({
      from: '+14155550199',
      to: '+14155550123',
      text: 'Hola, ¿cómo estás? 😀',
      webhook_url: 'https://hooks.example.com/v1/webhooks/sms/twilio',
    });
    expect(receipt).toEqual({
      vendorMessageId: vendor.sent[0]?.vendorMessageId,
      status: 'queued',
      segments: 1,
      priceMicros: 7_900,
      currency: 'USD',
    });
    expect(vendor.sent[0]?.segments.encoding).toBe('UCS-2');
  });

  it('is what the official telnyx client sends and understands', async () => {
    const client = new Telnyx({ apiKey: TELNYX_KEY, baseURL: `${vendor.baseUrl}/v2`, maxRetries: 0 });
    const theirs = await client.messages.send({
      from: '+14155550199',
      to: '+14155550123',
      text: LONG_BODY,
      webhook_url: 'https://hooks.example.com/v1/webhooks/sms/twilio',
    });
    await sender().send(message());
    const [sdkBody, ourBody] = vendor.requests.map((r) => JSON.parse(r.body));
    expect(ourBody).toEqual(sdkBody);
    expect(theirs.data).toMatchObject({ parts: 2, encoding: 'GSM-7', to: [{ status: 'queued' }] });
  });
});

describe.each(vendors)('Adapter: $name sender failures', ({ optOutCode, sender }) => {
  it('rejects an opted-out recipient with the vendor code and optOut, after one attempt', async () => {
    vendor.setBehaviour({ kind: 'reject', code: optOutCode });
    const error = await sender()
      .send(message())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorRejectedError);
    expect(error).toMatchObject({ code: optOutCode, optOut: true, retryable: false });
    expect(vendor.requests).toHaveLength(1);
    expect(vendor.sent).toHaveLength(0);
  });

  it('does not retry any other 4xx, nor call it an opt-out', async () => {
    vendor.setBehaviour({ kind: 'reject', code: '21211', status: 400 });
    await expect(sender().send(message())).rejects.toMatchObject({
      status: 400,
      code: '21211',
      optOut: false,
    });
    expect(vendor.requests).toHaveLength(1);
  });

  it('waits the Retry-After of a 429, then sends', async () => {
    vendor.setBehaviour({ kind: 'rateLimit', retryAfterSeconds: 1, times: 1 });
    const receipt = await sender().send(message());
    expect(receipt.vendorMessageId).toBe(vendor.sent[0]?.vendorMessageId);
    expect(sleeps).toEqual([1_000]);
    expect(vendor.requests).toHaveLength(2);
  });

  it('retries two 500s and sends on the third attempt', async () => {
    vendor.setBehaviour({ kind: 'serverError', times: 2 });
    await sender().send(message());
    expect(vendor.requests).toHaveLength(3);
    expect(vendor.sent).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThan(20);
    expect(sleeps[1]).toBeLessThan(40);
  });

  it('gives up after three 500s as unavailable', async () => {
    vendor.setBehaviour({ kind: 'serverError' });
    const error = await sender()
      .send(message())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect((error as VendorUnavailableError).details).toMatchObject({ attempts: 3, status: 500 });
    expect(vendor.requests).toHaveLength(3);
  });

  it('retries a request the vendor never answers, then sends', async () => {
    vendor.setBehaviour({ kind: 'hang', times: 1 });
    await sender().send(message());
    expect(creates()).toHaveLength(2);
    expect(vendor.sent).toHaveLength(1);
  });

  it('gives up after three timeouts as unavailable', async () => {
    vendor.setBehaviour({ kind: 'hang' });
    const started = Date.now();
    const error = await sender()
      .send(message())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect((error as Error).message).toContain('no answer within 150 ms');
    expect(creates()).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 10);
  });
});

describe('Adapter: Twilio sender after a timeout that came after Twilio accepted', () => {
  const twilioSender = () =>
    new TwilioSmsSender({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: vendor.baseUrl,
      ...transport,
    });

  it('finds the accepted message in the Messages list instead of sending it again', async () => {
    // Prepare: Twilio takes the message, then the answer is lost.
    vendor.setBehaviour({ kind: 'acceptThenHang', times: 1 });
    // Act
    const receipt = await twilioSender().send(message());
    // Assess
    expect(vendor.sent).toHaveLength(1);
    expect(creates()).toHaveLength(1);
    expect(receipt).toMatchObject({ vendorMessageId: vendor.sent[0]!.vendorMessageId, status: 'queued' });
    const lookups = vendor.requests.filter((r) => r.method === 'GET');
    expect(lookups).toHaveLength(1);
    expect(Object.fromEntries(lookups[0]!.query)).toMatchObject({ To: message().to, From: message().from });
  });

  it('does not take an older message with the same body, nor another body, for this one', async () => {
    const sender = twilioSender();
    await sender.send(message({ body: 'Another text' }));
    vendor.sent[0]!.sentAt = new Date(Date.now() - 3_600_000);
    await sender.send(message());
    vendor.sent[1]!.sentAt = new Date(Date.now() - 3_600_000);
    expect(await sender.findSent(message(), new Date())).toBeUndefined();

    vendor.setBehaviour({ kind: 'hang', times: 1 });
    await sender.send(message());
    expect(vendor.sent).toHaveLength(3);
  });

  it('stops instead of risking a second message when the lookup itself fails', async () => {
    vendor.setBehaviour({ kind: 'acceptThenHang', times: 1 });
    const listDown: typeof fetch = (input, init) =>
      init?.method === 'POST' ? fetch(input, init) : Promise.reject(new Error('connection reset'));
    const error = await new TwilioSmsSender({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      baseUrl: vendor.baseUrl,
      ...transport,
      fetch: listDown,
    })
      .send(message())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect((error as Error).message).toContain('lookup failed: connection reset');
    expect(creates()).toHaveLength(1);
  });
});

describe('Fake vendor: onSent hook', () => {
  it('hands each accepted message to onSent after answering', async () => {
    const seen: string[] = [];
    const local = await startFakeSmsVendor({
      onSent: (m) => void seen.push(`${m.vendor}:${m.vendorMessageId}`),
    });
    try {
      const twilioReceipt = await new TwilioSmsSender({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        baseUrl: local.baseUrl,
      }).send(message());
      const telnyxReceipt = await new TelnyxSmsSender({ apiKey: TELNYX_KEY, baseUrl: local.baseUrl }).send(
        message(),
      );
      await expect
        .poll(() => seen)
        .toEqual([`twilio:${twilioReceipt.vendorMessageId}`, `telnyx:${telnyxReceipt.vendorMessageId}`]);
      expect(local.sent[0]?.statusCallbackUrl).toBe('https://hooks.example.com/v1/webhooks/sms/twilio');
    } finally {
      await local.stop();
    }
  });

  it('does not call onSent for a rejected message', async () => {
    const seen: unknown[] = [];
    const local = await startFakeSmsVendor({
      behaviour: { kind: 'reject', code: '21610' },
      onSent: (m) => void seen.push(m),
    });
    try {
      const send = new TwilioSmsSender({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        baseUrl: local.baseUrl,
      }).send(message());
      await expect(send).rejects.toBeInstanceOf(VendorRejectedError);
    } finally {
      await local.stop();
    }
    expect(seen).toEqual([]);
  });
});
