import { Duration } from 'aws-cdk-lib';
import { SqsEventSource, type SqsEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { OperationalTable } from './operationalTable.js';
import { TeamFunction } from './teamFunction.js';

export interface WorkQueueProps {
  /** Timeout of the Lambda function that consumes the queue. */
  readonly consumerTimeout: Duration;
  /**
   * Receives before a record goes to the dead-letter queue. With partial batch responses only
   * the failing record is retried, so this counts that record's own attempts.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

export interface WorkQueue {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * A queue consumed by a Lambda function, and its dead-letter queue, created as `Queue` and
 * `DeadLetterQueue` in `scope`: SQS-managed encryption, TLS only, dead letters kept 14 days.
 */
export function workQueue(scope: Construct, props: WorkQueueProps): WorkQueue {
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // AWS guidance for Lambda consumers: six times the function timeout, so a batch that is
    // retried by Lambda's poller is not redelivered while the first attempt is still running.
    visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
  });
  return { queue, deadLetterQueue };
}

export interface QueueWorkerProps {
  /** Construct id of the function (kept stable: it names the deployed resources). */
  readonly id: string;
  readonly spec: { readonly entry: string; readonly description: string };
  readonly queue: sqs.IQueue;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** The operational table it reads and writes. */
  readonly table: OperationalTable;
  /** Vendor credentials it calls vendors with. */
  readonly secret: secretsmanager.ISecret;
  /** Added to the event source's defaults: batches of 10, partial batch failures reported. */
  readonly source?: Partial<SqsEventSourceProps>;
}

/**
 * A Lambda consumer of a work queue: batches of 10 with partial batch failures (one poison
 * record is retried alone and dead-letters without holding back its batch), read/write on the
 * operational table and read on the vendor secret.
 */
export function queueWorker(scope: Construct, props: QueueWorkerProps): TeamFunction {
  const worker = new TeamFunction(scope, props.id, {
    entry: props.spec.entry,
    description: props.spec.description,
    timeout: props.timeout,
    environment: props.environment,
  });
  props.table.table.grantReadWriteData(worker.function);
  props.table.acknowledgeIndexGrant(worker.role);
  props.secret.grantRead(worker.function);
  worker.function.addEventSource(
    new SqsEventSource(props.queue, { batchSize: 10, reportBatchItemFailures: true, ...props.source }),
  );
  return worker;
}
