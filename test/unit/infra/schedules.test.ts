import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DAILY_CHAIN, SCHEDULED_FUNCTIONS, WORKER_FUNCTIONS } from '../../../infra/routes.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import {
  actionsOf,
  consumedQueue,
  environmentOf,
  functionId,
  resourcesFor,
  resourcesOf,
  templateOf,
} from '../../support/cdkStack.js';

const SCHEDULED = Object.entries(SCHEDULED_FUNCTIONS);

const releaseId = (template: Template) =>
  functionId(template, SCHEDULED_FUNCTIONS.releaseDeferred.description);
const queueOf = (template: Template, worker: keyof typeof WORKER_FUNCTIONS) =>
  consumedQueue(template, functionId(template, WORKER_FUNCTIONS[worker].description)).queueId;

describe('Construct: Schedules', () => {
  it('runs releaseDeferred every minute', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': [releaseId(template), 'Arn'] }, Id: 'Target0' }],
    });
  });

  const OWN_RULE = SCHEDULED.filter(
    ([name, spec]) => !(DAILY_CHAIN as readonly string[]).includes(name) || spec.everyMinutes < 1440,
  );

  it.each(OWN_RULE)('runs %s at the rate SCHEDULED_FUNCTIONS gives, from one rule', (_name, spec) => {
    const template = templateOf();

    const fnArn = { 'Fn::GetAtt': [functionId(template, spec.description), 'Arn'] };
    const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.Targets).includes(JSON.stringify(fnArn)),
    );
    expect(rules).toHaveLength(1);
    // CDK writes the rate in the largest whole unit: rate(1 minute), rate(1 hour), rate(1 day).
    const expression = rules[0]![1].Properties.ScheduleExpression as string;
    const [, count, unit] = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression) ?? [];
    const minutes =
      Number(count) * ({ minute: 1, hour: 60, day: 1440 } as Record<string, number>)[unit ?? '']!;
    expect(minutes).toBe(spec.everyMinutes);
    // EventBridge may invoke the function, and only from that rule.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: fnArn,
      SourceArn: { 'Fn::GetAtt': [rules[0]![0], 'Arn'] },
    });
  });

  it.each(SCHEDULED)('stops %s before its next run is due', (_name, spec) => {
    const template = templateOf();

    const timeout = template.toJSON().Resources[functionId(template, spec.description)].Properties.Timeout;
    expect(timeout).toBeLessThan(spec.everyMinutes * 60);
  });

  it('lets releaseDeferred read and delete timers and feed the send queue, nothing more', () => {
    const template = templateOf();

    const id = releaseId(template);
    const actions = actionsOf(template, id);
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'sqs:SendMessage',
      ]),
    );
    expect(resourcesFor(template, id, 'sqs:SendMessage')).toEqual([
      { 'Fn::GetAtt': [queueOf(template, 'send'), 'Arn'] },
    ]);
    expect(actions.filter((a) => a.startsWith('secretsmanager:') || a.startsWith('events:'))).toEqual([]);
    expect(actions).not.toContain('sqs:ReceiveMessage');
  });

  it('tells releaseDeferred where the send queue is, and gives it no program config or secret', () => {
    const template = templateOf();

    const env = environmentOf(template, releaseId(template));
    expect(env[ENV.sendQueueUrl]).toEqual({ Ref: queueOf(template, 'send') });
    expect(env[ENV.appConfig]).toBeUndefined();
    expect(env[ENV.secretsArn]).toBeUndefined();
  });
});
