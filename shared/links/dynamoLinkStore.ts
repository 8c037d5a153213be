import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Link, LinkSchema, type LinkStore } from './link.js';

const linkKey = (code: string) => ({ pk: `LINK#${code}`, sk: 'LINK' });

export class DynamoLinkStore implements LinkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(link: Link, requestKey?: string): Promise<Link> {
    if (requestKey) {
      const claimed = await this.claim(requestKey, link.code);
      if (claimed !== link.code) {
        // The link for this message was created before; a crash may have left only the claim.
        return (await this.find(claimed)) ?? this.put({ ...link, code: claimed });
      }
    }
    return this.put(link);
  }

  /** Records requestKey -> code unless recorded; returns the code that owns the key. */
  private async claim(requestKey: string, code: string): Promise<string> {
    const key = { pk: `LINKREQ#${requestKey}`, sk: 'LINKREQ' };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, code },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return code;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      return String(existing.Item?.code);
    }
  }

  private async put(link: Link): Promise<Link> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...linkKey(link.code), link },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return link;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.find(link.code)) ?? link;
    }
  }

  async find(code: string): Promise<Link | undefined> {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: linkKey(code) }));
    return result.Item ? LinkSchema.parse(result.Item.link) : undefined;
  }
}
