import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoTimers } from '../store/dynamoTimers.js';
import type { DeferredSend, DeferredSends } from './deferredSends.js';

/** Deferred sends as durable timers that fire at the end of the recipient's quiet hours. */
export class DynamoDeferredSends implements DeferredSends {
  private readonly timers: DynamoTimers<DeferredSend>;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.timers = new DynamoTimers(client, tableName, 'DEFER');
  }

  schedule(send: DeferredSend): Promise<void> {
    return this.timers.schedule(send.request.requestId, send.until, send);
  }

  async due(now: Date, limit?: number): Promise<DeferredSend[]> {
    return (await this.timers.due(now, limit)).map((t) => t.payload);
  }

  remove(sends: readonly DeferredSend[]): Promise<void> {
    return this.timers.remove(sends.map((s) => ({ id: s.request.requestId, dueAt: s.until })));
  }
}
