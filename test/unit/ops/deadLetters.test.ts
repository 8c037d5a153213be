import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { findDeadLetterQueues, redriveDeadLetters } from '../../../shared/ops/deadLetters.js';

const sqsMock = mockClient(SQSClient);
const ACCOUNT = 'https://sqs.us-east-1.amazonaws.com/123456789012';
const arn = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;

/** The stack's queues as CDK names them: two SQS sources with DLQs, and a bus-target DLQ. */
const QUEUES: Record<string, Record<string, string>> = {
  'SmsRevenue-EventsQueue1A2B': {
    QueueArn: arn('SmsRevenue-EventsQueue1A2B'),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: arn('SmsRevenue-EventsDlq3C4D'),
      maxReceiveCount: 5,
    }),
    ApproximateNumberOfMessages: '12',
    ApproximateNumberOfMessagesNotVisible: '0',
  },
  'SmsRevenue-EventsDlq3C4D': {
    QueueArn: arn('SmsRevenue-EventsDlq3C4D'),
    ApproximateNumberOfMessages: '3',
    ApproximateNumberOfMessagesNotVisible: '1',
  },
  'SmsRevenue-IntentAlertTargetDlq9F': {
    QueueArn: arn('SmsRevenue-IntentAlertTargetDlq9F'),
    ApproximateNumberOfMessages: '2',
    ApproximateNumberOfMessagesNotVisible: '0',
  },
};

beforeEach(() => {
  sqsMock.reset();
  sqsMock.on(ListQueuesCommand).resolves({ QueueUrls: Object.keys(QUEUES).map((n) => `${ACCOUNT}/${n}`) });
  for (const [name, attributes] of Object.entries(QUEUES)) {
    sqsMock
      .on(GetQueueAttributesCommand, { QueueUrl: `${ACCOUNT}/${name}` })
      .resolves({ Attributes: attributes });
  }
});

describe('Function: findDeadLetterQueues', () => {
  it('finds DLQs by the redrive policies pointing at them, and bus DLQs by name, with their depth', async () => {
    const queues = await findDeadLetterQueues(new SQSClient({}), 'SmsRevenue');
    expect(sqsMock.commandCalls(ListQueuesCommand)[0]!.args[0].input).toMatchObject({
      QueueNamePrefix: 'SmsRevenue',
    });
    expect(queues).toEqual([
      {
        name: 'SmsRevenue-EventsDlq3C4D',
        url: `${ACCOUNT}/SmsRevenue-EventsDlq3C4D`,
        arn: arn('SmsRevenue-EventsDlq3C4D'),
        sources: [
          {
            name: 'SmsRevenue-EventsQueue1A2B',
            url: `${ACCOUNT}/SmsRevenue-EventsQueue1A2B`,
            arn: arn('SmsRevenue-EventsQueue1A2B'),
          },
        ],
        messages: 4,
      },
      {
        name: 'SmsRevenue-IntentAlertTargetDlq9F',
        url: `${ACCOUNT}/SmsRevenue-IntentAlertTargetDlq9F`,
        arn: arn('SmsRevenue-IntentAlertTargetDlq9F'),
        sources: [],
        messages: 2,
      },
    ]);
  });
});

describe('Function: redriveDeadLetters in AWS', () => {
  it('starts an SQS message move task from the DLQ to its source queue, and moves nothing itself', async () => {
    sqsMock.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'eyJ0YXNr' });
    const [dlq] = await findDeadLetterQueues(new SQSClient({}), 'SmsRevenue');
    const result = await redriveDeadLetters(new SQSClient({}), dlq!, { useMoveTask: true });
    expect(result).toEqual({
      dlq: 'SmsRevenue-EventsDlq3C4D',
      to: 'SmsRevenue-EventsQueue1A2B',
      via: 'move-task',
      taskHandle: 'eyJ0YXNr',
    });
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)[0]!.args[0].input).toEqual({
      SourceArn: arn('SmsRevenue-EventsDlq3C4D'),
      DestinationArn: arn('SmsRevenue-EventsQueue1A2B'),
    });
    expect(sqsMock.commandCalls(ReceiveMessageCommand)).toHaveLength(0);
  });

  it('refuses a DLQ no queue feeds (EventBridge target), pointing at replay instead', async () => {
    const queues = await findDeadLetterQueues(new SQSClient({}), 'SmsRevenue');
    const busDlq = queues.find((q) => q.sources.length === 0)!;
    await expect(redriveDeadLetters(new SQSClient({}), busDlq, { useMoveTask: true })).rejects.toThrow(
      /ops replay/,
    );
    expect(sqsMock.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });
});
