import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../events/index.js';
import { ServiceUnavailableError } from '../../../shared/http/errors.js';
import {
  VendorRejectedError,
  VendorResponseError,
  VendorUnavailableError,
} from '../../../shared/messaging/smsSender.js';
import { processEvent } from '../../../shared/processing/processEvent.js';
import { REQUEST_LEASE_MS, RequestInFlightError } from '../../../shared/sending/claimRequest.js';
import { sendMessage } from '../../../shared/sending/sendMessage.js';
import { SendRequestSchema, sendRequestId } from '../../../shared/sending/sendRequest.js';
import { heldState } from '../../../shared/sending/sendRequestLedger.js';
import { memorySendPorts } from '../../support/memoryPorts.js';
import { configWith, NOON_NEW_YORK, PLAIN_PROGRAM } from '../governance/gateFixtures.js';

const PHONE = '+12125550123';
const config = configWith({
  consent: { required: 'not_opted_out', scope: 'all' },
  caps: [{ channel: 'sms', max: 1, window: { kind: 'calendar_day' } }],
});
const request = { to: PHONE, programId: 'p1', workflowId: 'onboarding', step: 1, body: 'Welcome aboard' };
const requestId = sendRequestId(SendRequestSchema.parse(request));

function setUp() {
  const ports = memorySendPorts(config, NOON_NEW_YORK);
  return { ports, creates: () => ports.outbox.filter((m) => m.to === PHONE) };
}

describe('Use case: sendMessage sends one request once, whatever copies arrive', () => {
  it('answers 20 simultaneous copies with the first copy’s decision and message id', async () => {
    // Prepare
    const { ports, creates } = setUp();
    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, () => sendMessage(request, ports)));
    // Assess
    expect(creates()).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ decision: 'allow', requestId, messageId: creates()[0]!.vendorMessageId })]),
    );
  });

  it('delivers a request reserved during a vendor outage on the next copy, once, without a second cap', async () => {
    const { ports, creates } = setUp();
    ports.senders.twilio.failNext(
      new VendorUnavailableError('twilio', 'HTTP 503', { attempts: 2, status: 503 }),
    );
    await expect(sendMessage(request, ports)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(creates()).toHaveLength(0);

    const [a, b] = await Promise.all([sendMessage(request, ports), sendMessage(request, ports)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ decision: 'allow', messageId: creates()[0]!.vendorMessageId });
    expect(creates()).toHaveLength(1);
    expect(await ports.ledger.history(PHONE)).toHaveLength(1);
  });

  it('never resends a request whose vendor answer was unreadable or a refusal', async () => {
    const { ports, creates } = setUp();
    ports.senders.twilio.failNext(new VendorResponseError('twilio', 'unreadable body'));
    const first = await sendMessage(request, ports);
    expect(first).toEqual({ decision: 'allow', requestId, vendorError: { message: 'unreadable body' } });
    expect(await sendMessage(request, ports)).toEqual(first);

    const other = { ...request, to: '+12125550124' };
    ports.senders.twilio.failNext(new VendorRejectedError('twilio', 400, '21610', 'unsubscribed', true));
    const refused = await sendMessage(other, ports);
    expect(refused).toMatchObject({ vendorError: { code: '21610' } });
    expect(await sendMessage(other, ports)).toEqual(refused);
    expect(ports.outbox).toHaveLength(0);
    expect(creates()).toHaveLength(0);
  });

  it('does not resend after a copy stopped while calling the vendor (the text may be out)', async () => {
    const { ports, creates } = setUp();
    const crashedAt = new Date(NOON_NEW_YORK.getTime() - REQUEST_LEASE_MS - 1000);
    await ports.requests.claim(requestId, 'crashed', crashedAt, REQUEST_LEASE_MS);
    await ports.requests.settle(
      requestId,
      'crashed',
      heldState('sending', 'crashed', crashedAt, REQUEST_LEASE_MS),
    );

    const answer = await sendMessage(request, ports);
    expect(answer).toMatchObject({
      decision: 'allow',
      vendorError: { message: expect.stringContaining('not resent') },
    });
    expect(creates()).toHaveLength(0);
  });

  it('tells a copy arriving while another holds the request to retry (503), and sends nothing', async () => {
    const { ports, creates } = setUp();
    await ports.requests.claim(requestId, 'holder', NOON_NEW_YORK, REQUEST_LEASE_MS);
    await expect(sendMessage(request, { ...ports, copyWaitMs: 50 })).rejects.toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(creates()).toHaveLength(0);
    expect(await ports.requests.find(requestId)).toMatchObject({ state: 'deciding', claim: 'holder' });
  });
});

describe('Use case: a HELP reply goes out once per inbound message', () => {
  const help = canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: 'SMhelp1',
      occurredAt: NOON_NEW_YORK.toISOString(),
      channel: 'sms',
      messageId: 'SMhelp1',
      phone: PHONE,
      from: PHONE,
      to: PLAIN_PROGRAM.from,
      body: 'HELP',
    },
    NOON_NEW_YORK,
  );

  it('replies once when two copies of the event are processed at once, and once more never', async () => {
    const { ports, creates } = setUp();
    const results = await Promise.allSettled([processEvent(help, ports), processEvent(help, ports)]);
    // The copy that found the reply in flight fails its record, so the queue retries it later.
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: expect.any(RequestInFlightError),
    });
    await processEvent(help, ports);
    expect(creates().map((m) => m.body)).toEqual([PLAIN_PROGRAM.helpText]);
  });

  it('sends the reply on the retry after a vendor outage', async () => {
    const { ports, creates } = setUp();
    ports.senders.twilio.failNext(new VendorUnavailableError('twilio', 'timeout', { attempts: 2 }));
    await expect(processEvent(help, ports)).rejects.toBeInstanceOf(VendorUnavailableError);
    await processEvent(help, ports);
    await processEvent(help, ports);
    expect(creates()).toHaveLength(1);
  });
});
