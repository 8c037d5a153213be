import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertAction, AlertState, AlertStore } from './alertStore.js';

const alertKey = (alertId: string) => ({ pk: `ALERT#${alertId}`, sk: 'STATE' });

async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export class DynamoAlertStore implements AlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  open(state: AlertState): Promise<boolean> {
    return conditional(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...alertKey(state.alertId), state },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async get(alertId: string): Promise<AlertState | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: alertKey(alertId), ConsistentRead: true }),
    );
    return result.Item?.state as AlertState | undefined;
  }

  async markPosted(alertId: string, posted: NonNullable<AlertState['posted']>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: alertKey(alertId),
        UpdateExpression: 'SET #s.posted = :p',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':p': posted },
      }),
    );
  }

  async respond(
    alertId: string,
    action: AlertAction,
    by: { slackUserId: string; name?: string },
    at: string,
  ): Promise<{ first: boolean; state: AlertState | undefined }> {
    const status = action === 'claim' ? 'claimed' : action === 'dismiss' ? 'dismissed' : 'snoozed';
    // The first response time is kept; a snoozed alert can still be claimed or dismissed.
    const first = await conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: alertKey(alertId),
          UpdateExpression:
            'SET #s.#status = :status, #s.respondedAt = if_not_exists(#s.respondedAt, :at), #s.respondedBy = if_not_exists(#s.respondedBy, :by)',
          ConditionExpression: 'attribute_exists(pk) AND (#s.#status = :open OR #s.#status = :snoozed)',
          ExpressionAttributeNames: { '#s': 'state', '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':at': at,
            ':by': by,
            ':open': 'open',
            ':snoozed': 'snoozed',
          },
        }),
      ),
    );
    return { first, state: await this.get(alertId) };
  }

  markEscalated(alertId: string, at: string): Promise<boolean> {
    return conditional(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: alertKey(alertId),
          UpdateExpression: 'SET #s.escalatedAt = :at',
          ConditionExpression:
            '(#s.#status = :open OR #s.#status = :snoozed) AND attribute_not_exists(#s.escalatedAt)',
          ExpressionAttributeNames: { '#s': 'state', '#status': 'status' },
          ExpressionAttributeValues: { ':at': at, ':open': 'open', ':snoozed': 'snoozed' },
        }),
      ),
    );
  }

  async rotate(teamId: string): Promise<number> {
    const result = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `TEAM#${teamId}`, sk: 'ROTATION' },
        UpdateExpression: 'ADD #position :one',
        ExpressionAttributeNames: { '#position': 'position' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(result.Attributes?.position ?? 0);
  }
}
