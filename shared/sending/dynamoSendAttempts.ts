import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SendAttempt, SendAttempts } from './sendAttempts.js';

const attemptKey = (requestId: string) => ({ pk: `SENDREQ#${requestId}`, sk: 'ATTEMPT' });

export class DynamoSendAttempts implements SendAttempts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(requestId: string): Promise<SendAttempt | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: attemptKey(requestId), ConsistentRead: true }),
    );
    return result.Item?.attempt as SendAttempt | undefined;
  }

  async record(requestId: string, attempt: SendAttempt): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...attemptKey(requestId), attempt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
