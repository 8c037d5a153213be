import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';

/** How far back a due-timer scan looks for timers not yet released (covers outages). */
const LOOKBACK_HOURS = 48;

/**
 * Durable timers in the single table, bucketed by the hour they fire in, so "what is due" is a
 * few key queries (no scan, no TTL, no streams — dynalite has none). The same (id, dueAt)
 * always maps to the same item: scheduling twice is one timer.
 */
export class DynamoTimers<T> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Namespaces timer kinds apart: DEFER, SLA … */
    private readonly kind: string,
  ) {}

  private bucketOf(iso: string): string {
    return `${this.kind}#${iso.slice(0, 13)}`;
  }

  async schedule(id: string, dueAt: string, payload: T): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: this.bucketOf(dueAt), sk: `${dueAt}#${id}`, dueAt, id, payload },
      }),
    );
  }

  async due(now: Date, limit = 500): Promise<Array<{ id: string; dueAt: string; payload: T }>> {
    const found: Array<{ id: string; dueAt: string; payload: T }> = [];
    for (let h = LOOKBACK_HOURS; h >= 0 && found.length < limit; h -= 1) {
      const bucket = this.bucketOf(new Date(now.getTime() - h * 3600_000).toISOString());
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
        for (const item of page.Items ?? []) {
          found.push({ id: String(item.id), dueAt: String(item.dueAt), payload: item.payload as T });
        }
        cursor = page.LastEvaluatedKey;
      } while (cursor && found.length < limit);
    }
    return found.slice(0, limit);
  }

  async remove(timers: ReadonlyArray<{ id: string; dueAt: string }>): Promise<void> {
    for (let start = 0; start < timers.length; start += 25) {
      await this.client.send(
        new BatchWriteCommand({
          RequestItems: {
            [this.tableName]: timers.slice(start, start + 25).map((t) => ({
              DeleteRequest: { Key: { pk: this.bucketOf(t.dueAt), sk: `${t.dueAt}#${t.id}` } },
            })),
          },
        }),
      );
    }
  }
}
