import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/schedule/attribution.js';
import { PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import { STAGING_PREFIX } from '../../../shared/attribution/job/athenaEngine.js';
import { ATHENA_ENV } from '../../../shared/attribution/job/athenaEnv.js';
import type { AttributionJobSummary } from '../../../shared/attribution/job/attributionJob.js';
import { resetAppConfig } from '../../../shared/config/runtimeConfig.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';

/**
 * The function wired for `attribution.engine: "athena"`, as deployed: its settings from the
 * environment the stack sets, Athena, S3 and DynamoDB through their SDK clients (mocked here).
 */
const athena = mockClient(AthenaClient);
const s3 = mockClient(S3Client);
const dynamo = mockClient(DynamoDBDocumentClient);

const example = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config/example.json'), 'utf8'));
const ENVIRONMENT: Record<string, string> = {
  [ENV.appConfig]: JSON.stringify({ ...example, attribution: { engine: 'athena' } }),
  [ENV.tableName]: 'operational',
  [LAKE_ENV.bucket]: 'lake-bucket',
  [ATHENA_ENV.workGroup]: 'SmsRevenue-analytics',
  [ATHENA_ENV.database]: 'sms_revenue_lake',
  AWS_REGION: 'eu-west-1',
};
const saved = Object.fromEntries(Object.keys(ENVIRONMENT).map((name) => [name, process.env[name]]));

const context = { getRemainingTimeInMillis: () => 900_000, functionName: 'attribution' } as Context;

beforeEach(() => {
  athena.reset();
  s3.reset();
  dynamo.reset();
  Object.assign(process.env, ENVIRONMENT);
  resetAppConfig();
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetAppConfig();
});

describe('Handler: attribution (engine athena)', () => {
  it('runs both UNLOADs in the configured workgroup and database, into the lake bucket’s staging prefix', async () => {
    // Prepare: Athena answers SUCCEEDED; the queries unloaded nothing (no outcome those days).
    athena
      .on(StartQueryExecutionCommand)
      .resolvesOnce({ QueryExecutionId: 'q-credits' })
      .resolvesOnce({ QueryExecutionId: 'q-outcomes' });
    athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => ({
      QueryExecution: {
        QueryExecutionId: input.QueryExecutionId,
        Status: { State: 'SUCCEEDED' },
        Statistics: { DataScannedInBytes: 2_097_152 },
      },
    }));
    s3.on(ListObjectsV2Command).resolves({ Contents: [] });
    s3.on(DeleteObjectsCommand).resolves({});
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(DeleteCommand).resolves({});

    // Act
    const summary = (await handler(
      { from: '2026-11-24', to: '2026-11-25' },
      context,
    )) as AttributionJobSummary;

    // Assess
    expect(summary).toMatchObject({
      engine: 'athena',
      days: ['2026-11-24', '2026-11-25'],
      outcomes: 0,
      queries: [
        { table: 'attribution_credits', queryId: 'q-credits', scannedBytes: 2_097_152 },
        { table: 'pipeline_outcomes', queryId: 'q-outcomes', scannedBytes: 2_097_152 },
      ],
    });
    const starts = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
    expect(starts).toHaveLength(2);
    for (const [n, table] of ['attribution_credits', 'pipeline_outcomes'].entries()) {
      expect(starts[n]).toMatchObject({
        WorkGroup: 'SmsRevenue-analytics',
        QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'sms_revenue_lake' },
      });
      expect(starts[n]!.QueryString).toMatch(/^UNLOAD \(\nWITH\n/);
      expect(starts[n]!.QueryString).toContain(
        `TO 's3://lake-bucket/${STAGING_PREFIX}${summary.runId}/${table}/' WITH (format = 'PARQUET'`,
      );
    }
    // Nothing written from the function itself (no part to copy), the watermark recorded.
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(JSON.stringify(dynamo.commandCalls(PutCommand).map((c) => c.args[0].input))).toContain(
      '2026-11-25',
    );
  });

  it('refuses to run without the lake in S3, where Athena writes', async () => {
    delete process.env[LAKE_ENV.bucket];
    process.env.LAKE_DIR = '/tmp/no-such-lake';
    try {
      await expect(handler({}, context)).rejects.toThrow(
        'attribution engine "athena" needs the lake in S3 (LAKE_BUCKET); use "lambda" here',
      );
    } finally {
      delete process.env.LAKE_DIR;
    }
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it('names the settings the stack sets when they are missing', async () => {
    delete process.env[ATHENA_ENV.workGroup];

    await expect(handler({}, context)).rejects.toThrow(/needs ATHENA_WORKGROUP and ATHENA_DATABASE/);
  });
});
