import { Duration } from 'aws-cdk-lib';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { WORKER_FUNCTIONS } from '../routes.js';
import type { OperationalTable } from './operationalTable.js';
import type { TeamFunction } from './teamFunction.js';
import { queueWorker, workQueue } from './workQueue.js';

export interface SendingProps {
  readonly table: OperationalTable;
  /** The events queue: a send appends message.sent, send.suppressed and send.deferred to it. */
  readonly eventsQueue: sqs.IQueue;
  /** Vendor credentials (Twilio account SID and token, Telnyx API key). */
  readonly secret: secretsmanager.ISecret;
  /** Variables of the functions that run the send gate (see infra/gateEnvironment.ts). */
  readonly gateEnvironment: Record<string, string>;
  /** Base of the status callback URL given to the vendor with each send. */
  readonly publicBaseUrl: string;
  /**
   * The sender tries a vendor twice, 4 s each with up to 1 s backoff (SEND_RETRY in
   * shared/runtime/sendPorts.ts), and the records of a batch run in parallel.
   * @default Duration.seconds(30)
   */
  readonly sendTimeout?: Duration;
  /** Receives of a send request before it goes to the dead-letter queue. @default 5 */
  readonly maxReceiveCount?: number;
  /**
   * Batches sent at the same time at most, so a large campaign drains at a pace the vendor
   * accepts instead of earning 429s that burn receives. @default 5
   */
  readonly maxConcurrency?: number;
}

/**
 * (sqs) send queue -> send (gate + vendor API). Deferred sends come back through it when
 * their window opens, and outside producers may queue send requests too. The consumer reports
 * partial batch failures: a vendor outage retries only its record, with the same request id,
 * so a redelivered request never consumes a second cap or sends twice.
 */
export class Sending extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly functions: Pick<Record<keyof typeof WORKER_FUNCTIONS, TeamFunction>, 'send'>;

  constructor(scope: Construct, id: string, props: SendingProps) {
    super(scope, id);
    const timeout = props.sendTimeout ?? Duration.seconds(30);

    const queues = workQueue(this, { consumerTimeout: timeout, maxReceiveCount: props.maxReceiveCount });
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;

    const send = queueWorker(this, {
      id: 'Send',
      spec: WORKER_FUNCTIONS.send,
      queue: this.queue,
      timeout,
      environment: {
        [ENV.tableName]: props.table.table.tableName,
        [ENV.eventsQueueUrl]: props.eventsQueue.queueUrl,
        [ENV.secretsArn]: props.secret.secretArn,
        [ENV.publicBaseUrl]: props.publicBaseUrl,
        ...props.gateEnvironment,
      },
      table: props.table,
      secret: props.secret,
      source: { maxConcurrency: props.maxConcurrency ?? 5 },
    });
    props.eventsQueue.grantSendMessages(send.function);
    this.functions = { send };
  }
}
