import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DOMAIN_EVENT_SOURCE } from '../../../events/domain.js';
import { BUNDLED_CONFIG_FILE, PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import {
  BUS_FUNCTIONS,
  HTTP_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  WORKER_FUNCTIONS,
} from '../../../infra/routes.js';
import { type AppConfig, loadConfigFile } from '../../../shared/config/programConfig.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import {
  actionsOf,
  buildStack,
  bundledConfigOf,
  consumedQueue,
  environmentOf,
  functionId,
  onlyResource,
  resourcesFor,
  resourcesOf,
  templateOf,
  vendorSecretId,
} from '../../support/cdkStack.js';

const BUS = Object.entries(BUS_FUNCTIONS);
const EXAMPLE = join(PROJECT_ROOT, 'config/example.json');

/** The functions that answer for intent alerts: post them, take Slack's buttons, escalate them. */
const ALERT_FUNCTIONS = [
  ['intentAlert', BUS_FUNCTIONS.intentAlert],
  ['slackActions', HTTP_FUNCTIONS.slackActions],
  ['slaCheck', SCHEDULED_FUNCTIONS.slaCheck],
] as const;

/** Slack tries per post x per-try timeout, plus backoff (SLACK_RETRY in shared/runtime/alertPorts.ts). */
const SLACK_RETRY_BUDGET_SECONDS = 3 * 3 + 2;

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** The rule that targets a function, and the dead-letter queue of that target. */
function busRule(template: Template, description: string) {
  const fnId = functionId(template, description);
  const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, rule]) =>
    JSON.stringify(rule.Properties.Targets).includes(JSON.stringify(arnOf(fnId))),
  );
  expect(rules).toHaveLength(1);
  const [ruleId, rule] = rules[0]!;
  const [target] = rule.Properties.Targets as { DeadLetterConfig?: { Arn: { 'Fn::GetAtt': string[] } } }[];
  const dlqId = target?.DeadLetterConfig?.Arn['Fn::GetAtt'][0];
  expect(dlqId).toBeDefined();
  return { fnId, ruleId, rule, dlqId: dlqId! };
}

describe('Construct: BusFunctions', () => {
  it.each(BUS)('routes %s events from our own source on the domain bus to its function', (_name, spec) => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const [busId] = onlyResource(template, 'AWS::Events::EventBus');
    const { fnId, rule } = busRule(template, spec.description);
    expect(rule.Properties).toMatchObject({
      EventBusName: { Ref: busId },
      State: 'ENABLED',
      EventPattern: { source: [DOMAIN_EVENT_SOURCE], 'detail-type': [spec.detailType] },
      Targets: [{ Arn: arnOf(fnId) }],
    });
  });

  it('has one bus rule per BUS_FUNCTIONS entry and no other', () => {
    const template = templateOf();

    const [busId] = onlyResource(template, 'AWS::Events::EventBus');
    const onBus = resourcesOf(template, 'AWS::Events::Rule').filter(
      ([, rule]) => JSON.stringify(rule.Properties.EventBusName) === JSON.stringify({ Ref: busId }),
    );
    expect(
      onBus.map(([, rule]) => (rule.Properties.EventPattern as { 'detail-type': string[] })['detail-type']),
    ).toEqual(BUS.map(([, spec]) => [spec.detailType]));
  });

  it.each(BUS)('retries delivery to %s for 6 hours, then dead-letters the event', (_name, spec) => {
    const template = templateOf();

    const { rule, dlqId } = busRule(template, spec.description);
    expect((rule.Properties.Targets as unknown[])[0]).toMatchObject({
      DeadLetterConfig: { Arn: arnOf(dlqId) },
      RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 6 * 3600 },
    });
  });

  it.each(BUS)('sends %s events that failed every run to the same dead-letter queue', (_name, spec) => {
    const template = templateOf();

    // EventBridge hands the event to Lambda asynchronously: from then on, Lambda's retries apply.
    const { fnId, dlqId } = busRule(template, spec.description);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(dlqId) } },
    });
    expect(resourcesFor(template, fnId, 'sqs:SendMessage')).toContainEqual(arnOf(dlqId));
  });

  it.each(BUS)(
    'keeps the dead letters of %s 14 days, encrypted, over TLS only, from its rule only',
    (_name, spec) => {
      const template = templateOf();

      const { ruleId, dlqId } = busRule(template, spec.description);
      expect(template.toJSON().Resources[dlqId].Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: dlqId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Action: 'sqs:SendMessage',
              Principal: { Service: 'events.amazonaws.com' },
              Condition: { ArnEquals: { 'aws:SourceArn': arnOf(ruleId) } },
            }),
          ]),
        },
      });
    },
  );

  it.each(BUS)('alarms as soon as one event sits in the dead-letter queue of %s', (_name, spec) => {
    const template = templateOf();

    const { dlqId } = busRule(template, spec.description);
    const [topicId] = onlyResource(template, 'AWS::SNS::Topic');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmDescription: Match.stringLikeRegexp(spec.detailType),
      AlarmActions: [{ Ref: topicId }],
    });
  });

  it.each(BUS)('lets EventBridge invoke %s from its rule only', (_name, spec) => {
    const template = templateOf();

    const { fnId, ruleId } = busRule(template, spec.description);
    const permissions = resourcesOf(template, 'AWS::Lambda::Permission').filter(
      ([, p]) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(arnOf(fnId)),
    );
    expect(permissions.map(([, p]) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: arnOf(fnId),
        Principal: 'events.amazonaws.com',
        SourceArn: arnOf(ruleId),
      },
    ]);
  });

  it('gives the intent alert a timeout that covers the Slack retry budget', () => {
    const template = templateOf();

    const timeout =
      template.toJSON().Resources[functionId(template, BUS_FUNCTIONS.intentAlert.description)].Properties
        .Timeout;
    expect(timeout).toBe(30);
    expect(timeout).toBeGreaterThan(SLACK_RETRY_BUDGET_SECONDS * 2);
  });
});

