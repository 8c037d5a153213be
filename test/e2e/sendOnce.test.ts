import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/localStack.js';
import { localParts } from '../../shared/governance/localTime.js';
import { sendJsonBatch } from '../../shared/queue/sqsBatch.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { setSimulatedTime } from '../../shared/runtime/clock.js';
import { inboundSms, phonePicker, postApi, useLocalStack } from '../support/governedStack.js';

/**
 * Issue 12: one request is one message. Copies of a request (a client retrying, a proxy
 * replaying, SQS redelivering, a deferred send released twice) must reach the vendor once and
 * all answer the first copy's decision and message id, while the 1-a-day cap holds for any
 * mix of copies and distinct requests. The fake vendor counts every create it is asked for.
 */
let stack: LocalStack;
const pickPhone = phonePicker(600);

const onboarding = (to: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  to,
  programId: 'demo',
  workflowId: 'onboarding',
  step: 1,
  body: 'Welcome aboard! Reply with any question.',
  ...extra,
});
const send = (body: Record<string, unknown>) => postApi(stack, '/v1/messages', body);
/** Messages the vendor API was asked to create for this number. */
const createsFor = (phone: string) => stack.vendor.sent.filter((m) => m.to === phone);

async function optedIn(opts: { night?: boolean; at?: Date } = {}): Promise<string> {
  const phone = pickPhone(opts);
  await inboundSms(stack, phone, 'START');
  return phone;
}

function expectOneAnswer(answers: Array<{ status: number; json: Record<string, unknown> }>) {
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  const first = answers[0]!.json;
  for (const answer of answers) {
    expect(answer.json).toEqual(first);
  }
  return first;
}

useLocalStack(
  'sms-once-',
  (started) => {
    stack = started;
  },
  { processEvents: 0 },
);

describe('E2E: one send request is one message (issue 12)', () => {
  it('sends 50 concurrent copies of one request (no requestId) once, all with the same messageId', async () => {
    const phone = await optedIn();
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(onboarding(phone))));
    const answer = expectOneAnswer(answers);
    expect(answer).toMatchObject({ decision: 'allow', messageId: expect.any(String) });
    expect(createsFor(phone)).toHaveLength(1);
    expect(createsFor(phone)[0]!.vendorMessageId).toBe(answer.messageId);
  });

  it('sends 50 concurrent copies with one explicit requestId once', async () => {
    const phone = await optedIn();
    const body = onboarding(phone, { requestId: `copies-${phone.slice(1)}` });
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(body)));
    const answer = expectOneAnswer(answers);
    expect(answer).toMatchObject({ decision: 'allow', requestId: body.requestId });
    expect(createsFor(phone)).toHaveLength(1);
  });

  it('answers later sequential copies with the first decision and sends nothing more', async () => {
    const phone = await optedIn();
    const first = await send(onboarding(phone));
    const again = [await send(onboarding(phone)), await send(onboarding(phone))];
    expectOneAnswer([first, ...again]);
    expect(createsFor(phone)).toHaveLength(1);
  });

  it('holds the cap for interleaved copies and distinct requests: one create in all', async () => {
    const phone = await optedIn();
    const copy = onboarding(phone);
    const requests = Array.from({ length: 60 }, (_, i) =>
      i % 2 === 0 ? copy : onboarding(phone, { body: `Distinct offer ${i}` }),
    );
    const answers = await Promise.all(requests.map((r) => send(r)));
    expect(createsFor(phone)).toHaveLength(1);
    const copies = answers.filter((_, i) => i % 2 === 0);
    const copyAnswer = expectOneAnswer(copies);
    const distinct = answers.filter((_, i) => i % 2 === 1).map((a) => a.json);
    const allowed = [copyAnswer, ...distinct].filter((a) => a.decision === 'allow');
    expect(allowed).toHaveLength(1);
    expect(distinct.filter((a) => a.decision === 'suppress').map((a) => a.reason)).toEqual(
      distinct.filter((a) => a.decision !== 'allow').map(() => 'cap'),
    );
    expect(allowed[0]!.messageId).toBe(createsFor(phone)[0]!.vendorMessageId);
  });

  it('sends copies arriving on the send queue once, beside copies over the API', async () => {
    const phone = await optedIn();
    const request = onboarding(phone, { requestId: `queued-${phone.slice(1)}` });
    await sendJsonBatch(
      sqsClient(),
      stack.cloud.sendQueueUrl,
      Array.from({ length: 20 }, () => ({ body: request })),
    );
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(request)));
    await stack.settle();
    expect(createsFor(phone)).toHaveLength(1);
    const answer = expectOneAnswer(answers);
    expect(answer.messageId).toBe(createsFor(phone)[0]!.vendorMessageId);
    expect(stack.failures.send).toBe(0);
  });

  it('releases a deferred send once, whatever copies arrive when quiet hours end', async () => {
    const night = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    while (localParts(night, 'America/New_York').hour !== 2) night.setTime(night.getTime() + 3_600_000);
    setSimulatedTime(night);
    try {
      const phone = await optedIn({ night: true, at: night });
      const request = onboarding(phone);
      const deferred = await Promise.all(Array.from({ length: 10 }, () => send(request)));
      const answer = expectOneAnswer(deferred);
      expect(answer).toMatchObject({ decision: 'defer', reason: 'quiet_hours' });
      expect(createsFor(phone)).toHaveLength(0);

      // Morning: the timer releases the send while the client also retries, twice at once.
      setSimulatedTime(new Date(Date.parse(String(answer.until)) + 60_000));
      const [, , ...retries] = await Promise.all([
        stack.runSchedules(),
        stack.runSchedules(),
        ...Array.from({ length: 10 }, () => send(request)),
      ]);
      await stack.settle();
      expect(createsFor(phone)).toHaveLength(1);
      const released = expectOneAnswer(retries as Array<{ status: number; json: Record<string, unknown> }>);
      expect(released).toMatchObject({ decision: 'allow', messageId: createsFor(phone)[0]!.vendorMessageId });
    } finally {
      setSimulatedTime(undefined);
    }
  });
});
