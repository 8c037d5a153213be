import type { SQSClient } from '@aws-sdk/client-sqs';
import type { CanonicalEvent } from '../../events/index.js';
import type { EventQueue } from './eventQueue.js';
import { sendJsonBatch } from './sqsBatch.js';

/** Sends canonical events to the events queue, with the event type as a message attribute. */
export class SqsEventQueue implements EventQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(events: readonly CanonicalEvent[]): Promise<void> {
    await sendJsonBatch(
      this.client,
      this.queueUrl,
      events.map((event) => ({ body: event, attributes: { type: event.type } })),
    );
  }
}
