import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type LocalCloud, startLocalCloud } from '../../infra/local/localCloud.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';

/** An in-memory dynalite + fauxqs pair with the process env pointed at them. */
export async function startTestCloud(): Promise<LocalCloud & { sqs: SQSClient; dynamo: DynamoDBClient }> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const cloud = await startLocalCloud({ inMemory: true });
  Object.assign(process.env, cloud.env);
  return { ...cloud, sqs: sqsClient(), dynamo: new DynamoDBClient({}) };
}

/** Number of items in the table, counted by a full scan (tests only). */
export async function countItems(dynamo: DynamoDBClient, tableName: string): Promise<number> {
  let count = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: cursor as never, Select: 'COUNT' }),
    );
    count += page.Count ?? 0;
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return count;
}

export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const result = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(result.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
