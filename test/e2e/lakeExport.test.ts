import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../infra/local/demo.js';
import { localContext } from '../../infra/local/localApi.js';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack.js';
import { EXPORTED_TABLES } from '../../shared/lake/export/rowsFor.js';
import { lakeDuckdb, RAW_EMAIL, RAW_PHONE, stringsInParquet, tempLakeDir } from '../support/lakeReader.js';

/**
 * The "done when", in-process: after the local demo, the lake-export job (the handler
 * `npm run job -- lake-export` runs) writes an events table whose counts per type are the
 * events the stack stored, with no raw phone number or email, and a rerun changes no count.
 */
let stack: LocalStack;
let data: ReturnType<typeof tempLakeDir>;
let savedDataDir: string | undefined;

type Handler = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
async function runJob(event: unknown = {}): Promise<Record<string, unknown>> {
  const { handler } = (await import('../../functions/schedule/lake-export.js')) as { handler: Handler };
  return handler(event, localContext('lakeExport'));
}

/** Event types as stored in DynamoDB (every EVT# item), counted. */
async function storedTypes(): Promise<Record<string, number>> {
  const dynamo = new DynamoDBClient({});
  const counts: Record<string, number> = {};
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: stack.cloud.tableName,
        FilterExpression: 'begins_with(pk, :evt)',
        ExpressionAttributeValues: { ':evt': { S: 'EVT#' } },
        ProjectionExpression: '#type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExclusiveStartKey: cursor as never,
      }),
    );
    for (const item of page.Items ?? []) {
      const type = item.type?.S ?? '?';
      counts[type] = (counts[type] ?? 0) + 1;
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  dynamo.destroy();
  return counts;
}

async function eventsByType(): Promise<Record<string, number>> {
  const db = await lakeDuckdb(join(data.dir, 'lake-bucket'), EXPORTED_TABLES);
  try {
    return await db.countsBy('events', 'type');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  data = tempLakeDir('lake-e2e-');
  savedDataDir = process.env.DATA_DIR;
  // Only this test's explicit runs export: the stack's own timer must not race them.
  stack = await startLocalStack({ port: 0, dataDir: data.dir, scheduleEveryMs: 3_600_000 });
  const demo = await runDemo(stack);
  expect(demo.failures).toEqual([]);
  await stack.settle();
});
afterAll(async () => {
  await stack.stop();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  data.remove();
});

describe('E2E: lake export after the local demo', () => {
  it('skips, writing nothing, in a process that names no lake location', async () => {
    delete process.env.DATA_DIR;
    delete process.env.LAKE_DIR;

    expect(await runJob()).toEqual({ skipped: 'no lake configured' });
  });

  it('exports the demo: events per type in the lake equal the events stored', async () => {
    // Prepare: what `npm run job` sets.
    process.env.DATA_DIR = data.dir;
    const stored = await storedTypes();

    // Act
    const summary = await runJob({ progress: false });

    // Assess
    expect(summary.skipped).toBeUndefined();
    expect(summary.events).toBe(Object.values(stored).reduce((a, b) => a + b, 0));
    expect(await eventsByType()).toEqual(stored);
    expect(Object.keys(stored)).toEqual(
      expect.arrayContaining(['message.received', 'message.sent', 'order.placed']),
    );
  });

  it('holds no raw phone number or email in any Parquet file', async () => {
    const strings = await stringsInParquet(join(data.dir, 'lake-bucket'));

    expect(strings.length).toBeGreaterThan(100);
    expect(strings.filter(({ value }) => RAW_PHONE.test(value) || RAW_EMAIL.test(value))).toEqual([]);
  });

  it('changes no count when it runs again', async () => {
    const before = await eventsByType();

    await runJob({});

    expect(await eventsByType()).toEqual(before);
  });
});
