import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';
import { actionsOf, environmentOf, functionId, resourcesFor, templateOf } from '../../support/cdkStack.js';

const reportId = (template: Template) => functionId(template, SCHEDULED_FUNCTIONS.report.description);
const exportId = (template: Template) => functionId(template, SCHEDULED_FUNCTIONS.lakeExport.description);

/** The object ARN pattern a grant names: `<bucket arn>/<prefix>*`. */
const objectsUnder = (resources: unknown[], prefix: string) =>
  resources.filter((resource) => JSON.stringify(resource).includes(`/${prefix}*`));

describe('Stack: report job', () => {
  it('runs last of the scheduled jobs, so locally it sees the day of scorecards and holdouts', () => {
    // GIVEN / WHEN
    const names = Object.keys(SCHEDULED_FUNCTIONS);

    // THEN
    expect(names[names.length - 1]).toBe('report');
    expect(SCHEDULED_FUNCTIONS.report.everyMinutes).toBe(1440);
  });

  it('reads the lake and puts reports under reports/, and may neither change the lake nor delete', () => {
    // GIVEN
    const template = templateOf();

    // WHEN
    const id = reportId(template);
    const actions = actionsOf(template, id);

    // THEN
    const env = environmentOf(template, id);
    expect(env[LAKE_ENV.bucket]).toEqual(environmentOf(template, exportId(template))[LAKE_ENV.bucket]);
    expect(env).not.toHaveProperty(LAKE_ENV.piiSaltSecretArn);
    expect(env).not.toHaveProperty(ENV.secretsArn);
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:List*', 's3:PutObject']));
    expect(actions.filter((action) => action.startsWith('s3:Delete'))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
    const puts = resourcesFor(template, id, 's3:PutObject');
    expect(objectsUnder(puts, 'reports/')).toHaveLength(puts.length);
    expect(objectsUnder(resourcesFor(template, id, 's3:GetObject*'), 'lake/').length).toBeGreaterThan(0);
    expect(objectsUnder(resourcesFor(template, id, 's3:GetObject*'), 'reports/')).toEqual([]);
  });
});
