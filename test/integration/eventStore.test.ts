import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../events/index.js';
import { ingestWebhook } from '../../shared/ingest/ingestWebhook.js';
import { signGeneric } from '../../shared/providers/genericSignature.js';
import { SqsEventQueue } from '../../shared/queue/sqsEventQueue.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { DynamoEventStore } from '../../shared/store/dynamoEventStore.js';
import { countItems, queueDepth, startTestCloud } from '../support/cloud.js';
import { webhookRequest } from '../support/request.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let store: DynamoEventStore;

beforeAll(async () => {
  cloud = await startTestCloud();
  store = new DynamoEventStore(documentClient(), cloud.tableName);
});
afterAll(async () => cloud.stop());

const received = (sid: string, occurredAt: string, phone = '+14155550123') =>
  canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: sid,
      occurredAt,
      channel: 'sms',
      messageId: sid,
      phone,
      from: phone,
      to: '+14155550199',
      body: 'yes',
    },
    new Date(),
  );

describe('Adapter: DynamoEventStore on dynalite', () => {
  it('stores one item however many times one event is recorded in sequence', async () => {
    const event = received('SMseq0000000000000000000000000001', '2026-11-25T10:00:00.000Z', '+14155550101');
    const outcomes = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await store.record(event));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await store.timeline({ phone: '+14155550101' })).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent writers create the event', async () => {
    const event = received('SMconc000000000000000000000000001', '2026-11-25T10:00:00.000Z', '+14155550102');
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.record(event)));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    expect(await store.timeline({ phone: '+14155550102' })).toHaveLength(1);
  });

  it('returns a timeline oldest first and remembers what was enqueued', async () => {
    const later = received('SMord2', '2026-11-25T12:00:00.000Z', '+14155550103');
    const earlier = received('SMord1', '2026-11-25T09:00:00.000Z', '+14155550103');
    await store.record(later);
    await store.record(earlier);
    const timeline = await store.timeline({ phone: '+14155550103' });
    expect(timeline.map((e) => e.vendorRef)).toEqual(['SMord1', 'SMord2']);
    await store.markEnqueued([{ event: later, created: true }]);
    expect(await store.record(later)).toEqual({ created: false, enqueued: true });
    expect(await store.record(earlier)).toEqual({ created: false, enqueued: false });
    expect(await store.get(earlier.eventId)).toEqual(earlier);
  });
});

describe('Integration: webhook ingestion on dynalite + fauxqs', () => {
  const secret = 'whsec_integration';
  const ports = () => ({
    events: store,
    queue: new SqsEventQueue(cloud.sqs, cloud.queueUrl),
    secrets: async () => ({ GENERIC_WEBHOOK_SECRET: secret }),
    now: () => new Date(),
  });
  const signed = (payload: unknown) => {
    const body = JSON.stringify(payload);
    const ts = Math.floor(Date.now() / 1000);
    return webhookRequest({
      url: 'http://localhost/webhooks/sms/generic',
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-timestamp': String(ts),
        'webhook-signature': signGeneric(secret, ts, body),
      },
    });
  };
  const payload = (id: string) => ({
    events: [
      {
        id,
        type: 'message.received',
        occurredAt: '2026-11-25T10:00:00.000Z',
        channel: 'sms',
        messageId: id,
        from: '+14155550104',
        to: '+14155550199',
        phone: '+14155550104',
        body: 'hi',
      },
    ],
  });

  it('stores and enqueues one event for 20 concurrent copies of one webhook', async () => {
    const itemsBefore = await countItems(cloud.dynamo, cloud.tableName);
    const depthBefore = await queueDepth(cloud.sqs, cloud.queueUrl);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        ingestWebhook('sms', 'generic', signed(payload('gen-concurrent-1')), ports()),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await countItems(cloud.dynamo, cloud.tableName)).toBe(itemsBefore + 1);
    // Concurrent copies that lose the write race may also enqueue before the winner marks it;
    // downstream processors are idempotent on eventId, so the queue may hold a few copies but
    // never more than the number of deliveries, and the store holds exactly one.
    const depth = (await queueDepth(cloud.sqs, cloud.queueUrl)) - depthBefore;
    expect(depth).toBeGreaterThanOrEqual(1);
    expect(depth).toBeLessThanOrEqual(20);
  });

  it('refuses a badly signed webhook without writing or enqueuing anything', async () => {
    const itemsBefore = await countItems(cloud.dynamo, cloud.tableName);
    const depthBefore = await queueDepth(cloud.sqs, cloud.queueUrl);
    const request = signed(payload('gen-bad-1'));
    request.headers['webhook-signature'] = 'v1,Zm9yZ2Vk';
    await expect(ingestWebhook('sms', 'generic', request, ports())).rejects.toThrow(/signature/);
    expect(await countItems(cloud.dynamo, cloud.tableName)).toBe(itemsBefore);
    expect(await queueDepth(cloud.sqs, cloud.queueUrl)).toBe(depthBefore);
  });
});
