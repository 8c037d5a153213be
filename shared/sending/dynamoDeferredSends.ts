import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DeferredSend, DeferredSends } from './deferredSends.js';

/** Timers are bucketed by the hour they fire in, so "what is due" is a few key queries. */
const bucketOf = (iso: string) => `DEFER#${iso.slice(0, 13)}`;
const sortKeyOf = (send: DeferredSend) => `${send.until}#${send.request.requestId}`;
/** How far back the release job looks for timers it has not released (covers outages). */
const LOOKBACK_HOURS = 48;

export class DynamoDeferredSends implements DeferredSends {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async schedule(send: DeferredSend): Promise<void> {
    // Same request and time -> same key: scheduling twice is one timer.
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: bucketOf(send.until), sk: sortKeyOf(send), send },
      }),
    );
  }

  async due(now: Date, limit = 500): Promise<DeferredSend[]> {
    const found: DeferredSend[] = [];
    for (let h = LOOKBACK_HOURS; h >= 0 && found.length < limit; h -= 1) {
      const bucket = bucketOf(new Date(now.getTime() - h * 3600_000).toISOString());
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND sk <= :now',
            ExpressionAttributeValues: { ':pk': bucket, ':now': `${now.toISOString()}#\uffff` },
            ExclusiveStartKey: cursor,
            ConsistentRead: true,
          }),
        );
        for (const item of page.Items ?? []) found.push(item.send as DeferredSend);
        cursor = page.LastEvaluatedKey;
      } while (cursor && found.length < limit);
    }
    return found.slice(0, limit);
  }

  async remove(sends: readonly DeferredSend[]): Promise<void> {
    for (let start = 0; start < sends.length; start += 25) {
      await this.client.send(
        new BatchWriteCommand({
          RequestItems: {
            [this.tableName]: sends.slice(start, start + 25).map((send) => ({
              DeleteRequest: { Key: { pk: bucketOf(send.until), sk: sortKeyOf(send) } },
            })),
          },
        }),
      );
    }
  }
}
