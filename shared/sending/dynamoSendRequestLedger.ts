import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ClaimResult,
  heldState,
  type SendRequestLedger,
  type SendRequestState,
  SendRequestStateSchema,
} from './sendRequestLedger.js';

const requestKey = (requestId: string) => ({ pk: `SENDREQ#${requestId}`, sk: 'REQUEST' });

function stateOf(item: Record<string, unknown> | undefined): SendRequestState | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...state } = item;
  return SendRequestStateSchema.parse(state);
}

/**
 * The send request ledger as one item per request. The claim is a conditional put whose
 * condition is `isClaimable` written as a DynamoDB condition, so exactly one of any number of
 * racing copies wins, without transactions (dynalite has none).
 */
export class DynamoSendRequestLedger implements SendRequestLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(requestId: string): Promise<SendRequestState | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: requestKey(requestId), ConsistentRead: true }),
    );
    return stateOf(result.Item);
  }

  async claim(requestId: string, claim: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    try {
      const result = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...requestKey(requestId), ...heldState('deciding', claim, now, leaseMs) },
          ConditionExpression:
            'attribute_not_exists(pk) OR #state = :reserved OR (#state = :deferred AND #until <= :now)' +
            ' OR (#state IN (:deciding, :sending) AND leaseUntil <= :now)',
          ExpressionAttributeNames: { '#state': 'state', '#until': 'until' },
          ExpressionAttributeValues: {
            ':reserved': 'reserved',
            ':deferred': 'deferred',
            ':deciding': 'deciding',
            ':sending': 'sending',
            ':now': now.toISOString(),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { won: true, previous: stateOf(result.Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const current = await this.find(requestId);
    // Settled into a claimable state between our put and our read: try again.
    return current ? { won: false, current } : this.claim(requestId, claim, now, leaseMs);
  }

  async settle(requestId: string, claim: string, next: SendRequestState): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...requestKey(requestId), ...next },
          ConditionExpression: 'claim = :claim AND #state IN (:deciding, :sending)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claim': claim, ':deciding': 'deciding', ':sending': 'sending' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
