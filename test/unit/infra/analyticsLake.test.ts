import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { PARQUET_FORMAT } from '../../../infra/constructs/analyticsLake.js';
import { BUNDLED_CONFIG_FILE, PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { type GlueColumn, glueColumns, gluePartitionKeys } from '../../../shared/lake/glue.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';
import { NAMED_QUERIES_DIR, parseNamedQuery } from '../../../shared/lake/namedQueries.js';
import { MIN_SALT_LENGTH } from '../../../shared/lake/pii.js';
import { LAKE_TABLES } from '../../../shared/lake/tables/index.js';
import {
  actionsOf,
  buildStack,
  bundledConfigOf,
  environmentOf,
  functionId,
  onlyResource,
  resourcesFor,
  resourcesOf,
  templateOf,
  vendorSecretId,
} from '../../support/cdkStack.js';

type Resource = { Properties: Record<string, unknown> } & Record<string, unknown>;

const exportId = (template: Template) => functionId(template, SCHEDULED_FUNCTIONS.lakeExport.description);
const auditId = (template: Template) => functionId(template, SCHEDULED_FUNCTIONS.governanceAudit.description);

/** The lake bucket: the one the lake export is told to write. */
function lakeBucket(template: Template): [string, Resource] {
  const ref = environmentOf(template, exportId(template))[LAKE_ENV.bucket] as { Ref: string };
  return [ref.Ref, template.toJSON().Resources[ref.Ref]];
}

const workGroup = (template: Template) => onlyResource(template, 'AWS::Athena::WorkGroup');

/** The query results bucket: the one the workgroup's output location names. */
function resultsBucket(template: Template): [string, Resource] {
  const config = workGroup(template)[1].Properties.WorkGroupConfiguration as {
    ResultConfiguration: { OutputLocation: { 'Fn::Join': [string, unknown[]] } };
  };
  const [, [, ref]] = config.ResultConfiguration.OutputLocation['Fn::Join'] as [
    string,
    [string, { Ref: string }],
  ];
  return [ref.Ref, template.toJSON().Resources[ref.Ref]];
}

/** The Glue table registered under a lake table's name. */
function glueTable(template: Template, name: string): Resource {
  const tables = resourcesOf(template, 'AWS::Glue::Table').filter(
    ([, t]) => (t.Properties.TableInput as { Name: string }).Name === name,
  );
  expect(tables, name).toHaveLength(1);
  return tables[0]![1];
}

/** Glue columns as CloudFormation spells their keys. */
const cfn = (columns: GlueColumn[]) =>
  columns.map((c) => ({ Name: c.name, Type: c.type, Comment: c.comment }));

const QUERY_FILES = readdirSync(NAMED_QUERIES_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort();

const dir = mkdtempSync(join(tmpdir(), 'lake-queries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Construct: AnalyticsLake', () => {
  it('encrypts the lake bucket, blocks public access and keeps every version, retained on stack deletion', () => {
    // GIVEN / WHEN
    const template = templateOf();

    // THEN
    const [, bucket] = lakeBucket(template);
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('moves lake parts to Intelligent-Tiering at once and expires replaced parts after 30 days', () => {
    const template = templateOf();

    const [, bucket] = lakeBucket(template);
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [
        expect.objectContaining({
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }],
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        }),
      ],
    });
  });

  it.each([
    ['lake', lakeBucket],
    ['query results', resultsBucket],
  ] as const)(
    'refuses plain HTTP on the %s bucket and logs its access to the access-log bucket',
    (_what, find) => {
      const template = templateOf();

      const [bucketId, bucket] = find(template);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      const logsId = (bucket.Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } })
        .DestinationBucketName.Ref;
      expect(logsId).not.toBe(bucketId);
      // Delivered under a bucket policy for the logging service, from this bucket only: no ACLs.
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logsId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Condition: Match.objectLike({
                ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [bucketId, 'Arn'] } },
              }),
            }),
          ]),
        },
      });
      expect(template.toJSON().Resources[logsId].Properties).toMatchObject({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      });
      expect(template.toJSON().Resources[logsId].Properties.AccessControl).toBeUndefined();
    },
  );

  it('creates one Glue database, named after the stack unless told', () => {
    const defaults = templateOf();
    const named = templateOf({ lake: { databaseName: 'analytics_prod' } });

    expect(onlyResource(defaults, 'AWS::Glue::Database')[1].Properties).toEqual({
      CatalogId: { Ref: 'AWS::AccountId' },
      DatabaseInput: { Name: 'test_lake', Description: expect.any(String) },
    });
    named.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'analytics_prod' } });
  });

  it('creates exactly one Glue table per registry table, and no crawler', () => {
    const template = templateOf();

    const names = resourcesOf(template, 'AWS::Glue::Table').map(
      ([, t]) => (t.Properties.TableInput as { Name: string }).Name,
    );
    expect(names.sort()).toEqual(LAKE_TABLES.map((t) => t.name).sort());
    template.resourceCountIs('AWS::Glue::Crawler', 0);
  });

  it.each(LAKE_TABLES.map((t) => [t.name, t] as const))(
    'declares %s with the registry columns, Parquet SerDe and its folder in the lake bucket',
    (name, table) => {
      const template = templateOf();

      const [dbId] = onlyResource(template, 'AWS::Glue::Database');
      const [bucketId] = lakeBucket(template);
      const location = { 'Fn::Join': ['', ['s3://', { Ref: bucketId }, `/lake/${name}/`]] };
      expect(glueTable(template, name).Properties).toEqual({
        CatalogId: { Ref: 'AWS::AccountId' },
        DatabaseName: { Ref: dbId },
        TableInput: expect.objectContaining({
          Name: name,
          Description: table.description,
          TableType: 'EXTERNAL_TABLE',
          PartitionKeys: cfn(gluePartitionKeys(table)),
          StorageDescriptor: {
            Columns: cfn(glueColumns(table)),
            Location: location,
            InputFormat: PARQUET_FORMAT.inputFormat,
            OutputFormat: PARQUET_FORMAT.outputFormat,
            SerdeInfo: {
              SerializationLibrary: PARQUET_FORMAT.serializationLibrary,
              Parameters: { 'serialization.format': '1' },
            },
          },
        }),
      });
    },
  );

  it.each(LAKE_TABLES.map((t) => [t.name] as const))(
    'projects the dt partitions of %s by date from the Hive folders, no catalog partitions',
    (name) => {
      const template = templateOf();

      const [bucketId] = lakeBucket(template);
      const input = glueTable(template, name).Properties.TableInput as {
        Parameters: Record<string, unknown>;
      };
      expect(input.Parameters).toMatchObject({
        classification: 'parquet',
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.format': 'yyyy-MM-dd',
        'projection.dt.range': '2024-01-01,NOW',
        'projection.dt.interval': '1',
        'projection.dt.interval.unit': 'DAYS',
        'storage.location.template': {
          'Fn::Join': ['', ['s3://', { Ref: bucketId }, `/lake/${name}/dt=\${dt}/`]],
        },
      });
    },
  );

  it('starts the projected days at the firstDay prop, and refuses one that is not a date', () => {
    const template = templateOf({ lake: { firstDay: '2026-01-01' } });

    for (const table of LAKE_TABLES) {
      const input = glueTable(template, table.name).Properties.TableInput as {
        Parameters: Record<string, unknown>;
      };
      expect(input.Parameters['projection.dt.range'], table.name).toBe('2026-01-01,NOW');
    }
    expect(() => buildStack({ lake: { firstDay: '1 Jan 2026' } })).toThrow(
      /firstDay "1 Jan 2026" must be YYYY-MM-DD/,
    );
  });

  it('runs Athena engine 3 in a workgroup that enforces encrypted results and a scan cutoff', () => {
    const template = templateOf();

    const [resultsId] = resultsBucket(template);
    expect(workGroup(template)[1].Properties).toMatchObject({
      Name: 'Test-analytics',
      State: 'ENABLED',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', { Ref: resultsId }, '/athena/']] },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      },
    });
  });

  it('takes the scan cutoff from the props and expires query results after 30 days', () => {
    const template = templateOf({ lake: { bytesScannedCutoffPerQuery: 1024 ** 3 } });

    expect(workGroup(template)[1].Properties).toMatchObject({
      WorkGroupConfiguration: { BytesScannedCutoffPerQuery: 1024 ** 3 },
    });
    const [, results] = resultsBucket(template);
    expect(results.Properties.LifecycleConfiguration).toEqual({
      Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 30 })],
    });
  });

  it('saves one named query per .sql file of shared/lake/queries, its text the file itself', () => {
    const template = templateOf();

    const [dbId] = onlyResource(template, 'AWS::Glue::Database');
    const [workGroupId] = workGroup(template);
    const saved = resourcesOf(template, 'AWS::Athena::NamedQuery').map(([, q]) => q.Properties);
    expect(QUERY_FILES.length).toBeGreaterThanOrEqual(3);
    expect(saved).toHaveLength(QUERY_FILES.length);
    for (const file of QUERY_FILES) {
      const text = readFileSync(join(NAMED_QUERIES_DIR, file), 'utf8');
      const { name, description } = parseNamedQuery(file, text);
      expect(saved, file).toContainEqual({
        Name: name,
        Description: description,
        QueryString: text,
        Database: { Ref: dbId },
        WorkGroup: { Ref: workGroupId },
      });
    }
  });

  it('fails the synth on a query file without its name and description header', () => {
    writeFileSync(join(dir, 'no_header.sql'), 'SELECT 1\n');

    expect(() => buildStack({ lake: { queriesDir: dir } })).toThrow(
      /named query no_header\.sql: .*-- name: <title>/,
    );
  });

  it('generates the PII salt as its own secret, long enough, never in the template, retained', () => {
    const template = templateOf();

    const ref = environmentOf(template, exportId(template))[LAKE_ENV.piiSaltSecretArn] as { Ref: string };
    expect(ref.Ref).not.toBe(vendorSecretId(template));
    const salt = template.toJSON().Resources[ref.Ref];
    expect(salt.Type).toBe('AWS::SecretsManager::Secret');
    expect(salt.Properties.SecretString).toBeUndefined();
    // No template: the whole generated value is the salt.
    expect(salt.Properties.GenerateSecretString.SecretStringTemplate).toBeUndefined();
    expect(salt.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(MIN_SALT_LENGTH);
    expect(salt.DeletionPolicy).toBe('Retain');
  });
});

