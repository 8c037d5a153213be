import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { localContext } from './localApi.js';

export type SqsLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface QueuePoller {
  /** Resolves when the queue has had nothing to receive for one poll (tests and demo use it). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What Lambda's SQS event source mapping does, in-process: receive up to 10 messages, invoke
 * the handler with an SQS event, delete what succeeded, and leave failures (the batch item
 * failures, or the whole batch if the handler throws) to reappear after the visibility
 * timeout; the queue's redrive policy moves a message to the DLQ after N receives.
 */
export function startQueuePoller(options: {
  client: SQSClient;
  queueUrl: string;
  queueArn?: string;
  handler: SqsLambda;
  functionName: string;
  waitSeconds?: number;
  idleMs?: number;
  onBatch?: (summary: { received: number; failed: number }) => void;
}): QueuePoller {
  let running = true;
  let idleWaiters: Array<() => void> = [];
  const loop = (async () => {
    while (running) {
      const received = await options.client
        .send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: options.waitSeconds ?? 0,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        )
        .catch(async (error: unknown) => {
          if (running) {
            console.error(`queue poller: receive failed (${(error as Error).message}); retrying in 1 s`);
            await new Promise((resolve) => setTimeout(resolve, 1000));
          }
          return { Messages: [] };
        });
      const messages = received.Messages ?? [];
      if (messages.length === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
        // Short polls with a pause: drains are quick in tests, and idle CPU stays near zero.
        await new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 100));
        continue;
      }
      const records: SQSRecord[] = messages.map((m) => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body ?? '',
        attributes: m.Attributes as unknown as SQSRecord['attributes'],
        messageAttributes: {},
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: options.queueArn ?? options.queueUrl,
        awsRegion: 'us-east-1',
      }));
      let failedIds: Set<string>;
      try {
        const response = await options.handler({ Records: records }, localContext(options.functionName));
        failedIds = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error) {
        console.error(`${options.functionName}: batch failed, messages will be retried`, error);
        failedIds = new Set(records.map((r) => r.messageId));
      }
      const succeeded = records.filter((r) => !failedIds.has(r.messageId));
      if (succeeded.length > 0) {
        await options.client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: succeeded.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
          }),
        );
      }
      options.onBatch?.({ received: records.length, failed: failedIds.size });
    }
  })();
  return {
    drain: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
    async stop() {
      running = false;
      await loop;
    },
  };
}
