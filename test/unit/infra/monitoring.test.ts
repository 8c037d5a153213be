import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  BUS_FUNCTIONS,
  HTTP_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  WORKER_FUNCTIONS,
} from '../../../infra/routes.js';
import { consumedQueue, functionId, onlyResource, resourcesOf, templateOf } from '../../support/cdkStack.js';

const ALL_FUNCTIONS = [
  ...Object.values(HTTP_FUNCTIONS),
  ...Object.values(WORKER_FUNCTIONS),
  ...Object.values(BUS_FUNCTIONS),
  ...Object.values(SCHEDULED_FUNCTIONS),
];

const topicId = (template: Template): string => onlyResource(template, 'AWS::SNS::Topic')[0];

/** The dead-letter queue behind the queue a worker consumes. */
function dlqOf(template: Template, worker: keyof typeof WORKER_FUNCTIONS): string {
  const { dlqId } = consumedQueue(template, functionId(template, WORKER_FUNCTIONS[worker].description));
  expect(dlqId).toBeDefined();
  return dlqId!;
}

describe('Construct: Monitoring', () => {
  it.each(['processEvents', 'send'] as const)(
    'alarms as soon as one record sits in the dead-letter queue behind %s',
    (worker) => {
      // GIVEN / WHEN
      const template = templateOf();

      // THEN
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqOf(template, worker), 'QueueName'] } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    },
  );

  it('alarms on the share of API requests answered 5xx', () => {
    const template = templateOf();

    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp('errors') }),
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' }),
          }),
        }),
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'AWS/ApiGateway', MetricName: 'Count' }),
          }),
        }),
      ]),
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it.each(ALL_FUNCTIONS.map((spec) => [spec.entry, spec.description] as const))(
    'alarms on any error of %s',
    (_entry, description) => {
      const template = templateOf();

      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(template, description) } }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    },
  );

  it('notifies the alarm topic from every alarm, on alarm and on recovery', () => {
    const template = templateOf();

    const topic = { Ref: topicId(template) };
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(ALL_FUNCTIONS.length + 3);
    for (const [id, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, id).toEqual([topic]);
      expect(alarm.Properties.OKActions, id).toEqual([topic]);
    }
  });

  it('encrypts the topic with a rotated key that CloudWatch may use, and refuses plain HTTP', () => {
    const template = templateOf();

    const [keyId] = onlyResource(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId(template) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('subscribes the alarm email only when one is given', () => {
    const withEmail = templateOf({ alarmEmail: 'oncall@example.com' });
    const withoutEmail = templateOf();

    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: topicId(withEmail) },
    });
    withoutEmail.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
