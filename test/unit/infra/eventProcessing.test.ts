import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WORKER_FUNCTIONS } from '../../../infra/routes.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { actionsOf, consumedQueue, functionId, onlyResource, templateOf } from '../../support/cdkStack.js';

const workerId = (template: Template) => functionId(template, WORKER_FUNCTIONS.processEvents.description);

/** The events queue (the one process-events consumes) and its dead-letter queue. */
function queues(template: Template) {
  const { queueId, queue, dlqId, dlq } = consumedQueue(template, workerId(template));
  expect(dlqId).toBeDefined();
  return { eventsId: queueId, eventsQueue: queue, dlqId: dlqId!, dlq: dlq! };
}

describe('Construct: EventProcessing', () => {
  it('sends a record to the dead-letter queue after 5 receives', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const { eventsQueue, dlqId } = queues(template);
    expect(eventsQueue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('encrypts both queues and keeps dead letters for 14 days', () => {
    const template = templateOf();

    const { eventsQueue, dlq } = queues(template);
    expect(eventsQueue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('refuses requests without TLS on both queues', () => {
    const template = templateOf();

    const { eventsId, dlqId } = queues(template);
    for (const queueId of [eventsId, dlqId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('hides a received batch for six times the consumer timeout', () => {
    const template = templateOf();

    const { eventsQueue } = queues(template);
    const worker = template.toJSON().Resources[workerId(template)];
    expect(eventsQueue.Properties.VisibilityTimeout).toBe(6 * worker.Properties.Timeout);
  });

  it('feeds the queue to process-events with partial batch responses', () => {
    const template = templateOf();

    const { eventsId } = queues(template);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [eventsId, 'Arn'] },
      FunctionName: { Ref: workerId(template) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('lets process-events consume the queue and publish to the bus it is told about', () => {
    const template = templateOf();

    const [busId] = onlyResource(template, 'AWS::Events::EventBus');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: WORKER_FUNCTIONS.processEvents.description,
      Environment: {
        Variables: Match.objectLike({
          [ENV.eventBusName]: { Ref: busId },
          [ENV.tableName]: Match.anyValue(),
        }),
      },
    });
    expect(actionsOf(template, workerId(template))).toEqual(
      expect.arrayContaining([
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'events:PutEvents',
        'dynamodb:PutItem',
      ]),
    );
  });

  it('lets process-events append derived consent events to its queue and read the vendor secret', () => {
    const template = templateOf();

    expect(actionsOf(template, workerId(template))).toEqual(
      expect.arrayContaining(['sqs:SendMessage', 'secretsmanager:GetSecretValue']),
    );
  });
});