describe('Stack: lake jobs', () => {
  it('tells the lake export its bucket and salt secret, and gives it 10 minutes and 1 GB', () => {
    const template = templateOf();

    const id = exportId(template);
    const [bucketId] = lakeBucket(template);
    const fn = template.toJSON().Resources[id].Properties;
    expect(fn.Timeout).toBe(600);
    expect(fn.MemorySize).toBe(1024);
    expect(environmentOf(template, id)[LAKE_ENV.bucket]).toEqual({ Ref: bucketId });
    // The salt comes from its own secret: the export never reads vendor tokens.
    expect(environmentOf(template, id)).not.toHaveProperty(ENV.secretsArn);
  });

  it('lets the lake export list, read, put and delete parts under lake/ only, and read the salt only', () => {
    const template = templateOf();

    const id = exportId(template);
    const [bucketId] = lakeBucket(template);
    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    const parts = { 'Fn::Join': ['', [bucketArn, '/lake/*']] };
    const s3Actions = actionsOf(template, id).filter((a) => a.startsWith('s3:'));
    expect(s3Actions).toEqual(
      expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*', 's3:List*']),
    );
    for (const action of ['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*']) {
      expect(resourcesFor(template, id, action), action).toContainEqual(parts);
    }
    expect(resourcesFor(template, id, 's3:List*')).toContainEqual(bucketArn);
    // Nothing outside lake/ but the bucket itself (listing), no other bucket.
    for (const action of s3Actions) {
      for (const resource of resourcesFor(template, id, action))
        expect([bucketArn, parts], action).toContainEqual(resource);
    }
    const saltId = (environmentOf(template, id)[LAKE_ENV.piiSaltSecretArn] as { Ref: string }).Ref;
    expect(resourcesFor(template, id, 'secretsmanager:GetSecretValue')).toEqual([{ Ref: saltId }]);
  });

  it('gives no function but the lake jobs access to the lake bucket or the salt', () => {
    const template = templateOf();

    const [bucketId] = lakeBucket(template);
    const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
    const under = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}/*`]] });
    const saltId = (environmentOf(template, exportId(template))[LAKE_ENV.piiSaltSecretArn] as { Ref: string })
      .Ref;
    const s3Actions = (id: string) => actionsOf(template, id).filter((a) => a.startsWith('s3:'));
    // These jobs read the lake and replace days of their own tables under lake/, granted like
    // the export (checked above); they read hashes and make none, so no salt.
    const lakeWriters = [
      SCHEDULED_FUNCTIONS.attribution,
      SCHEDULED_FUNCTIONS.scorecards,
      SCHEDULED_FUNCTIONS.holdouts,
    ].map((spec) => functionId(template, spec.description));
    // The report reads lake/ and puts its HTML under reports/: it can neither change the lake
    // nor delete a report.
    const reportId = functionId(template, SCHEDULED_FUNCTIONS.report.description);

    for (const id of lakeWriters) {
      for (const action of ['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*', 's3:List*']) {
        expect(s3Actions(id), id).toContain(action);
      }
      for (const action of s3Actions(id)) {
        for (const resource of resourcesFor(template, id, action))
          expect([bucketArn, under('lake')], `${id} ${action}`).toContainEqual(resource);
      }
    }

    expect(s3Actions(reportId)).toEqual(
      expect.arrayContaining(['s3:GetObject*', 's3:List*', 's3:PutObject']),
    );
    expect(s3Actions(reportId).filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    expect(resourcesFor(template, reportId, 's3:GetObject*')).toContainEqual(under('lake'));
    expect(resourcesFor(template, reportId, 's3:PutObject')).toEqual([under('reports')]);
    for (const action of s3Actions(reportId)) {
      const writes = /^s3:(Put|Abort)/.test(action);
      for (const resource of resourcesFor(template, reportId, action))
        expect(writes ? [under('reports')] : [bucketArn, under('lake')], action).toContainEqual(resource);
    }

    for (const id of [...lakeWriters, reportId]) {
      expect(
        actionsOf(template, id).filter((a) => a.startsWith('secretsmanager:')),
        id,
      ).toEqual([]);
      expect(environmentOf(template, id), id).not.toHaveProperty(LAKE_ENV.piiSaltSecretArn);
    }

    for (const [id] of resourcesOf(template, 'AWS::Lambda::Function')) {
      if (id === exportId(template) || id === reportId || lakeWriters.includes(id)) continue;
      expect(s3Actions(id), id).toEqual([]);
      expect(resourcesFor(template, id, 'secretsmanager:GetSecretValue'), id).not.toContainEqual({
        Ref: saltId,
      });
      expect(JSON.stringify(environmentOf(template, id)), id).not.toContain(bucketId);
    }
  });

  it('lets the governance audit only read the table, for up to 10 minutes, with the program config', () => {
    const stack = buildStack();
    const template = Template.fromStack(stack);

    const id = auditId(template);
    const actions = actionsOf(template, id);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
    expect(actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toEqual([]);
    expect(actions.filter((a) => /^(sqs|s3|secretsmanager):/.test(a))).toEqual([]);
    expect(template.toJSON().Resources[id].Properties.Timeout).toBe(600);
    expect(environmentOf(template, id)[ENV.configFile]).toBe(BUNDLED_CONFIG_FILE);
    expect(bundledConfigOf(stack, SCHEDULED_FUNCTIONS.governanceAudit.description)).toEqual(
      loadConfigFile(join(PROJECT_ROOT, 'config/example.json')),
    );
  });
});