describe('Stack: intent alert functions', () => {
  it.each(ALERT_FUNCTIONS)('lets %s record alert state and read the Slack secrets', (_name, spec) => {
    const template = templateOf();

    const id = functionId(template, spec.description);
    expect(actionsOf(template, id)).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'secretsmanager:GetSecretValue',
      ]),
    );
    expect(resourcesFor(template, id, 'secretsmanager:GetSecretValue')).toEqual([
      { Ref: vendorSecretId(template) },
    ]);
  });

  it.each(ALERT_FUNCTIONS)('lets %s append alert events to the events queue', (_name, spec) => {
    const template = templateOf();

    const id = functionId(template, spec.description);
    const events = consumedQueue(template, functionId(template, WORKER_FUNCTIONS.processEvents.description));
    expect(resourcesFor(template, id, 'sqs:SendMessage')).toContainEqual(arnOf(events.queueId));
    expect(environmentOf(template, id)).toMatchObject({
      [ENV.tableName]: expect.anything(),
      [ENV.eventsQueueUrl]: { Ref: events.queueId },
      [ENV.secretsArn]: { Ref: vendorSecretId(template) },
    });
    expect(actionsOf(template, id)).not.toContain('sqs:ReceiveMessage');
  });

  it.each(ALERT_FUNCTIONS)(
    'gives %s the program config (alert routes, owners, SLAs) and no vendor API URL',
    (_name, spec) => {
      const stack = buildStack({ twilioApiBaseUrl: 'https://twilio-proxy.example.com' });
      const template = Template.fromStack(stack);

      const env = environmentOf(template, functionId(template, spec.description));
      expect(env[ENV.configFile]).toBe(BUNDLED_CONFIG_FILE);
      const config = bundledConfigOf(stack, spec.description) as AppConfig;
      const example = loadConfigFile(EXAMPLE);
      expect(Object.keys(example.alerts.routes).length).toBeGreaterThan(0);
      expect(config.alerts).toEqual(example.alerts);
      expect(env).not.toHaveProperty(ENV.twilioApiBaseUrl);
      expect(env).not.toHaveProperty(ENV.slackApiBaseUrl);
    },
  );
});
