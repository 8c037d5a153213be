import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { SCHEDULED_FUNCTIONS } from '../routes.js';
import type { OperationalTable } from './operationalTable.js';
import { pascal, TeamFunction } from './teamFunction.js';

type ScheduledFunctionName = keyof typeof SCHEDULED_FUNCTIONS;

/** What each scheduled function may touch. Keyed by its name: a new function must say. */
interface ScheduledAccess {
  table: 'read' | 'readWrite';
  /** Puts send requests on the send queue. */
  feedsSendQueue: boolean;
}

const ACCESS: Record<ScheduledFunctionName, ScheduledAccess> = {
  // Reads due SLA timers and alerts, marks escalations, appends alert.escalated.
  slaCheck: { table: 'readWrite', feedsSendQueue: false },
  // Reads due timers, queues their sends, then deletes the timers.
  releaseDeferred: { table: 'readWrite', feedsSendQueue: true },
  // Reads events by arrival day; writes its watermark and lease items.
  lakeExport: { table: 'readWrite', feedsSendQueue: false },
  // Reads the event history only.
  governanceAudit: { table: 'read', feedsSendQueue: false },
};

export interface SchedulesProps {
  readonly table: OperationalTable;
  /** Only its URL: the shared runtime wiring requires it, no function here may send to it. */
  readonly eventsQueue: sqs.IQueue;
  readonly sendQueue: sqs.IQueue;
  /**
   * Well under the shortest period, so runs seldom overlap; an overlap is harmless anyway
   * (a released send is idempotent on its request id).
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
}

/**
 * One function and one EventBridge rule per SCHEDULED_FUNCTIONS entry (infra/routes.ts, shared
 * with the local runner), each run at the rate the table gives.
 */
export class Schedules extends Construct {
  readonly functions: Record<ScheduledFunctionName, TeamFunction>;
  readonly rules: Record<ScheduledFunctionName, events.Rule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);

    const entries = Object.entries(SCHEDULED_FUNCTIONS) as [
      ScheduledFunctionName,
      (typeof SCHEDULED_FUNCTIONS)[ScheduledFunctionName],
    ][];
    const built = entries.map(([name, spec]) => {
      const access = ACCESS[name];
      const fn = new TeamFunction(this, pascal(name), {
        entry: spec.entry,
        description: spec.description,
        timeout: props.timeout ?? Duration.seconds(30),
        environment: {
          [ENV.tableName]: props.table.table.tableName,
          [ENV.eventsQueueUrl]: props.eventsQueue.queueUrl,
          ...(access.feedsSendQueue ? { [ENV.sendQueueUrl]: props.sendQueue.queueUrl } : {}),
        },
      });
      if (access.table === 'readWrite') props.table.table.grantReadWriteData(fn.function);
      else props.table.table.grantReadData(fn.function);
      props.table.acknowledgeIndexGrant(fn.role);
      if (access.feedsSendQueue) props.sendQueue.grantSendMessages(fn.function);

      const rule = new events.Rule(this, `${pascal(name)}Schedule`, {
        description: `Runs ${spec.entry} every ${spec.everyMinutes} minute(s)`,
        schedule: events.Schedule.rate(Duration.minutes(spec.everyMinutes)),
        targets: [new targets.LambdaFunction(fn.function)],
      });
      return { name, fn, rule };
    });
    this.functions = Object.fromEntries(built.map((b) => [b.name, b.fn])) as Record<
      ScheduledFunctionName,
      TeamFunction
    >;
    this.rules = Object.fromEntries(built.map((b) => [b.name, b.rule])) as Record<
      ScheduledFunctionName,
      events.Rule
    >;
  }
}
