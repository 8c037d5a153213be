import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type LedgerVerdict,
  type SendHistoryEntry,
  SendHistoryEntrySchema,
  type SendLedger,
} from './sendLedger.js';

const ledgerKey = (contactKey: string) => ({ pk: `SENDS#${contactKey}`, sk: 'LEDGER' });

/** Entries older than this can no longer affect any cap or collision window and are pruned. */
const RETENTION_MS = 92 * 24 * 3600 * 1000;
const MAX_ATTEMPTS = 200;

/**
 * The send ledger as one item per contact with a version number: read, decide, then a
 * conditional put on the version read. A concurrent writer makes the put fail and the loser
 * decides again on the new history (optimistic concurrency), which is what makes caps hold
 * under any number of simultaneous sends without transactions.
 */
export class DynamoSendLedger implements SendLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async history(contactKey: string): Promise<SendHistoryEntry[]> {
    return (await this.read(contactKey)).entries;
  }

  async decideAndRecord<D>(
    contactKey: string,
    decide: (history: SendHistoryEntry[]) => LedgerVerdict<D>,
  ): Promise<{ decision: D; recorded: boolean }> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const { entries, version } = await this.read(contactKey);
      const verdict = decide(entries);
      if (!verdict.record) return { decision: verdict.decision, recorded: false };
      if (await this.tryWrite(contactKey, [...entries, verdict.record], version)) {
        return { decision: verdict.decision, recorded: true };
      }
      // Lost the race: back off a little (jittered) and decide again on the new history.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
    }
    throw new Error(`send ledger for ${contactKey} is too contended; retry later`);
  }

  async append(contactKey: string, entry: SendHistoryEntry): Promise<void> {
    await this.decideAndRecord(contactKey, (history) =>
      history.some((e) => e.requestId === entry.requestId)
        ? { decision: null }
        : { decision: null, record: entry },
    );
  }

  private async read(contactKey: string): Promise<{ entries: SendHistoryEntry[]; version: number }> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: ledgerKey(contactKey), ConsistentRead: true }),
    );
    const entries = SendHistoryEntrySchema.array().parse(result.Item?.entries ?? []);
    return { entries, version: Number(result.Item?.version ?? 0) };
  }

  private async tryWrite(contactKey: string, entries: SendHistoryEntry[], version: number): Promise<boolean> {
    const horizon = this.now().getTime() - RETENTION_MS;
    const kept = entries.filter((e) => Date.parse(e.at) >= horizon);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...ledgerKey(contactKey), entries: kept, version: version + 1 },
          ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ExpressionAttributeValues: version === 0 ? undefined : { ':v': version },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
