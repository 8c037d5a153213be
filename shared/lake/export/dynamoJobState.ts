import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportWatermark, JobLease, LeaseResult, WatermarkStore } from './watermark.js';

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/**
 * A scheduled job's watermark and lease in the single table: `JOB#<job>` / `WATERMARK` and
 * `JOB#<job>` / `LEASE`. Both are conditional puts, which dynalite supports (no transactions).
 */
export class DynamoJobState implements WatermarkStore, JobLease {
  private readonly pk: string;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    job = 'lake-export',
  ) {
    this.pk = `JOB#${job}`;
  }

  async read(): Promise<ExportWatermark | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: this.pk, sk: 'WATERMARK' },
        ConsistentRead: true,
      }),
    );
    const item = result.Item;
    return item ? { day: item.day as string, runId: item.runId as string, at: item.at as string } : undefined;
  }

  async advance(mark: ExportWatermark): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: this.pk, sk: 'WATERMARK', ...mark },
          // YYYY-MM-DD strings order like the days they name.
          ConditionExpression: 'attribute_not_exists(pk) OR #day <= :day',
          ExpressionAttributeNames: { '#day': 'day' },
          ExpressionAttributeValues: { ':day': mark.day },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async acquire(runId: string, now: Date, ttlMs: number): Promise<LeaseResult> {
    const until = new Date(now.getTime() + ttlMs);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: this.pk, sk: 'LEASE', runId, until: until.toISOString(), untilMs: until.getTime() },
          ConditionExpression: 'attribute_not_exists(pk) OR untilMs < :now OR runId = :runId',
          ExpressionAttributeValues: { ':now': now.getTime(), ':runId': runId },
        }),
      );
      return { acquired: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const held = await this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: this.pk, sk: 'LEASE' },
          ConsistentRead: true,
        }),
      );
      return { acquired: false, heldBy: String(held.Item?.runId), until: String(held.Item?.until) };
    }
  }

  async release(runId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: this.pk, sk: 'LEASE' },
          ConditionExpression: 'runId = :runId',
          ExpressionAttributeValues: { ':runId': runId },
        }),
      );
    } catch (error) {
      // Expired and taken over by another run: it is theirs now.
      if (!isConditionFailure(error)) throw error;
    }
  }
}
