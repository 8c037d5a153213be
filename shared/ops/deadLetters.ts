import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';

/** A dead-letter queue, the queues whose redrive policy sends failed messages to it, and its depth. */
export interface DeadLetterQueue {
  name: string;
  url: string;
  arn: string;
  /** Queues that dead-letter here; empty for a DLQ fed by EventBridge or Lambda on-failure. */
  sources: Array<{ name: string; url: string; arn: string }>;
  /** Approximate, as SQS reports it: visible plus in flight. */
  messages: number;
}

const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

async function attributesOf(sqs: SQSClient, url: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'QueueArn',
        'RedrivePolicy',
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
      ],
    }),
  );
  return Attributes;
}

/**
 * Finds the dead-letter queues among the queues whose name starts with `prefix` (the stack's
 * name in AWS; all queues locally): a queue is a DLQ when another queue's RedrivePolicy points
 * at it, or when its name says so (`dlq`, `DeadLetter`) for DLQs that EventBridge or Lambda feed.
 */
export async function findDeadLetterQueues(sqs: SQSClient, prefix?: string): Promise<DeadLetterQueue[]> {
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, NextToken: token, MaxResults: 1000 }),
    );
    urls.push(...(page.QueueUrls ?? []));
    token = page.NextToken;
  } while (token);

  const queues = await Promise.all(
    urls.map(async (url) => {
      const attributes = await attributesOf(sqs, url);
      const policy = attributes.RedrivePolicy
        ? (JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: string })
        : {};
      return {
        name: nameOf(url),
        url,
        arn: attributes.QueueArn ?? '',
        target: policy.deadLetterTargetArn,
        messages:
          Number(attributes.ApproximateNumberOfMessages ?? 0) +
          Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    }),
  );
  const targets = new Set(queues.map((q) => q.target).filter(Boolean));
  return queues
    .filter((q) => targets.has(q.arn) || /dlq|dead-?letter/i.test(q.name))
    .map((q) => ({
      name: q.name,
      url: q.url,
      arn: q.arn,
      sources: queues.filter((s) => s.target === q.arn).map(({ name, url, arn }) => ({ name, url, arn })),
      messages: q.messages,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface RedriveResult {
  dlq: string;
  to: string;
  /** `move-task`: SQS moves them (AWS); `copy`: received, re-sent and deleted here (emulators). */
  via: 'move-task' | 'copy';
  moved?: number;
  taskHandle?: string;
}

/**
 * Sends a DLQ's messages back to the queue they failed on. In AWS this is SQS's own message
 * move task (StartMessageMoveTask: server side, rate-limited, resumable); an emulator without
 * it gets the same effect by receive -> send to the source -> delete, ten at a time. Either way
 * each message is re-sent before it is deleted, so a crash repeats a message, never drops it,
 * and the consumers' idempotency makes a repeat harmless.
 */
export async function redriveDeadLetters(
  sqs: SQSClient,
  dlq: DeadLetterQueue,
  options: { useMoveTask: boolean; progress?: (line: string) => void },
): Promise<RedriveResult> {
  const [source] = dlq.sources;
  if (!source || dlq.sources.length > 1) {
    throw new Error(
      dlq.sources.length > 1
        ? `${dlq.name} takes dead letters from ${dlq.sources.length} queues; redrive it from the console per source`
        : `${dlq.name} is not the dead-letter queue of any queue (EventBridge or Lambda on-failure feeds it): use \`ops replay\` for its events`,
    );
  }
  if (options.useMoveTask) {
    const { TaskHandle } = await sqs.send(
      new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: source.arn }),
    );
    options.progress?.(`redrive: ${dlq.name} -> ${source.name}: move task started (${TaskHandle})`);
    return { dlq: dlq.name, to: source.name, via: 'move-task', taskHandle: TaskHandle };
  }
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: source.url,
        Entries: Messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body ?? '',
          MessageAttributes: m.MessageAttributes,
        })),
      }),
    );
    if (sent.Failed?.length)
      throw new Error(
        `${source.name} refused ${sent.Failed.length} message(s): ${sent.Failed[0]?.Message ?? ''}`,
      );
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: dlq.url,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
      }),
    );
    moved += Messages.length;
    options.progress?.(`redrive: ${dlq.name} -> ${source.name}: ${moved} moved`);
  }
  return { dlq: dlq.name, to: source.name, via: 'copy', moved };
}
