import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';
import { actionsOf, environmentOf, functionId, resourcesOf, templateOf } from '../../support/cdkStack.js';

const attributionId = (template: Template) =>
  functionId(template, SCHEDULED_FUNCTIONS.attribution.description);
const exportId = (template: Template) => functionId(template, SCHEDULED_FUNCTIONS.lakeExport.description);

describe('Stack: attribution job', () => {
  it('runs once a day', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const id = attributionId(template);
    const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.Targets).includes(id),
    );
    expect(rules.map(([, rule]) => rule.Properties.ScheduleExpression)).toEqual(['rate(1 day)']);
  });

  it('gets 15 minutes, 3 GB, the lake bucket, the table for its lease and the program config', () => {
    const template = templateOf();

    const id = attributionId(template);
    const fn = template.toJSON().Resources[id].Properties;
    expect(fn.Timeout).toBe(900);
    expect(fn.MemorySize).toBe(3008);
    const env = environmentOf(template, id);
    expect(env[LAKE_ENV.bucket]).toEqual(environmentOf(template, exportId(template))[LAKE_ENV.bucket]);
    expect(typeof env[ENV.appConfig]).toBe('string');
    expect(env[ENV.tableName]).toBeDefined();
    const actions = actionsOf(template, id);
    expect(actions).toEqual(
      expect.arrayContaining([
        's3:GetObject*',
        's3:PutObject',
        's3:DeleteObject*',
        's3:List*',
        'dynamodb:PutItem',
      ]),
    );
    expect(actions.filter((a) => a.startsWith('sqs:SendMessage'))).toEqual([]);
    expect(env).not.toHaveProperty(ENV.secretsArn);
    expect(env).not.toHaveProperty(ENV.sendQueueUrl);
  });
});
