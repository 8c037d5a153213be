import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import { ATHENA_ENV } from '../../../shared/attribution/job/athenaEnv.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';
import { SCORECARDS_SQL_READS } from '../../../shared/scorecards/sql/scorecardsSql.js';
import {
  actionsOf,
  arnText,
  buildStack,
  environmentOf,
  functionId,
  lakeAthenaIds,
  resourcesFor,
  statementsOf,
  templateOf,
} from '../../support/cdkStack.js';

/**
 * The scorecards function's grants per engine: Athena, Glue and the results bucket only with
 * `scorecards.engine: "athena"`, and then only the lake's workgroup and the tables its SQL reads.
 */
const dir = mkdtempSync(join(tmpdir(), 'scorecards-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config/example.json'), 'utf8'));
const configWith = (engine: string) => {
  const file = join(dir, `${engine}.json`);
  writeFileSync(file, JSON.stringify({ ...example, scorecards: { ...example.scorecards, engine } }));
  return file;
};
const scorecardsId = (template: ReturnType<typeof templateOf>) =>
  functionId(template, SCHEDULED_FUNCTIONS.scorecards.description);

describe('Stack: scorecards job', () => {
  it('gets no Athena or Glue access, no Athena settings and 10 GB with the lambda engine (the default)', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const id = scorecardsId(template);
    expect(actionsOf(template, id).filter((a) => /^(athena|glue):/.test(a))).toEqual([]);
    expect(environmentOf(template, id)).not.toHaveProperty(ATHENA_ENV.workGroup);
    expect(template.toJSON().Resources[id].Properties.MemorySize).toBe(10_240);
  });

  it('refuses the duckdb engine: it runs only on a laptop', () => {
    expect(() => buildStack({ configFile: configWith('duckdb') })).toThrow(
      'scorecards.engine "duckdb" runs only on a laptop',
    );
  });

  describe('with scorecards.engine "athena" in the config', () => {
    const configFile = configWith('athena');
    const template = templateOf({ configFile });
    const id = scorecardsId(template);
    const { workGroupId, resultsBucketId, database } = lakeAthenaIds(template);

    it('is told the workgroup and database, keeps the lake bucket and needs 1 GB, not 10', () => {
      const env = environmentOf(template, id);
      expect(env[ATHENA_ENV.workGroup]).toEqual({ Ref: workGroupId });
      expect(env[ATHENA_ENV.database]).toBe(database);
      expect(env[LAKE_ENV.bucket]).toBeDefined();
      expect(env).not.toHaveProperty(LAKE_ENV.piiSaltSecretArn);
      expect(template.toJSON().Resources[id].Properties.MemorySize).toBe(1024);
    });

    it('may start, poll and stop queries in the lake’s workgroup only', () => {
      const actions = ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:StopQueryExecution'];
      for (const action of actions) {
        expect(resourcesFor(template, id, action).map(arnText), action).toEqual([
          `arn:\${AWS::Partition}:athena:\${AWS::Region}:\${AWS::AccountId}:workgroup/\${${workGroupId}}`,
        ]);
      }
      expect(
        actionsOf(template, id)
          .filter((a) => a.startsWith('athena:'))
          .sort(),
      ).toEqual(actions.sort());
    });

    it('may read the catalog entries of the lake database and of the six tables its SQL reads only', () => {
      const prefix = `arn:\${AWS::Partition}:glue:\${AWS::Region}:\${AWS::AccountId}`;
      expect(
        actionsOf(template, id)
          .filter((a) => a.startsWith('glue:'))
          .sort(),
      ).toEqual(['glue:GetDatabase', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable']);
      expect(resourcesFor(template, id, 'glue:GetTable').map(arnText)).toEqual([
        `${prefix}:catalog`,
        `${prefix}:database/${database}`,
        ...SCORECARDS_SQL_READS.map((table) => `${prefix}:table/${database}/${table}`),
      ]);
      expect(SCORECARDS_SQL_READS).not.toContain('scorecards');
    });

    it('may write Athena’s results under athena/ but never delete them (they expire), and reads no secret', () => {
      const inResults = statementsOf(template, id).filter((statement) =>
        JSON.stringify(statement.Resource).includes(resultsBucketId),
      );
      const granted = inResults.flatMap((statement) => [statement.Action].flat().map(String));
      expect(granted).toContain('s3:PutObject');
      expect(granted.filter((action) => action.startsWith('s3:Delete'))).toEqual([]);
      expect(actionsOf(template, id).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
    });

    it('leaves cdk-nag with nothing unacknowledged', () => {
      const report = new AwsSolutionsChecks().validateScope(buildStack({ configFile }));
      expect(
        report.violations.map((v) => `${v.ruleName}: ${v.violatingResources[0]?.constructPath}`),
      ).toEqual([]);
    });
  });
});
