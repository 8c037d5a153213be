import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../events/index.js';
import type { LocalStack } from '../../infra/local/localStack.js';
import { findDeadLetterQueues, redriveDeadLetters } from '../../shared/ops/deadLetters.js';
import { replayEvents } from '../../shared/ops/replayEvents.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { SqsEventQueue } from '../../shared/queue/sqsEventQueue.js';
import { sqsJson } from '../../shared/queue/sqsJson.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { DynamoEventStore } from '../../shared/store/dynamoEventStore.js';
import { demo, inboundSms, phonePicker, postApi, useLocalStack } from '../support/governedStack.js';

/**
 * Issue 14's ops commands on the local stack: a replay re-publishes stored events through the
 * processor and changes nothing that was already done; a redrive sends a DLQ's messages back to
 * their queue, where they take effect once.
 */
let stack: LocalStack;
const pickPhone = phonePicker(800);
const run = promisify(execFile);

/** Every item of the operational table, in key order: the whole operational state. */
async function tableState(): Promise<string[]> {
  const dynamo = new DynamoDBClient({});
  const items: string[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: stack.cloud.tableName, ExclusiveStartKey: cursor as never }),
    );
    for (const item of page.Items ?? []) items.push(JSON.stringify(item, Object.keys(item).sort()));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items.sort();
}

useLocalStack('sms-ops-', (started) => {
  stack = started;
});

describe('E2E: replay and redrive on the local stack (issue 14)', () => {
  it('replays a window of events through the processor without doing anything twice', async () => {
    // Prepare: consent, a HELP reply, an opt-out confirmation, a hot reply routed to Slack, a send.
    const from = new Date(Date.now() - 1000);
    const phone = pickPhone();
    const other = pickPhone();
    await inboundSms(stack, phone, 'START');
    await inboundSms(stack, phone, 'HELP');
    expect(
      (
        await postApi(stack, '/v1/messages', {
          to: phone,
          programId: 'demo',
          campaignId: 'spring-sale',
          body: 'Hi',
        })
      ).json.decision,
    ).toBe('allow');
    await inboundSms(stack, phone, 'Can we book a demo call tomorrow? What is the pricing?');
    await inboundSms(stack, other, 'START');
    await inboundSms(stack, other, 'STOP');
    await stack.settle();
    const texts = stack.vendor.sent.length;
    const slackPosts = stack.slack.messages.length;
    // The effects a replay could repeat are there to repeat: the send, HELP, the confirmation, the alert.
    expect(stack.vendor.sent.filter((m) => m.to === phone || m.to === other).length).toBeGreaterThanOrEqual(
      3,
    );
    expect(slackPosts).toBeGreaterThanOrEqual(1);
    const before = await tableState();

    // Act
    const store = new DynamoEventStore(documentClient(), stack.cloud.tableName);
    const queue = new SqsEventQueue(sqsClient(), stack.cloud.queueUrl);
    const summary = await replayEvents(
      { from, to: new Date(Date.now() + 1000) },
      { eventsReceivedOn: (day) => store.eventsReceivedOn(day), enqueue: (e) => queue.enqueue(e) },
    );
    await stack.settle();

    // Assess
    expect(summary.replayed).toBeGreaterThanOrEqual(6);
    expect(summary.byType['message.received']).toBeGreaterThanOrEqual(5);
    expect(stack.vendor.sent).toHaveLength(texts);
    expect(stack.slack.messages).toHaveLength(slackPosts);
    expect(await tableState()).toEqual(before);
  });

  it('redrives a dead letter back to the events queue, where it takes effect once', async () => {
    const sqs = sqsClient();
    const phone = pickPhone();
    // An inbound START that failed five times and sits in the DLQ.
    const start = canonicalEvent(
      {
        type: 'message.received',
        source: 'twilio',
        vendorRef: `SMdead${phone.slice(1)}`,
        occurredAt: new Date().toISOString(),
        channel: 'sms',
        messageId: `SMdead${phone.slice(1)}`,
        phone,
        from: phone,
        to: demo.from,
        body: 'START',
      },
      new Date(),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: stack.cloud.dlqUrl, MessageBody: sqsJson(start) }));
    const send = () =>
      postApi(stack, '/v1/messages', {
        to: phone,
        programId: 'demo',
        campaignId: 'spring-sale',
        body: 'Hello',
      });
    expect((await send()).json).toMatchObject({ decision: 'suppress', reason: 'consent' });

    const queues = await findDeadLetterQueues(sqs);
    const dlq = queues.find((q) => q.url === stack.cloud.dlqUrl)!;
    expect(dlq).toMatchObject({ messages: 1, sources: [{ url: stack.cloud.queueUrl }] });
    expect(queues.find((q) => q.url === stack.cloud.sendDlqUrl)).toMatchObject({
      sources: [{ url: stack.cloud.sendQueueUrl }],
    });

    const result = await redriveDeadLetters(sqs, dlq, { useMoveTask: false });
    expect(result).toMatchObject({ via: 'copy', moved: 1 });
    await stack.settle();
    expect((await findDeadLetterQueues(sqs)).find((q) => q.url === stack.cloud.dlqUrl)?.messages).toBe(0);
    // Opted in now, once: a second redrive of nothing changes nothing.
    expect(await redriveDeadLetters(sqs, dlq, { useMoveTask: false })).toMatchObject({ moved: 0 });
    expect(
      (
        await postApi(stack, '/v1/messages', {
          to: phone,
          programId: 'demo',
          campaignId: 'spring-sale',
          body: 'Hello again',
        })
      ).json.decision,
    ).toBe('allow');
  });

  it('serves the same commands from `npm run ops` against the running stack', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'infra/local/ops.ts', 'dlq', 'list'], {
      env: { ...process.env, DATA_DIR: stack.dataDir },
    });
    const listed = JSON.parse(stdout) as Array<{ url: string; sources: unknown[] }>;
    expect(listed.map((q) => q.url).sort()).toEqual([stack.cloud.dlqUrl, stack.cloud.sendDlqUrl].sort());

    const refused = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/local/ops.ts', 'replay', '--from', 'yesterday'],
      {
        env: { ...process.env, DATA_DIR: stack.dataDir },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('replay needs --from and --to'),
    });
  });
});
