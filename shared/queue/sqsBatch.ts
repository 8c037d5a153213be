import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { sqsJson } from './sqsJson.js';

const SQS_BATCH_LIMIT = 10;

/** Sends JSON bodies ten per call; any entry SQS refuses fails the whole call so the caller retries. */
export async function sendJsonBatch(
  client: SQSClient,
  queueUrl: string,
  items: ReadonlyArray<{ body: unknown; attributes?: Record<string, string> }>,
): Promise<void> {
  for (let start = 0; start < items.length; start += SQS_BATCH_LIMIT) {
    const batch = items.slice(start, start + SQS_BATCH_LIMIT);
    const result = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((item, index) => ({
          Id: String(index),
          MessageBody: sqsJson(item.body),
          MessageAttributes: Object.fromEntries(
            Object.entries(item.attributes ?? {}).map(([k, v]) => [
              k,
              { DataType: 'String', StringValue: v },
            ]),
          ),
        })),
      }),
    );
    if (result.Failed?.length) {
      const first = result.Failed[0];
      throw new Error(
        `SQS refused ${result.Failed.length} message(s): ${first?.Code} ${first?.Message ?? ''}`,
      );
    }
  }
}
