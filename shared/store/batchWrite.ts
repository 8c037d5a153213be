import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's limit of write requests in one BatchWriteItem. */
export const BATCH_WRITE_MAX = 25;
/** Rounds for items DynamoDB leaves unprocessed (throttling, a busy partition) before giving up. */
const UNPROCESSED_ROUNDS = 5;
const BACKOFF_MS = 25;

type WriteRequest = NonNullable<
  NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string]
>[number];

export class UnprocessedWritesError extends Error {
  constructor(readonly unprocessed: number) {
    super(`DynamoDB left ${unprocessed} batch writes unprocessed after ${UNPROCESSED_ROUNDS} rounds`);
    this.name = 'UnprocessedWritesError';
  }
}

/**
 * Puts and deletes in as few BatchWriteItem calls as fit (25 each), retrying what DynamoDB
 * leaves unprocessed with a short backoff; a partial failure that outlasts the retries throws,
 * naming how many writes were not made. BatchWriteItem has no conditions: callers use it only
 * for items whose content they own (see DynamoEventStore.markEnqueued).
 */
export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_MAX) {
    let pending = requests.slice(start, start + BATCH_WRITE_MAX);
    for (let round = 0; pending.length > 0; round += 1) {
      if (round === UNPROCESSED_ROUNDS) throw new UnprocessedWritesError(pending.length);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 2 ** round));
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}
