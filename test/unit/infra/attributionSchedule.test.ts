import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONFIG_FILE, PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import { ATHENA_ENV } from '../../../shared/attribution/job/athenaEnv.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';
import {
  actionsOf,
  arnText,
  buildStack,
  bundledConfigOf,
  environmentOf,
  functionId,
  lakeAthenaIds,
  resourcesFor,
  resourcesOf,
  statementsOf,
  templateOf,
} from '../../support/cdkStack.js';

const attributionId = (template: Template) =>
  functionId(template, SCHEDULED_FUNCTIONS.attribution.description);
const exportId = (template: Template) => functionId(template, SCHEDULED_FUNCTIONS.lakeExport.description);
const saltId = (template: Template) =>
  (environmentOf(template, exportId(template))[LAKE_ENV.piiSaltSecretArn] as { Ref: string }).Ref;

/** The example config with `attribution.engine: "athena"`, as a file the stack reads. */
const dir = mkdtempSync(join(tmpdir(), 'attribution-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const athenaConfigFile = join(dir, 'athena.json');
const example = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config/example.json'), 'utf8'));
writeFileSync(athenaConfigFile, JSON.stringify({ ...example, attribution: { engine: 'athena' } }));

const ATHENA_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:GetQueryExecution',
  'athena:StopQueryExecution',
];

describe('Stack: attribution job', () => {
  it('runs once a day, from the daily chain and nothing else', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const id = attributionId(template);
    const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, rule]) =>
      JSON.stringify(rule.Properties.Targets).includes(id),
    );
    expect(rules).toHaveLength(0);
    const machines = resourcesOf(template, 'AWS::StepFunctions::StateMachine');
    expect(
      machines.filter(([, m]) => JSON.stringify(m.Properties.DefinitionString).includes(id)),
    ).toHaveLength(1);
  });

  it('gets 15 minutes, 3 GB, the lake bucket, the table for its lease and the program config', () => {
    const stack = buildStack();
    const template = Template.fromStack(stack);

    const id = attributionId(template);
    const fn = template.toJSON().Resources[id].Properties;
    expect(fn.Timeout).toBe(900);
    expect(fn.MemorySize).toBe(3008);
    const env = environmentOf(template, id);
    expect(env[LAKE_ENV.bucket]).toEqual(environmentOf(template, exportId(template))[LAKE_ENV.bucket]);
    expect(env[ENV.configFile]).toBe(BUNDLED_CONFIG_FILE);
    expect(bundledConfigOf(stack, SCHEDULED_FUNCTIONS.attribution.description)).toEqual(
      loadConfigFile(join(PROJECT_ROOT, 'config/example.json')),
    );
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

  it('never reads the PII salt: it reads the lake’s hashes and makes none (the export alone does)', () => {
    for (const template of [templateOf(), templateOf({ configFile: athenaConfigFile })]) {
      const id = attributionId(template);
      expect(environmentOf(template, id)).not.toHaveProperty(LAKE_ENV.piiSaltSecretArn);
      expect(actionsOf(template, id).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
      // The export still hashes, so still reads it.
      expect(resourcesFor(template, exportId(template), 'secretsmanager:GetSecretValue')).toEqual([
        { Ref: saltId(template) },
      ]);
    }
  });

  it('gets no Athena or Glue access and no Athena settings with the lambda engine (the default)', () => {
    const template = templateOf();

    const id = attributionId(template);
    expect(actionsOf(template, id).filter((a) => /^(athena|glue):/.test(a))).toEqual([]);
    expect(environmentOf(template, id)).not.toHaveProperty(ATHENA_ENV.workGroup);
    expect(environmentOf(template, id)).not.toHaveProperty(ATHENA_ENV.database);
  });

  describe('with attribution.engine "athena" in the config', () => {
    const template = templateOf({ configFile: athenaConfigFile });
    const id = attributionId(template);
    const { workGroupId, resultsBucketId, database } = lakeAthenaIds(template);

    it('is told the workgroup and the Glue database', () => {
      const env = environmentOf(template, id);
      expect(env[ATHENA_ENV.workGroup]).toEqual({ Ref: workGroupId });
      expect(env[ATHENA_ENV.database]).toBe(database);
    });

    it('may start, poll and stop queries in the lake’s workgroup only', () => {
      for (const action of ATHENA_ACTIONS) {
        expect(resourcesFor(template, id, action).map(arnText), action).toEqual([
          `arn:\${AWS::Partition}:athena:\${AWS::Region}:\${AWS::AccountId}:workgroup/\${${workGroupId}}`,
        ]);
      }
      expect(
        actionsOf(template, id)
          .filter((a) => a.startsWith('athena:'))
          .sort(),
      ).toEqual([...ATHENA_ACTIONS].sort());
    });

    it('may read the catalog entries of the lake database and the events table only', () => {
      const glueActions = actionsOf(template, id).filter((a) => a.startsWith('glue:'));
      expect(glueActions.sort()).toEqual([
        'glue:GetDatabase',
        'glue:GetPartition',
        'glue:GetPartitions',
        'glue:GetTable',
      ]);
      const prefix = `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}`;
      expect(resourcesFor(template, id, 'glue:GetTable').map(arnText)).toEqual([
        `${prefix}:catalog`,
        `${prefix}:database/${database}`,
        `${prefix}:table/${database}/events`,
      ]);
    });

    it('may write query results under athena/ of the results bucket, and nothing else there', () => {
      const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [resultsBucketId, 'Arn'] }, '/athena/*']] };
      const bucket = { 'Fn::GetAtt': [resultsBucketId, 'Arn'] };
      const inResults = (action: string) =>
        resourcesFor(template, id, action).filter((r) => JSON.stringify(r).includes(resultsBucketId));
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload']) {
        expect(inResults(action), action).toEqual([objects]);
      }
      expect(inResults('s3:GetBucketLocation')).toEqual([bucket]);
      // Of the results bucket, these seven actions and no other (no delete: results expire by
      // the bucket's lifecycle rule).
      const granted = new Set(
        statementsOf(template, id)
          .filter((statement) => JSON.stringify(statement.Resource).includes(resultsBucketId))
          .flatMap((statement) => [statement.Action].flat()),
      );
      expect([...granted].sort()).toEqual([
        's3:AbortMultipartUpload',
        's3:GetBucketLocation',
        's3:GetObject',
        's3:ListBucket',
        's3:ListBucketMultipartUploads',
        's3:ListMultipartUploadParts',
        's3:PutObject',
      ]);
    });

    it('leaves cdk-nag with nothing unacknowledged', () => {
      const stack = buildStack({ configFile: athenaConfigFile });

      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(
        report.violations.map((v) => `${v.ruleName}: ${v.violatingResources[0]?.constructPath}`),
      ).toEqual([]);
    });
  });
});
