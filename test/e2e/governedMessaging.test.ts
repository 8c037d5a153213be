import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/localStack.js';
import { localParts } from '../../shared/governance/localTime.js';
import { timeZoneForPhone } from '../../shared/governance/timeZones.js';
import { setSimulatedTime } from '../../shared/runtime/clock.js';
import { countItems } from '../support/cloud.js';
import { demo, inboundSms, phonePicker, postApi, useLocalStack } from '../support/governedStack.js';

/**
 * The "done when", over HTTP against the local stack and the real wall clock: numbers
 * are picked from zones where it is day (or night) right now, so the test holds at any hour.
 */
let stack: LocalStack;
const pickPhone = phonePicker(100);
const inbound = (from: string, body: string) => inboundSms(stack, from, body);
const post = (path: string, body: unknown) => postApi(stack, path, body);

const send = (to: string, body = 'Spring sale: 20% off today only', extra: Record<string, unknown> = {}) =>
  post('/v1/messages', { to, programId: 'demo', campaignId: 'spring-sale', body, ...extra });

async function timeline(phone: string) {
  const response = await fetch(`${stack.baseUrl}/v1/timeline?phone=${encodeURIComponent(phone)}`, {
    headers: { 'x-api-key': stack.secrets.API_KEY! },
  });
  return ((await response.json()) as { events: Array<Record<string, unknown>> }).events;
}

const sentTo = (phone: string) => stack.vendor.sent.filter((m) => m.to === phone);

useLocalStack('sms-gov-', (started) => {
  stack = started;
});

describe('E2E: governed messaging on the local stack', () => {
  it('refuses a contact with no opt-in on record (program demo requires opt-in)', async () => {
    const phone = pickPhone();
    const { status, json } = await send(phone);
    expect(status).toBe(200);
    expect(json).toMatchObject({ decision: 'suppress', reason: 'consent' });
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('sends after START, records message.sent, and the vendor callback lands as delivered', async () => {
    const phone = pickPhone();
    await inbound(phone, 'START');
    const { json } = await send(phone);
    expect(json).toMatchObject({ decision: 'allow' });
    expect(sentTo(phone)).toHaveLength(1);
    await stack.settle();
    const types = (await timeline(phone)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['message.received', 'consent.changed', 'message.sent', 'message.delivered']),
    );
    expect(types.filter((t) => t === 'message.sent')).toHaveLength(1);
  });

  it('answers a retried request with the same decision and sends once', async () => {
    const phone = pickPhone();
    await inbound(phone, 'yes');
    const first = await send(phone, 'Hello once', { requestId: 'retry-request-0001' });
    const second = await send(phone, 'Hello once', { requestId: 'retry-request-0001' });
    expect(first.json.decision).toBe('allow');
    expect(second.json).toMatchObject({ decision: 'allow', messageId: first.json.messageId });
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('sends exactly one of 50 concurrent sends under the 1-a-day cap', async () => {
    const phone = pickPhone();
    await inbound(phone, 'START');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => send(phone, `Offer number ${i}`)));
    const decisions = results.map((r) => `${r.json.decision}:${r.json.reason ?? ''}`);
    expect(decisions.filter((d) => d === 'allow:')).toHaveLength(1);
    expect(decisions.filter((d) => d === 'suppress:cap')).toHaveLength(49);
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('suppresses every send after STOP and confirms the opt-out once', async () => {
    const phone = pickPhone();
    await inbound(phone, 'START');
    await inbound(phone, 'Stop.');
    await inbound(phone, 'STOP');
    const { json } = await send(phone);
    expect(json).toMatchObject({ decision: 'suppress', reason: 'consent' });
    const replies = sentTo(phone).map((m) => m.body);
    expect(replies.filter((b) => b === demo.optOutConfirmation)).toHaveLength(1);
    expect(replies).toHaveLength(1);
    const suppressed = (await timeline(phone)).filter((e) => e.type === 'send.suppressed');
    expect(suppressed).toMatchObject([{ reason: 'consent' }]);
  });

  it('answers HELP with the program help text', async () => {
    const phone = pickPhone();
    await inbound(phone, 'help');
    expect(sentTo(phone).map((m) => m.body)).toEqual([demo.helpText]);
  });

  it('defers a send at night to the next 08:00 recipient time', async () => {
    // Night somewhere among the candidates is not guaranteed at every hour of the real day: the
    // local stack's clock is set to the next 02:00 in New York instead.
    const at = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    while (localParts(at, 'America/New_York').hour !== 2) at.setTime(at.getTime() + 3_600_000);
    const phone = pickPhone({ night: true, at });
    setSimulatedTime(at);
    try {
      await inbound(phone, 'START');
      const { json } = await send(phone);
      expect(json).toMatchObject({ decision: 'defer', reason: 'quiet_hours' });
      const until = new Date(String(json.until));
      const local = localParts(until, timeZoneForPhone(phone)!);
      expect([local.hour, local.minute]).toEqual([8, 0]);
      expect(until.getTime()).toBeGreaterThan(at.getTime());
      await stack.runSchedules();
      expect(sentTo(phone)).toHaveLength(0);
      expect((await timeline(phone)).filter((e) => e.type === 'send.deferred')).toHaveLength(1);
    } finally {
      setSimulatedTime(undefined);
    }
  });

  it('gives holdout members a ghost exposure and no message', async () => {
    const phone = pickPhone({ heldOut: true });
    await inbound(phone, 'START');
    const { json } = await send(phone);
    expect(json).toMatchObject({ decision: 'suppress', reason: 'holdout' });
    expect(sentTo(phone)).toHaveLength(0);
    expect((await timeline(phone)).filter((e) => e.type === 'send.suppressed')).toMatchObject([
      { reason: 'holdout', campaignId: 'spring-sale' },
    ]);
  });

  it('answers /v1/decisions without changing anything', async () => {
    const phone = pickPhone();
    await inbound(phone, 'START');
    await stack.settle();
    const dynamo = new DynamoDBClient({});
    const before = await countItems(dynamo, stack.cloud.tableName);
    const { json } = await post('/v1/decisions', {
      to: phone,
      programId: 'demo',
      campaignId: 'spring-sale',
      body: 'x',
    });
    expect(json.decision).toBe('allow');
    expect(await countItems(dynamo, stack.cloud.tableName)).toBe(before);
    expect(sentTo(phone)).toHaveLength(0);
  });

  it.each([
    [{ to: 'not-a-number', programId: 'demo', campaignId: 'spring-sale', body: 'x' }, 'to'],
    [{ to: '+14155550100', programId: 'nope', campaignId: 'spring-sale', body: 'x' }, 'programId'],
    [{ to: '+14155550100', programId: 'demo', body: 'x' }, 'workflowId'],
    [{ to: '+14155550100', programId: 'demo', campaignId: 'spring-sale', body: '' }, 'body'],
  ])('answers an invalid body %j with 400 naming %s', async (body, field) => {
    const { status, json } = await post('/v1/messages', body);
    expect(status).toBe(400);
    expect(String(json.message)).toContain(field);
  });
});
