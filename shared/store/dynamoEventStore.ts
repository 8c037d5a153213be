import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type CanonicalEvent, CanonicalEventSchema } from '../../events/index.js';
import { batchWriteAll } from './batchWrite.js';
import type { EventStore, RecordedEvent, RecordOutcome, TimelineKey } from './eventStore.js';
import { TABLE_INDEXES } from './tableLayout.js';

const eventKey = (eventId: string) => ({ pk: `EVT#${eventId}`, sk: 'EVENT' });

/** Index keys that make one event item show up in each contact timeline and in its export day. */
function indexKeys(event: CanonicalEvent): Record<string, string> {
  const order = `${event.occurredAt}#${event.eventId}`;
  const keys: Record<string, string> = {
    gsi3pk: `DAY#${event.receivedAt.slice(0, 10)}`,
    gsi3sk: `${event.receivedAt}#${event.eventId}`,
  };
  if (event.phone) Object.assign(keys, { gsi1pk: `PHONE#${event.phone}`, gsi1sk: order });
  if (event.contactId) Object.assign(keys, { gsi2pk: `CONTACT#${event.contactId}`, gsi2sk: order });
  return keys;
}

const eventItem = (event: CanonicalEvent, enqueued: boolean) => ({
  ...eventKey(event.eventId),
  ...indexKeys(event),
  type: event.type,
  event,
  enqueued,
});

/**
 * `enqueued` as the document client reads it, or as a low-level AttributeValue (`{BOOL: true}`):
 * the item DynamoDB returns with a refused conditional put is not unmarshalled.
 */
const isTrue = (value: unknown) =>
  value === true || (typeof value === 'object' && value !== null && 'BOOL' in value && value.BOOL === true);

/**
 * Canonical events in the single table: one item per event, written with a conditional put on
 * its deterministic id, so concurrent deliveries of one webhook store exactly one item. No
 * transactions needed (dynalite has none): timelines are sparse GSIs on the same item.
 */
export class DynamoEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(event: CanonicalEvent): Promise<RecordOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: eventItem(event, false),
          ConditionExpression: 'attribute_not_exists(pk)',
          // DynamoDB hands back the stored item with the refusal, saving the read below;
          // dynalite ignores the option, so the read stays as the fallback.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { created: true, enqueued: false };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored =
        error.Item ??
        (
          await this.client.send(
            new GetCommand({ TableName: this.tableName, Key: eventKey(event.eventId), ConsistentRead: true }),
          )
        ).Item;
      return { created: false, enqueued: isTrue(stored?.enqueued) };
    }
  }

  /**
   * The caller's own new items are rewritten whole with the flag, 25 per BatchWriteItem: no
   * condition is needed, since nothing else writes an event item and the caller wrote this one
   * moment ago with exactly this content. An item another delivery created only gets its flag.
   */
  async markEnqueued(recorded: readonly RecordedEvent[]): Promise<void> {
    const own = recorded.filter((r) => r.created);
    const others = recorded.filter((r) => !r.created);
    await Promise.all([
      batchWriteAll(
        this.client,
        this.tableName,
        own.map(({ event }) => ({ PutRequest: { Item: eventItem(event, true) } })),
      ),
      ...others.map(({ event }) =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: eventKey(event.eventId),
            UpdateExpression: 'SET enqueued = :t',
            ExpressionAttributeValues: { ':t': true },
          }),
        ),
      ),
    ]);
  }

  async get(eventId: string): Promise<CanonicalEvent | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: eventKey(eventId), ConsistentRead: true }),
    );
    return result.Item ? CanonicalEventSchema.parse(result.Item.event) : undefined;
  }

  async timeline(key: TimelineKey, options: { limit?: number } = {}): Promise<CanonicalEvent[]> {
    const index = 'phone' in key ? TABLE_INDEXES.byPhone : TABLE_INDEXES.byContact;
    const value = 'phone' in key ? `PHONE#${key.phone}` : `CONTACT#${key.contactId}`;
    const limit = options.limit ?? 500;
    const events: CanonicalEvent[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': value },
          ExclusiveStartKey: cursor,
          Limit: limit - events.length,
        }),
      );
      for (const item of page.Items ?? []) events.push(CanonicalEventSchema.parse(item.event));
      cursor = page.LastEvaluatedKey;
    } while (cursor && events.length < limit);
    return events;
  }

  /**
   * Reads the byDay index page by page. The index is eventually consistent: an event stored a
   * moment ago may be missing, which is why the export re-reads its last day on the next run.
   */
  async eventsReceivedOn(day: string): Promise<CanonicalEvent[]> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`day must be YYYY-MM-DD, got "${day}"`);
    const index = TABLE_INDEXES.byDay;
    const events: CanonicalEvent[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': `DAY#${day}` },
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of page.Items ?? []) events.push(CanonicalEventSchema.parse(item.event));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return events;
  }
}
