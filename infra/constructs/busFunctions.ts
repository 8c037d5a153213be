import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DOMAIN_EVENT_SOURCE } from '../../events/domain.js';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { BUS_FUNCTIONS } from '../routes.js';
import type { DeadLetterWatch } from './monitoring.js';
import type { OperationalTable } from './operationalTable.js';
import { pascal, TeamFunction } from './teamFunction.js';

/** EventBridge's ceiling: retries stop at maxEventAge well before this many are made. */
const EVENTBRIDGE_MAX_RETRY_ATTEMPTS = 185;

export type BusFunctionName = keyof typeof BUS_FUNCTIONS;

/** What each bus-triggered function may touch. Keyed by its name: a new function must say. */
interface BusAccess {
  table: 'read' | 'readWrite';
  /** Appends canonical events to the events queue. */
  appendsEvents: boolean;
  /** Reads the vendor secret (Slack webhook URLs and bot token live there). */
  readsSecrets: boolean;
  /** `alerts`: APP_CONFIG (its alerts section routes) and the Slack API base URL. */
  config?: 'alerts';
}

const ACCESS: Record<BusFunctionName, BusAccess> = {
  // Records the alert (posted once per alert id) and its SLA timer, posts to the route's Slack
  // webhook or with the bot token, and appends alert events through the shared runtime ports.
  intentAlert: { table: 'readWrite', appendsEvents: true, readsSecrets: true, config: 'alerts' },
};

export interface BusFunctionsProps {
  /** The domain event bus (EventProcessing) the rules listen on. */
  readonly bus: events.IEventBus;
  readonly table: OperationalTable;
  readonly eventsQueue: sqs.IQueue;
  readonly secret: secretsmanager.ISecret;
  /** Variables of the functions that answer Slack (see infra/gateEnvironment.ts). */
  readonly alertEnvironment: Record<string, string>;
  /**
   * Covers three Slack tries of up to 3 s with backoff (SLACK_RETRY in
   * shared/runtime/alertPorts.ts) plus the reads that render the alert.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Runs of the function after the first one fails (Lambda's asynchronous retries, a minute
   * then two apart): a Slack outage of a few minutes still posts. @default 2
   */
  readonly retryAttempts?: number;
  /**
   * How long an event may wait, in EventBridge's delivery retries (Lambda throttled or
   * unavailable) and in Lambda's own queue, before it is dead-lettered. A hot lead is worth
   * posting late rather than never, and the dead-letter queue keeps the rest. @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;
}

/**
 * One function, one EventBridge rule and one dead-letter queue per BUS_FUNCTIONS entry
 * (infra/routes.ts): the rule matches the entry's detail-type from our own source on the domain
 * bus. EventBridge invokes Lambda asynchronously, so an event can be lost in two places, and
 * both end in the same dead-letter queue: EventBridge failing to hand it to Lambda (the target's
 * retry policy and DLQ) and the function failing every attempt (its on-failure destination).
 */
export class BusFunctions extends Construct {
  readonly functions: Record<BusFunctionName, TeamFunction>;
  readonly rules: Record<BusFunctionName, events.Rule>;
  readonly deadLetterQueues: Record<BusFunctionName, sqs.Queue>;

  constructor(scope: Construct, id: string, props: BusFunctionsProps) {
    super(scope, id);
    const maxEventAge = props.maxEventAge ?? Duration.hours(6);

    const entries = Object.entries(BUS_FUNCTIONS) as [
      BusFunctionName,
      (typeof BUS_FUNCTIONS)[BusFunctionName],
    ][];
    const built = entries.map(([name, spec]) => {
      const access = ACCESS[name];
      const fn = new TeamFunction(this, pascal(name), {
        entry: spec.entry,
        description: spec.description,
        timeout: props.timeout ?? Duration.seconds(30),
        environment: {
          [ENV.tableName]: props.table.table.tableName,
          // runtimePorts() wires the queue for every function, so it needs the URL even to read.
          [ENV.eventsQueueUrl]: props.eventsQueue.queueUrl,
          ...(access.readsSecrets ? { [ENV.secretsArn]: props.secret.secretArn } : {}),
          ...(access.config === 'alerts' ? props.alertEnvironment : {}),
        },
      });
      if (access.table === 'readWrite') props.table.table.grantReadWriteData(fn.function);
      else props.table.table.grantReadData(fn.function);
      props.table.acknowledgeIndexGrant(fn.role);
      if (access.appendsEvents) props.eventsQueue.grantSendMessages(fn.function);
      if (access.readsSecrets) props.secret.grantRead(fn.function);

      const deadLetterQueue = new sqs.Queue(this, `${pascal(name)}DeadLetterQueue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetterQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is the dead-letter queue of the ${spec.detailType} rule target and the on-failure destination of ${spec.entry}; cdk-nag only recognises a dead-letter queue named in another queue's redrive policy.`,
      });
      // Function errors: Lambda retries, then sends the invocation record (the event and the
      // error) to the queue; the destination grants the function's role sqs:SendMessage on it.
      fn.function.configureAsyncInvoke({
        retryAttempts: props.retryAttempts ?? 2,
        maxEventAge,
        onFailure: new SqsDestination(deadLetterQueue),
      });
      const rule = new events.Rule(this, `${pascal(name)}Rule`, {
        eventBus: props.bus,
        description: `${spec.detailType} -> ${spec.entry}`,
        eventPattern: { source: [DOMAIN_EVENT_SOURCE], detailType: [spec.detailType] },
        // Delivery failures: EventBridge retries handing the event to Lambda, then sends it to
        // the queue (the target adds the queue policy that lets this rule, and only it, send).
        targets: [
          new targets.LambdaFunction(fn.function, {
            deadLetterQueue,
            maxEventAge,
            retryAttempts: EVENTBRIDGE_MAX_RETRY_ATTEMPTS,
          }),
        ],
      });
      return { name, fn, rule, deadLetterQueue };
    });

    this.functions = Object.fromEntries(built.map((b) => [b.name, b.fn])) as Record<
      BusFunctionName,
      TeamFunction
    >;
    this.rules = Object.fromEntries(built.map((b) => [b.name, b.rule])) as Record<
      BusFunctionName,
      events.Rule
    >;
    this.deadLetterQueues = Object.fromEntries(built.map((b) => [b.name, b.deadLetterQueue])) as Record<
      BusFunctionName,
      sqs.Queue
    >;
  }

  /** What each dead-letter queue's alarm tells the person on call, by `<Name>` for its alarm id. */
  get deadLetterWatches(): Record<string, DeadLetterWatch> {
    return Object.fromEntries(
      (Object.entries(this.deadLetterQueues) as [BusFunctionName, sqs.Queue][]).map(([name, queue]) => {
        const spec = BUS_FUNCTIONS[name];
        return [
          pascal(name),
          {
            queue,
            alarmDescription: `${spec.detailType} events that ${spec.entry} could not handle (EventBridge could not deliver them, or every attempt failed) sit in its dead-letter queue: "${spec.description}" did not happen for them. Inspect (the message body is the event, or a Lambda failure record with the event as requestPayload and the error), fix, then put the event on the bus again: the function is idempotent per event, so a replay never acts twice.`,
          },
        ];
      }),
    );
  }
}
