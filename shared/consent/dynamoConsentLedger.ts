import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConsentChangedSchema } from '../../events/consent.js';
import {
  ConsentAddressMissingError,
  type ConsentChannel,
  type ConsentEntry,
  type ConsentLedger,
  entryAddress,
  ledgerAddress,
} from './consentLedger.js';

const ledgerKey = (channel: ConsentChannel, address: string) =>
  `CONSENT#${channel}#${ledgerAddress(channel, address)}`;

/** Sort key in UTC so that entries stamped with different offsets still sort by instant. */
const entrySortKey = (entry: ConsentEntry) => `${new Date(entry.occurredAt).toISOString()}#${entry.eventId}`;

/**
 * The consent ledger in the single table: one immutable item per entry under
 * `pk = CONSENT#<channel>#<address>`, `sk = <occurredAt UTC>#<eventId>`. Each item is written
 * with a conditional put, so a retried or concurrent append of one entry stores it once; items
 * carry no index keys (the same fact is in the timeline as its canonical event).
 */
export class DynamoConsentLedger implements ConsentLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Items per history page; small values exercise paging in tests. */
    private readonly pageSize = 100,
  ) {}

  async append(entry: ConsentEntry): Promise<{ appended: boolean }> {
    const address = entryAddress(entry);
    if (address === undefined) throw new ConsentAddressMissingError(entry);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: ledgerKey(entry.channel, address), sk: entrySortKey(entry), type: entry.type, entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { appended: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { appended: false };
      throw error;
    }
  }

  async history(channel: ConsentChannel, address: string): Promise<ConsentEntry[]> {
    const entries: ConsentEntry[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': ledgerKey(channel, address) },
          ConsistentRead: true,
          ScanIndexForward: true,
          ExclusiveStartKey: cursor,
          Limit: this.pageSize,
        }),
      );
      for (const item of page.Items ?? []) entries.push(ConsentChangedSchema.parse(item.entry));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return entries;
  }
}
