import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { WORKER_FUNCTIONS } from '../routes.js';
import type { OperationalTable } from './operationalTable.js';
import type { TeamFunction } from './teamFunction.js';
import { queueWorker, workQueue } from './workQueue.js';

export interface EventProcessingProps {
  readonly table: OperationalTable;
  /** Vendor secrets: the processor answers HELP/STOP through the vendors' APIs. */
  readonly secret: secretsmanager.ISecret;
  /** APP_CONFIG and vendor base URLs: consent scopes and keywords come from the program config. */
  readonly gateEnvironment: Record<string, string>;
  /** @default - none (replies need no status callback) */
  readonly publicBaseUrl?: string;
  /** @default Duration.seconds(30) */
  readonly workerTimeout?: Duration;
  /**
   * Receives before a record goes to the dead-letter queue. With partial batch responses only
   * the failing record is retried, so this counts that record's own attempts.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/**
 * (sqs) events queue -> process-events -> EventBridge bus. Ingest writes each new canonical
 * event to the queue; the consumer reports partial batch failures so one poison record is
 * retried alone and ends in the dead-letter queue without holding back its batch.
 */
export class EventProcessing extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly bus: events.EventBus;
  /** The events consumer; the send queue's consumer lives in Sending. */
  readonly functions: Pick<Record<keyof typeof WORKER_FUNCTIONS, TeamFunction>, 'processEvents'>;

  constructor(scope: Construct, id: string, props: EventProcessingProps) {
    super(scope, id);
    const timeout = props.workerTimeout ?? Duration.seconds(30);

    const queues = workQueue(this, { consumerTimeout: timeout, maxReceiveCount: props.maxReceiveCount });
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;

    this.bus = new events.EventBus(this, 'Bus', {
      description: 'Domain events: IntentDetected, ConsentChanged …',
    });

    const processEvents = queueWorker(this, {
      id: 'ProcessEvents',
      spec: WORKER_FUNCTIONS.processEvents,
      queue: this.queue,
      timeout,
      environment: {
        [ENV.tableName]: props.table.table.tableName,
        [ENV.eventBusName]: this.bus.eventBusName,
        // The processor appends derived consent.changed events to its own queue.
        [ENV.eventsQueueUrl]: this.queue.queueUrl,
        [ENV.secretsArn]: props.secret.secretArn,
        ...(props.publicBaseUrl ? { [ENV.publicBaseUrl]: props.publicBaseUrl } : {}),
        ...props.gateEnvironment,
      },
      table: props.table,
      secret: props.secret,
      source: { maxBatchingWindow: Duration.seconds(1) },
    });
    this.queue.grantSendMessages(processEvents.function);
    this.bus.grantPutEventsTo(processEvents.function);
    this.functions = { processEvents };
  }
}
