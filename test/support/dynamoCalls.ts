import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const MIDDLEWARE_NAME = 'countDynamoCalls';

/** DynamoDB calls by operation (`PutItem`, `BatchWriteItem` …), counted since the last reset. */
export interface DynamoCallCounter {
  byOperation(): Record<string, number>;
  total(): number;
  reset(): void;
  /** Takes the middleware off the client again. */
  detach(): void;
}

/**
 * Counts the calls a DynamoDB client makes, by operation, with a middleware on the client's
 * own stack: every adapter sharing the client is seen, and a document client shares its
 * stack with the low-level client it wraps. It sits at `initialize`, before the retry step, so
 * one `send` is one call however often the SDK retries it (throttling is not what we count).
 */
export function countDynamoCalls(client: DynamoDBClient | DynamoDBDocumentClient): DynamoCallCounter {
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) =>
      async function countDynamoCallsInitialize(args) {
        const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
        counts[operation] = (counts[operation] ?? 0) + 1;
        return next(args);
      },
    { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
  );
  return {
    byOperation: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((sum, n) => sum + n, 0),
    reset: () => {
      counts = {};
    },
    detach: () => {
      client.middlewareStack.remove(MIDDLEWARE_NAME);
    },
  };
}
