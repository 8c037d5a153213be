import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  BUS_FUNCTIONS,
  HTTP_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  WORKER_FUNCTIONS,
} from '../../../infra/routes.js';
import { functionId, resourcesOf, templateOf } from '../../support/cdkStack.js';

const ALL_FUNCTIONS = [
  ...Object.values(HTTP_FUNCTIONS),
  ...Object.values(WORKER_FUNCTIONS),
  ...Object.values(BUS_FUNCTIONS),
  ...Object.values(SCHEDULED_FUNCTIONS),
];

describe('Construct: TeamFunction', () => {
  it('deploys exactly one function per entry of HTTP_FUNCTIONS, WORKER_FUNCTIONS, BUS_FUNCTIONS and SCHEDULED_FUNCTIONS', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    template.resourceCountIs('AWS::Lambda::Function', ALL_FUNCTIONS.length);
    for (const spec of ALL_FUNCTIONS) expect(() => functionId(template, spec.description)).not.toThrow();
  });

  it('runs every function on Node.js 22 on arm64, traced, with the team environment', () => {
    const template = templateOf();

    for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      expect(fn.Properties, id).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            NODE_OPTIONS: '--enable-source-maps',
            POWERTOOLS_SERVICE_NAME: 'sms-revenue',
            POWERTOOLS_METRICS_NAMESPACE: 'SmsRevenue',
          },
        },
      });
    }
  });

  it('sets memory and a timeout on every function instead of the 128 MB / 3 s defaults', () => {
    const template = templateOf();

    for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      expect(fn.Properties.MemorySize, id).toBeGreaterThanOrEqual(256);
      expect(fn.Properties.Timeout, id).toBeGreaterThan(3);
    }
  });

  it('sends JSON logs of each function to its own log group with a retention', () => {
    const template = templateOf();
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    const seen = new Set<string>();

    for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const config = fn.Properties.LoggingConfig as { LogFormat: string; LogGroup: { Ref: string } };
      expect(config.LogFormat, id).toBe('JSON');
      const logGroup = logGroups[config.LogGroup.Ref];
      expect(logGroup?.Properties.RetentionInDays, id).toBe(30);
      seen.add(config.LogGroup.Ref);
    }
    expect(seen.size).toBe(ALL_FUNCTIONS.length);
  });

  it('gives each role write access to its own log group only, not AWSLambdaBasicExecutionRole', () => {
    const template = templateOf();

    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    for (const [, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Effect: 'Allow',
              Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
            },
          ]),
        },
      });
    }
  });
});
