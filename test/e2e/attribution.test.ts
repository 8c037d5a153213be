import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../infra/local/demo.js';
import { localContext } from '../../infra/local/localApi.js';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack.js';
import { planAttribution } from '../../shared/attribution/job/plan.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../shared/attribution/rules.js';
import { firstDifference, lakeRows, twinRows } from '../support/attributionCompare.js';
import { twinDuckdb } from '../support/duckdbTwin.js';
import { tempLakeDir } from '../support/lakeReader.js';

/**
 * The "done when", in-process: after the local demo, the lake export and then the
 * attribution job (the handlers `npm run job -- lake-export` and `npm run job -- attribution`
 * run) leave an attribution_credits table where `SELECT model, sum(credit) … GROUP BY 1`
 * answers every model, each influenced outcome's credits summing to 1 per model.
 */
let stack: LocalStack;
let data: ReturnType<typeof tempLakeDir>;
let savedDataDir: string | undefined;
let lakeRoot: string;

type Handler = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;
const JOBS = {
  lakeExport: () => import('../../functions/schedule/lake-export.js'),
  attribution: () => import('../../functions/schedule/attribution.js'),
};
async function runJob(name: keyof typeof JOBS, event: unknown = {}) {
  const { handler } = (await JOBS[name]()) as { handler: Handler };
  return handler(event, localContext(name));
}

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  data = tempLakeDir('attribution-e2e-');
  lakeRoot = join(data.dir, 'lake-bucket');
  savedDataDir = process.env.DATA_DIR;
  // Only this test's explicit runs write the lake: the stack's own timer must not race them.
  stack = await startLocalStack({ port: 0, dataDir: data.dir, scheduleEveryMs: 3_600_000 });
  const demo = await runDemo(stack);
  expect(demo.failures).toEqual([]);
  await stack.settle();
  process.env.DATA_DIR = data.dir;
  await runJob('lakeExport', { progress: false });
});
afterAll(async () => {
  await stack.stop();
  if (savedDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = savedDataDir;
  data.remove();
});

describe('E2E: attribution after the local demo', () => {
  it('credits the demo’s outcomes under every model, each outcome’s credits summing to 1', async () => {
    // Act
    const summary = await runJob('attribution', { progress: false });

    // Assess: the demo's texts and emails reach a lead, two new opportunities, a meeting and a stage change.
    expect(summary.skipped).toBeUndefined();
    expect(summary.influenced).toBeGreaterThanOrEqual(3);
    const db = await twinDuckdb(lakeRoot);
    try {
      const byModel = await db.rows(
        'SELECT model, sum(credit) AS credit, count(DISTINCT outcome_id) AS outcomes FROM attribution_credits GROUP BY 1 ORDER BY 1',
      );
      expect(byModel.map((row) => row.model)).toEqual([
        'first_touch',
        'last_touch',
        'linear',
        'position_based',
        'time_decay',
        'w_shaped',
      ]);
      for (const row of byModel) {
        expect(Number(row.outcomes)).toBe(summary.influenced);
        expect(Math.abs((row.credit as number) - (summary.influenced as number))).toBeLessThan(1e-9);
      }
      const perOutcome = await db.rows(
        'SELECT outcome_id, model, sum(credit) AS credit FROM attribution_credits GROUP BY 1, 2',
      );
      expect(perOutcome.length).toBe(6 * (summary.influenced as number));
      for (const row of perOutcome) expect(Math.abs((row.credit as number) - 1)).toBeLessThan(1e-12);
      const influenced = await db.rows('SELECT count(*) AS n FROM pipeline_outcomes WHERE influenced');
      expect(Number(influenced[0]!.n)).toBe(summary.influenced);
    } finally {
      db.close();
    }
  });

  it('agrees row for row with the SQL twin on the demo lake', async () => {
    const summary = await runJob('attribution', {});
    const plan = planAttribution(
      DEFAULT_ATTRIBUTION_RULES,
      { from: summary.from as string, to: summary.to as string },
      new Date(),
    );
    const db = await twinDuckdb(lakeRoot);
    try {
      const twin = await twinRows(db, plan);
      expect(twin.attribution_credits.length).toBeGreaterThan(0);
      expect(
        firstDifference(await lakeRows(db, 'attribution_credits'), twin.attribution_credits),
      ).toBeUndefined();
      expect(
        firstDifference(await lakeRows(db, 'pipeline_outcomes'), twin.pipeline_outcomes),
      ).toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('changes no row when it runs again', async () => {
    const db = await twinDuckdb(lakeRoot);
    const before = await lakeRows(db, 'attribution_credits');

    await runJob('attribution', {});

    expect(await lakeRows(db, 'attribution_credits')).toEqual(before);
    db.close();
  });
});
