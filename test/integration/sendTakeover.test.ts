import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSmsVendor, startFakeSmsVendor } from '../../shared/messaging/fakeVendorServer.js';
import { TwilioSmsSender } from '../../shared/messaging/twilioSender.js';
import { REQUEST_LEASE_MS } from '../../shared/sending/claimRequest.js';
import { sendMessage } from '../../shared/sending/sendMessage.js';
import { SendRequestSchema, sendRequestId } from '../../shared/sending/sendRequest.js';
import { heldState } from '../../shared/sending/sendRequestLedger.js';
import { memorySendPorts } from '../support/memoryPorts.js';
import { configWith, NOON_NEW_YORK } from '../unit/governance/gateFixtures.js';

/**
 * A copy taking over a request whose earlier copy may have reached Twilio (it stopped mid-call,
 * or Twilio gave no usable answer) asks Twilio's Messages list first, against the fake vendor.
 */
const PHONE = '+12125550140';
const config = configWith({ consent: { required: 'not_opted_out', scope: 'all' } });
const request = { to: PHONE, programId: 'p1', campaignId: 'spring-sale', body: 'Spring sale: 20% off' };
const requestId = sendRequestId(SendRequestSchema.parse(request));
let vendor: FakeSmsVendor;

beforeAll(async () => {
  vendor = await startFakeSmsVendor({ now: () => NOON_NEW_YORK });
});
afterAll(async () => vendor.stop());
beforeEach(() => {
  vendor.setBehaviour({ kind: 'accept' });
  vendor.sent.length = 0;
  vendor.requests.length = 0;
});

function portsWithTwilio() {
  const ports = memorySendPorts(config, NOON_NEW_YORK);
  const twilio = new TwilioSmsSender({
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    authToken: 'token',
    baseUrl: vendor.baseUrl,
    retry: { maxAttempts: 2, timeoutMs: 150, baseDelayMs: 1, maxDelayMs: 1 },
    now: () => NOON_NEW_YORK.getTime(),
  });
  return { ...ports, senders: { ...ports.senders, twilio } };
}

/** An earlier copy claimed the request and was calling the vendor when it stopped. */
async function interruptedMidCall(ports: ReturnType<typeof portsWithTwilio>) {
  const at = new Date(NOON_NEW_YORK.getTime() - REQUEST_LEASE_MS - 1_000);
  await ports.requests.claim(requestId, 'stopped', at, REQUEST_LEASE_MS);
  await ports.requests.settle(requestId, 'stopped', heldState('sending', 'stopped', at, REQUEST_LEASE_MS));
}

describe('Use case: a copy takes over an interrupted Twilio send', () => {
  it('answers the message Twilio already has, and creates none', async () => {
    const ports = portsWithTwilio();
    await interruptedMidCall(ports);
    // The stopped copy's create did reach Twilio.
    await ports.senders.twilio.send({
      from: config.programs.p1!.from,
      to: PHONE,
      body: request.body,
      idempotencyKey: requestId,
    });
    const creates = vendor.requests.filter((r) => r.method === 'POST').length;

    const answer = await sendMessage(request, ports);

    expect(answer).toEqual({ decision: 'allow', requestId, messageId: vendor.sent[0]!.vendorMessageId });
    expect(vendor.requests.filter((r) => r.method === 'POST')).toHaveLength(creates);
    const stored = [...ports.events.items.values()].map((item) => item.event);
    expect(stored).toEqual([expect.objectContaining({ type: 'message.sent', messageId: answer.messageId })]);
  });

  it('sends when Twilio has no such message (the stopped copy never got there)', async () => {
    const ports = portsWithTwilio();
    await interruptedMidCall(ports);
    const answer = await sendMessage(request, ports);
    expect(vendor.sent).toHaveLength(1);
    expect(answer).toMatchObject({ decision: 'allow', messageId: vendor.sent[0]!.vendorMessageId });
    expect(await sendMessage(request, ports)).toEqual(answer);
  });

  it('delivers once through a timeout that came after Twilio accepted', async () => {
    const ports = portsWithTwilio();
    vendor.setBehaviour({ kind: 'acceptThenHang', times: 1 });
    const first = await sendMessage(request, ports);
    expect(first).toMatchObject({ decision: 'allow', messageId: vendor.sent[0]!.vendorMessageId });
    expect(vendor.sent).toHaveLength(1);
  });
});
