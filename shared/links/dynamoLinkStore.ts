import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Link, LinkSchema, type LinkStore } from './link.js';

const linkKey = (code: string) => ({ pk: `LINK#${code}`, sk: 'LINK' });

export class DynamoLinkStore implements LinkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(link: Link): Promise<Link> {
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
