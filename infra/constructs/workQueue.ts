import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

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
