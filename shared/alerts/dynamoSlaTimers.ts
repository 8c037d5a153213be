import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoTimers } from '../store/dynamoTimers.js';
import type { SlaTimers } from './alertPorts.js';

/** SLA deadlines as durable timers; the minutely check reads the due ones. */
export class DynamoSlaTimers implements SlaTimers {
  private readonly timers: DynamoTimers<null>;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.timers = new DynamoTimers(client, tableName, 'SLA');
  }

  schedule(alertId: string, dueAt: string): Promise<void> {
    return this.timers.schedule(alertId, dueAt, null);
  }

  due(now: Date): Promise<Array<{ id: string; dueAt: string }>> {
    return this.timers.due(now);
  }

  remove(timers: ReadonlyArray<{ id: string; dueAt: string }>): Promise<void> {
    return this.timers.remove(timers);
  }
}
