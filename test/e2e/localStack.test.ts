import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../infra/local/demo.js';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack.js';
import { signGenericJson } from '../../infra/local/simulator/signers.js';
import { countItems } from '../support/cloud.js';

/**
 * Drives the local stack over HTTP the way a newcomer and the vendors would: the demo, a
 * Twilio inbound signed by Twilio's own library, bad requests, tracked links, a restart.
 */
let stack: LocalStack;
let dataDir: string;
const PHONE = '+14155550777';

async function start(): Promise<LocalStack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return startLocalStack({ port: 0, dataDir });
}

/** Items in the table once background processing has settled. */
const itemCount = async () => {
  await stack.settle();
  return countItems(new DynamoDBClient({}), stack.cloud.tableName);
};
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.baseUrl}${path}`, {
    ...init,
    headers: { 'x-api-key': stack.secrets.API_KEY!, ...init.headers },
  });
const timeline = async (phone: string) =>
  (
    (await (await api(`/v1/timeline?phone=${encodeURIComponent(phone)}`)).json()) as {
      events: Array<Record<string, unknown>>;
    }
  ).events;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sms-e2e-'));
  stack = await start();
});
afterAll(async () => {
  await stack.settle();
  const failures = { ...stack.failures };
  await stack.stop();
  // Workers must not have failed on any record the tests produced (failures are retried
  // silently, so without this a broken processor would go unnoticed).
  expect(failures).toEqual({ processEvents: 0, send: 0 });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('E2E: the local stack over HTTP', () => {
  it('replays the bundled demo with every request accepted', async () => {
    const result = await runDemo(stack);
    expect(result.failures).toEqual([]);
    expect(result.accepted).toBe(result.posted);
    expect(result.timeline).toBeGreaterThan(0);
  });

  it('stores a Twilio inbound signed by the twilio library once, however many times it is posted', async () => {
    const url = `${stack.baseUrl}/webhooks/sms/twilio`;
    const params = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      ApiVersion: '2010-04-01',
      Body: 'Is the 2pm slot still free?',
      From: PHONE,
      MessageSid: 'SM0123456789abcdef0123456789abcd01',
      NumMedia: '0',
      NumSegments: '1',
      SmsMessageSid: 'SM0123456789abcdef0123456789abcd01',
      SmsSid: 'SM0123456789abcdef0123456789abcd01',
      SmsStatus: 'received',
      To: '+14155550199',
    };
    const signature = twilio.getExpectedTwilioSignature(stack.secrets.TWILIO_AUTH_TOKEN!, url, params);
    const responses = [];
    for (let i = 0; i < 5; i += 1) {
      responses.push(
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          body: new URLSearchParams(params).toString(),
        }),
      );
    }
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await responses[0]!.text()).toContain('<Response/>');
    const events = await timeline(PHONE);
    expect(events.filter((e) => e.type === 'message.received')).toHaveLength(1);
    expect(events[0]).toMatchObject({ body: 'Is the 2pm slot still free?', source: 'twilio' });
  });

  it('stores an inbound reply containing an emoji (a character outside the BMP) as sent', async () => {
    const url = `${stack.baseUrl}/webhooks/sms/twilio`;
    const from = '+14155550778';
    const body = 'Yes please 👍🏽 see you at 2';
    const params = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      ApiVersion: '2010-04-01',
      Body: body,
      From: from,
      MessageSid: 'SM0123456789abcdef0123456789abcd02',
      NumMedia: '0',
      NumSegments: '1',
      SmsMessageSid: 'SM0123456789abcdef0123456789abcd02',
      SmsSid: 'SM0123456789abcdef0123456789abcd02',
      SmsStatus: 'received',
      To: '+14155550199',
    };
    const signature = twilio.getExpectedTwilioSignature(stack.secrets.TWILIO_AUTH_TOKEN!, url, params);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
    await stack.settle();
    const received = (await timeline(from)).filter((e) => e.type === 'message.received');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ body, source: 'twilio' });
  });

  it.each([
    ['an unknown vendor', 404, '/webhooks/sms/acme', { 'content-type': 'application/json' }, '{}'],
    ['an unknown route', 404, '/webhooks/fax/twilio', { 'content-type': 'application/json' }, '{}'],
    [
      'a missing signature',
      401,
      '/webhooks/sms/generic',
      { 'content-type': 'application/json' },
      '{"events":[]}',
    ],
    ['a wrong content type', 415, '/webhooks/sms/generic', { 'content-type': 'text/plain' }, 'hello'],
    [
      'a body over 256 KB',
      413,
      '/webhooks/sms/generic',
      { 'content-type': 'application/json' },
      'x'.repeat(300_000),
    ],
    [
      'a forged Twilio signature',
      401,
      '/webhooks/sms/twilio',
      { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'Zm9yZ2Vk' },
      'Body=hi&From=%2B14155550777',
    ],
  ])('answers %s with %i and stores nothing', async (_name, status, path, headers, body) => {
    const before = await itemCount();
    const response = await fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers, body });
    expect(response.status).toBe(status);
    expect(await itemCount()).toBe(before);
  });

  it('answers a signed but malformed body with 400 and stores nothing', async () => {
    const before = await itemCount();
    const signed = signGenericJson(
      stack.secrets.GENERIC_WEBHOOK_SECRET!,
      { events: [{ id: 'x', type: 'message.received' }] },
      new Date(),
    );
    const response = await fetch(`${stack.baseUrl}/webhooks/sms/generic`, { method: 'POST', ...signed });
    expect(response.status).toBe(400);
    expect(await itemCount()).toBe(before);
  });

  it('answers a stale signature with 401', async () => {
    const signed = signGenericJson(
      stack.secrets.GENERIC_WEBHOOK_SECRET!,
      { events: [] },
      new Date(Date.now() - 10 * 60_000),
    );
    const response = await fetch(`${stack.baseUrl}/webhooks/sms/generic`, { method: 'POST', ...signed });
    expect(response.status).toBe(401);
  });

  it('redirects a tracked link, counts a person once and flags a scanner as a bot', async () => {
    const created = await api('/v1/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        destination: 'https://shop.example.com/pricing?plan=pro',
        messageId: 'SM-link-e2e',
        phone: PHONE,
        campaignId: 'spring-sale',
        sentAt: new Date(Date.now() - 60_000).toISOString(),
      }),
    });
    expect(created.status).toBe(201);
    const { code, url } = (await created.json()) as { code: string; url: string };
    const again = await api('/v1/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        destination: 'https://shop.example.com/pricing?plan=pro',
        messageId: 'SM-link-e2e',
        phone: PHONE,
      }),
    });
    expect(((await again.json()) as { code: string }).code).toBe(code);
    expect(url).toBe(`${stack.baseUrl}/c/${code}`);
    const person = await fetch(url, {
      redirect: 'manual',
      headers: {
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      },
    });
    expect(person.status).toBe(302);
    expect(person.headers.get('location')).toBe('https://shop.example.com/pricing?plan=pro');
    const scanner = await fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      headers: { 'user-agent': 'facebookexternalhit/1.1' },
    });
    expect(scanner.status).toBe(302);
    const clicks = (await timeline(PHONE)).filter((e) => e.type === 'message.clicked');
    expect(clicks.map((c) => c.bot).sort()).toEqual([false, true]);
  });

  it('answers an unknown link with a 404 page and records nothing', async () => {
    const before = await itemCount();
    const response = await fetch(`${stack.baseUrl}/c/doesNotExist1`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await itemCount()).toBe(before);
  });

  it('refuses the timeline without the API key', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/timeline?phone=${encodeURIComponent(PHONE)}`);
    expect(response.status).toBe(401);
  });

  it('keeps the data across a restart', async () => {
    const before = await timeline(PHONE);
    await stack.stop();
    stack = await start();
    expect(stack.firstStart).toBe(false);
    expect(await timeline(PHONE)).toEqual(before);
  });
});
