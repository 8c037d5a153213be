import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import { appendEvents } from '../../shared/ingest/appendEvents.js';
import { SqsEventQueue } from '../../shared/queue/sqsEventQueue.js';
import { batchWriteAll, UnprocessedWritesError } from '../../shared/store/batchWrite.js';
import { DynamoEventStore } from '../../shared/store/dynamoEventStore.js';
import { queueDepth, startTestCloud } from '../support/cloud.js';
import { countDynamoCalls } from '../support/dynamoCalls.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let client: DynamoDBDocumentClient;

beforeAll(async () => {
  cloud = await startTestCloud();
  client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
});
afterAll(async () => {
  client.destroy();
  await cloud.stop();
});

/** A SendGrid-like batch: `count` distinct email events of one message. */
const batch = (prefix: string, count: number): CanonicalEvent[] =>
  Array.from({ length: count }, (_, i) =>
    canonicalEvent(
      {
        type: 'email.delivered',
        source: 'sendgrid',
        vendorRef: `${prefix}-${i}`,
        occurredAt: '2026-11-25T10:00:00.000Z',
        channel: 'email',
        messageId: `${prefix}-msg`,
        email: `${prefix}@example.com`,
      },
      new Date(),
    ),
  );

/**
 * A client whose first BatchWriteItem makes only its first half and reports the rest
 * unprocessed; the next `stuckCalls` make nothing and report everything unprocessed.
 */
function halfProcessingClient(realClient: DynamoDBDocumentClient, table: string, stuckCalls = 0) {
  let calls = 0;
  const wrapped = Object.create(realClient) as DynamoDBDocumentClient;
  wrapped.send = (async (command: { input: { RequestItems?: Record<string, unknown[]> } }) => {
    const requests = command.input.RequestItems?.[table];
    if (!requests || calls > stuckCalls) return realClient.send(command as never);
    calls += 1;
    if (calls > 1) return { UnprocessedItems: { [table]: requests } };
    const half = Math.ceil(requests.length / 2);
    command.input.RequestItems = { [table]: requests.slice(0, half) };
    await realClient.send(command as never);
    return { UnprocessedItems: { [table]: requests.slice(half) } };
  }) as DynamoDBDocumentClient['send'];
  return wrapped;
}

const isEnqueued = async (event: CanonicalEvent) =>
  (
    await client.send(
      new GetCommand({
        TableName: cloud.tableName,
        Key: { pk: `EVT#${event.eventId}`, sk: 'EVENT' },
        ConsistentRead: true,
      }),
    )
  ).Item?.enqueued;

describe('Batching: appendEvents through DynamoEventStore on dynalite', () => {
  const ports = (store = new DynamoEventStore(client, cloud.tableName)) => ({
    events: store,
    queue: new SqsEventQueue(cloud.sqs, cloud.queueUrl),
  });

  it('stores, enqueues and counts an event repeated inside one delivery once', async () => {
    // Prepare
    const [a, b] = batch('dup-in-batch', 2) as [CanonicalEvent, CanonicalEvent];
    const depthBefore = await queueDepth(cloud.sqs, cloud.queueUrl);
    // Act
    const created = await appendEvents([a, b, a], ports());
    // Assess
    expect(created).toBe(2);
    expect((await queueDepth(cloud.sqs, cloud.queueUrl)) - depthBefore).toBe(2);
    expect([await isEnqueued(a), await isEnqueued(b)]).toEqual([true, true]);
  });

  it('marks a delivery of 30 new events with two BatchWriteItem calls, after 30 conditional puts', async () => {
    // Prepare
    const calls = countDynamoCalls(client);
    try {
      // Act
      await appendEvents(batch('thirty', 30), ports());
      // Assess
      expect(calls.byOperation()).toEqual({ PutItem: 30, BatchWriteItem: 2 });
    } finally {
      calls.detach();
    }
  });

  it('retries the writes a BatchWriteItem leaves unprocessed until every event is marked', async () => {
    // Prepare
    const events = batch('partial', 6);
    const store = new DynamoEventStore(halfProcessingClient(client, cloud.tableName), cloud.tableName);
    // Act
    await appendEvents(events, ports(store));
    // Assess
    expect(await Promise.all(events.map(isEnqueued))).toEqual(events.map(() => true));
  });

  it('throws when writes stay unprocessed, and a replay then enqueues nothing twice', async () => {
    // Prepare
    const events = batch('stuck', 4);
    const stuck = new DynamoEventStore(halfProcessingClient(client, cloud.tableName, 99), cloud.tableName);
    const depthBefore = await queueDepth(cloud.sqs, cloud.queueUrl);
    // Act
    await expect(appendEvents(events, ports(stuck))).rejects.toThrow(UnprocessedWritesError);
    const flags = await Promise.all(events.map(isEnqueued));
    const replayCreated = await appendEvents(events, ports());
    const replayAgain = await appendEvents(events, ports());
    // Assess: the first half was marked; the rest is re-enqueued once by the replay, then never.
    expect(flags).toEqual([true, true, false, false]);
    expect(replayCreated + replayAgain).toBe(0);
    expect((await queueDepth(cloud.sqs, cloud.queueUrl)) - depthBefore).toBe(4 + 2);
    expect(await Promise.all(events.map(isEnqueued))).toEqual(events.map(() => true));
  });

  it('stores the events a failed conditional put left out when the delivery is replayed', async () => {
    // Prepare: the third put of the delivery fails as a throttled call would.
    const events = batch('put-fails', 5);
    const failing = Object.create(client) as DynamoDBDocumentClient;
    let puts = 0;
    failing.send = (async (command: { input: { Item?: unknown } }) => {
      if (command.input.Item && !('RequestItems' in command.input) && ++puts === 3) {
        throw new Error('ProvisionedThroughputExceeded');
      }
      return client.send(command as never);
    }) as DynamoDBDocumentClient['send'];
    const depthBefore = await queueDepth(cloud.sqs, cloud.queueUrl);
    // Act
    await expect(appendEvents(events, ports(new DynamoEventStore(failing, cloud.tableName)))).rejects.toThrow(
      'ProvisionedThroughputExceeded',
    );
    const created = await appendEvents(events, ports());
    await appendEvents(events, ports());
    // Assess: four stored by the failed delivery, one by its replay; each enqueued exactly once.
    expect(created).toBe(1);
    expect((await queueDepth(cloud.sqs, cloud.queueUrl)) - depthBefore).toBe(5);
    expect(await Promise.all(events.map(isEnqueued))).toEqual(events.map(() => true));
  });
});

describe('Function: batchWriteAll', () => {
  it('writes more than 25 items in calls of at most 25', async () => {
    const calls = countDynamoCalls(client);
    try {
      const items = Array.from({ length: 60 }, (_, i) => ({
        PutRequest: { Item: { pk: `BATCH#${i}`, sk: 'X' } },
      }));
      await batchWriteAll(client, cloud.tableName, items);
      expect(calls.byOperation()).toEqual({ BatchWriteItem: 3 });
    } finally {
      calls.detach();
    }
  });
});
