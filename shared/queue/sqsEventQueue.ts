import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { CanonicalEvent } from '../../events/index.js';
import type { EventQueue } from './eventQueue.js';

const SQS_BATCH_LIMIT = 10;

/** Sends events to the events queue, ten per call; any entry SQS refuses fails the whole call so the caller retries. */
export class SqsEventQueue implements EventQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(events: readonly CanonicalEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += SQS_BATCH_LIMIT) {
      const batch = events.slice(start, start + SQS_BATCH_LIMIT);
      const result = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((event, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify(event),
            MessageAttributes: { type: { DataType: 'String', StringValue: event.type } },
          })),
        }),
      );
      if (result.Failed?.length) {
        const first = result.Failed[0];
        throw new Error(
          `SQS refused ${result.Failed.length} event(s): ${first?.Code} ${first?.Message ?? ''}`,
        );
      }
    }
  }
}
