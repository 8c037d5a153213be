import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One document client per process. The endpoint comes from the standard
 * AWS_ENDPOINT_URL_DYNAMODB variable, so dynalite and LocalStack work without code changes.
 */
let shared: DynamoDBDocumentClient | undefined;

export function documentClient(): DynamoDBDocumentClient {
  shared ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return shared;
}

/** Drops the cached client (the local runner calls this when its emulator restarts on a new port). */
export function resetDocumentClient(): void {
  shared?.destroy();
  shared = undefined;
}
