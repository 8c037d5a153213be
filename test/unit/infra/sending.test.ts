import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HTTP_FUNCTIONS, WORKER_FUNCTIONS } from '../../../infra/routes.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import {
  actionsOf,
  consumedQueue,
  environmentOf,
  functionId,
  onlyResource,
  resourcesFor,
  templateOf,
  vendorSecretId,
} from '../../support/cdkStack.js';

const sendId = (template: Template) => functionId(template, WORKER_FUNCTIONS.send.description);
const processEventsId = (template: Template) =>
  functionId(template, WORKER_FUNCTIONS.processEvents.description);

/** The send queue (the one `send` consumes) and its dead-letter queue. */
function sendQueue(template: Template) {
  const found = consumedQueue(template, sendId(template));
  expect(found.dlqId).toBeDefined();
  return { ...found, dlqId: found.dlqId!, dlq: found.dlq! };
}

/** Sender retry budget (SEND_RETRY in shared/runtime/sendPorts.ts): 2 tries x 4 s, backoff up to 1 s. */
const SEND_RETRY_BUDGET_SECONDS = 2 * 4 + 1;

describe('Construct: Sending', () => {
  it('gives the send queue its own dead-letter queue, reached after 5 receives', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const { queueId, queue, dlqId } = sendQueue(template);
    const events = consumedQueue(template, processEventsId(template));
    expect([queueId, dlqId]).not.toContain(events.queueId);
    expect([queueId, dlqId]).not.toContain(events.dlqId);
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('encrypts both queues, refuses plain HTTP on them and keeps dead letters 14 days', () => {
    const template = templateOf();

    const { queueId, queue, dlqId, dlq } = sendQueue(template);
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Properties.SqsManagedSseEnabled).toBe(true);
    expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    for (const id of [queueId, dlqId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('gives send a timeout that covers the sender retry budget, API functions keep 10 s', () => {
    const template = templateOf();

    const resources = template.toJSON().Resources;
    const timeout = resources[sendId(template)].Properties.Timeout;
    expect(timeout).toBe(30);
    expect(timeout).toBeGreaterThan(SEND_RETRY_BUDGET_SECONDS * 2);
    for (const spec of [HTTP_FUNCTIONS.messages, HTTP_FUNCTIONS.decisions]) {
      expect(resources[functionId(template, spec.description)].Properties.Timeout, spec.entry).toBe(10);
    }
  });

  it('hides a received batch for six times the send timeout', () => {
    const template = templateOf();

    const { queue } = sendQueue(template);
    const send = template.toJSON().Resources[sendId(template)];
    expect(queue.Properties.VisibilityTimeout).toBe(6 * send.Properties.Timeout);
  });

  it('feeds the send queue to send with partial batch responses and bounded concurrency', () => {
    const template = templateOf();

    const { mapping, queueId } = sendQueue(template);
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('lets send record sends, append events to the events queue and read the vendor credentials', () => {
    const template = templateOf();

    const id = sendId(template);
    expect(actionsOf(template, id)).toEqual(
      expect.arrayContaining([
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:SendMessage',
        'secretsmanager:GetSecretValue',
      ]),
    );
    const events = consumedQueue(template, processEventsId(template));
    expect(resourcesFor(template, id, 'sqs:SendMessage')).toEqual([
      { 'Fn::GetAtt': [events.queueId, 'Arn'] },
    ]);
    const secretId = vendorSecretId(template);
    expect(environmentOf(template, id)).toMatchObject({
      [ENV.eventsQueueUrl]: { Ref: events.queueId },
      [ENV.secretsArn]: { Ref: secretId },
    });
  });

  it('builds status callbacks on the API own endpoint unless a public base URL is given', () => {
    const withUrl = templateOf({ publicBaseUrl: 'https://hooks.example.com' });
    const withoutUrl = templateOf();

    expect(environmentOf(withUrl, sendId(withUrl))[ENV.publicBaseUrl]).toBe('https://hooks.example.com');
    const [apiId] = onlyResource(withoutUrl, 'AWS::ApiGatewayV2::Api');
    // ApiEndpoint is https://{api-id}.execute-api.{region}.amazonaws.com, without a trailing slash.
    expect(environmentOf(withoutUrl, sendId(withoutUrl))[ENV.publicBaseUrl]).toEqual({
      'Fn::GetAtt': [apiId, 'ApiEndpoint'],
    });
  });
});
