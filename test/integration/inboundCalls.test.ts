import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstSecret } from '../../infra/local/simulator/demo/story.js';
import { signHubspot, signTwilio } from '../../infra/local/simulator/signers.js';
import { twilioSid } from '../../infra/local/simulator/world/doors.js';
import {
  INBOUND_BASE_URL,
  type InboundRequest,
  type InboundStack,
  startInboundStack,
} from '../support/inboundStack.js';

/**
 * DynamoDB calls per inbound event through the real webhook and process-events handlers on
 * dynalite: a count is deterministic, so the budget (at most 4 per event, webhook and
 * processor together) is asserted here, by operation, where the bench only reports it.
 */
let stack: InboundStack;

beforeAll(async () => {
  stack = await startInboundStack();
});
afterAll(async () => stack?.stop());

const DEMO_NUMBER = '+14155550199';
const twilioPath = '/webhooks/sms/twilio';

function twilioStatus(phone: string, key: string, status: 'sent' | 'delivered'): InboundRequest {
  const sid = twilioSid(key);
  const path = `${twilioPath}?programId=demo&kind=campaign&campaignId=spring-sale`;
  const signed = signTwilio(stack.files.secrets.TWILIO_AUTH_TOKEN ?? '', `${INBOUND_BASE_URL}${path}`, {
    AccountSid: 'AC5a1d0c0ffee0c0ffee0c0ffee0c0ffe',
    From: DEMO_NUMBER,
    MessageSid: sid,
    MessageStatus: status,
    SmsSid: sid,
    To: phone,
  });
  return { family: 'sms', vendor: 'twilio', path, signed };
}

function twilioReply(phone: string, key: string, body: string): InboundRequest {
  const sid = twilioSid(key);
  const signed = signTwilio(stack.files.secrets.TWILIO_AUTH_TOKEN ?? '', `${INBOUND_BASE_URL}${twilioPath}`, {
    AccountSid: 'AC5a1d0c0ffee0c0ffee0c0ffee0c0ffe',
    Body: body,
    From: phone,
    MessageSid: sid,
    SmsSid: sid,
    SmsStatus: 'received',
    To: DEMO_NUMBER,
  });
  return { family: 'sms', vendor: 'twilio', path: twilioPath, signed };
}

function hubspotContact(objectId: number, phone: string, email: string): InboundRequest {
  const path = '/webhooks/crm/hubspot';
  const common = {
    portalId: 45123987,
    appId: 3120451,
    objectId,
    occurredAt: Date.now() - 60_000,
    attemptNumber: 0,
  };
  const batch = [
    { ...common, eventId: objectId * 10 + 1, subscriptionId: 1, subscriptionType: 'contact.creation' },
    ...[
      ['email', email],
      ['mobilephone', phone],
    ].map(([propertyName, propertyValue], i) => ({
      ...common,
      eventId: objectId * 10 + 2 + i,
      subscriptionId: 2,
      subscriptionType: 'contact.propertyChange',
      propertyName,
      propertyValue,
    })),
  ];
  const secret = firstSecret(stack.files.secrets.HUBSPOT_CLIENT_SECRET);
  const signed = signHubspot(secret, 'POST', `${INBOUND_BASE_URL}${path}`, batch, new Date());
  return { family: 'crm', vendor: 'hubspot', path, signed };
}

/** Posts one delivery, then drains the queue; the calls each side made, by operation. */
async function deliver(request: InboundRequest) {
  stack.calls.reset();
  const response = await stack.post(request);
  expect(response.statusCode).toBe(200);
  const webhook = stack.calls.byOperation();
  stack.calls.reset();
  const { failed } = await stack.drain();
  expect(failed).toBe(0);
  return { webhook, processor: stack.calls.byOperation() };
}

const total = (...counts: Record<string, number>[]) =>
  counts.flatMap((c) => Object.values(c)).reduce((sum, n) => sum + n, 0);

describe('Budget: DynamoDB calls per inbound event, webhook + processor', () => {
  it('a status callback for a known phone: the conditional put, its enqueued mark, one link read', async () => {
    // Prepare: the phone is known from the message's first callback.
    await deliver(twilioStatus('+12125550801', 'calls-status', 'sent'));
    // Act
    const { webhook, processor } = await deliver(twilioStatus('+12125550801', 'calls-status', 'delivered'));
    // Assess
    expect(webhook).toEqual({ PutItem: 1, BatchWriteItem: 1 });
    expect(processor).toEqual({ GetItem: 1 });
  });

  it('a first reply from an unknown phone: its provisional contact and link are written once', async () => {
    const { webhook, processor } = await deliver(twilioReply('+12125550802', 'calls-reply', 'thanks!'));
    expect(webhook).toEqual({ PutItem: 1, BatchWriteItem: 1 });
    // The link read, then the provisional contact and the link, both conditional puts.
    expect(processor).toEqual({ GetItem: 1, PutItem: 2 });
    expect(total(webhook, processor)).toBeLessThanOrEqual(5);
  });

  it('a HubSpot batch naming a contact, their email and phone: three events in at most 4 calls each', async () => {
    const { webhook, processor } = await deliver(hubspotContact(91_001, '+12125550803', 'calls@example.com'));
    // Three conditional puts, one BatchWriteItem marking all three enqueued.
    expect(webhook).toEqual({ PutItem: 3, BatchWriteItem: 1 });
    // One UpdateItem per profile merge, the email link put and the phone link put.
    expect(processor).toEqual({ UpdateItem: 3, PutItem: 2 });
    expect(total(webhook, processor) / 3).toBeLessThanOrEqual(4);
  });

  it('a replayed delivery stores and processes nothing again', async () => {
    const request = twilioStatus('+12125550804', 'calls-replay', 'delivered');
    await deliver(request);
    const { webhook, processor } = await deliver(request);
    // The refused conditional put, then (dynalite does not return the refused item) its read.
    expect(webhook).toEqual({ PutItem: 1, GetItem: 1 });
    expect(processor).toEqual({});
  });
});
