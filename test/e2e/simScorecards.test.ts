import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyPipeline } from '../../infra/local/dailyPipeline.js';
import type { LocalStack } from '../../infra/local/localStack.js';
import type { SimRunSummary } from '../../infra/local/simulator/world/runWorld.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import { EMAIL_PROGRAM } from '../../shared/sim/index.js';
import type { CountTruth } from '../../shared/sim/truth.js';
import { lakeDuckdb } from '../support/lakeReader.js';
import { type SimulatedStack, startSimulatedStack } from '../support/simulatedStack.js';

/**
 * Issue 6's reconciliation: a small simulated world through the public doors, then the daily
 * jobs as `npm start` runs them (lake export, attribution, scorecards, holdouts, report), and the
 * scorecards' to-date rows per campaign, flow, step and variant equal the truth file's counts
 * exactly: sends, deliveries, unique human clickers (bots excluded) and opt-outs. A third of the
 * replies, STOPs and outcome webhooks are posted twice; no count moves.
 */
let sim: SimulatedStack;
let stack: LocalStack;
let run: SimRunSummary;
let db: Awaited<ReturnType<typeof lakeDuckdb>>;
let lastDay: string;

const day = (at: string | number) => new Date(at).toISOString().slice(0, 10);

type Counts = Pick<CountTruth, 'sends' | 'deliveries' | 'uniqueHumanClickers' | 'optOuts'>;
const counted = (c: Counts) => ({
  sends: c.sends,
  deliveries: c.deliveries,
  uniqueHumanClickers: c.uniqueHumanClickers,
  optOuts: c.optOuts,
});

/** The scorecards' to-date counts on the last day, by key, for the given levels. */
async function scorecardCounts(levels: string[]): Promise<Record<string, Counts>> {
  // The email digest is scored too, but the truth counts the SMS the world sent.
  const rows = await db.rows(`
    SELECT key, sends, delivered, unique_clickers, opt_outs FROM scorecards
    WHERE dt = '${lastDay}' AND period = 'to_date' AND level IN (${levels.map((l) => `'${l}'`).join(', ')})
      AND coalesce(parent_key, key) <> '${EMAIL_PROGRAM.campaignId}'`);
  return Object.fromEntries(
    rows.map((r) => [
      String(r.key),
      {
        sends: Number(r.sends),
        deliveries: Number(r.delivered),
        uniqueHumanClickers: Number(r.unique_clickers),
        optOuts: Number(r.opt_outs),
      },
    ]),
  );
}

/** Truth entries that saw at least one send (a scorecard row exists only for those). */
function withSends(entries: [string, Counts][]): Record<string, Counts> {
  return Object.fromEntries(entries.filter(([, c]) => c.sends > 0).map(([key, c]) => [key, counted(c)]));
}

beforeAll(async () => {
  sim = await startSimulatedStack('sim-scorecards-', {
    seed: 'e2e-scorecards-1',
    contacts: 150,
    days: 6,
    duplicateRate: 0.35,
  });
  ({ stack, run } = sim);
  lastDay = day(Date.now());
  await runDailyPipeline({ from: day(run.start), to: lastDay }, () => {}, { progress: false });
  db = await lakeDuckdb(join(sim.dir, 'lake-bucket'), LAKE_TABLES);
}, 180_000);

afterAll(async () => {
  db?.close();
  await sim?.close();
});

describe('E2E: scorecards of a simulated world reconcile with its truth', () => {
  it('ran the world cleanly, with duplicates, clicks by bots and opt-outs to reconcile', () => {
    expect(run.errors).toEqual([]);
    expect(stack.failures).toEqual({ processEvents: 0, send: 0 });
    const { totals } = run.truth;
    expect(totals.duplicatePosts).toBeGreaterThan(0);
    expect(totals.botClicks).toBeGreaterThan(0);
    expect(totals.uniqueHumanClickers).toBeGreaterThan(0);
    expect(totals.optOuts).toBeGreaterThan(0);
  });

  it('counts each campaign and flow as the truth does', async () => {
    const truth = withSends(Object.values(run.truth.workflows).map((w) => [w.workflowId, w]));
    expect(Object.keys(truth).length).toBeGreaterThan(3);

    expect(await scorecardCounts(['campaign', 'flow'])).toEqual(truth);
  });

  it('counts each flow step and each variant as the truth does', async () => {
    const workflows = Object.values(run.truth.workflows);
    const steps = withSends(
      workflows
        .filter((w) => w.kind === 'flow')
        .flatMap((w) =>
          Object.entries(w.steps).map(([step, c]): [string, Counts] => [`${w.workflowId}#${step}`, c]),
        ),
    );
    const variants = withSends(
      workflows.flatMap((w) =>
        Object.entries(w.variants).map(([variant, c]): [string, Counts] => [`${w.workflowId}:${variant}`, c]),
      ),
    );

    expect(await scorecardCounts(['step'])).toEqual(steps);
    expect(await scorecardCounts(['variant'])).toEqual(variants);
  });

  it('writes the holdout cohorts, the lift results and the report for the same days', async () => {
    const [cohorts] = await db.rows('SELECT count(*) AS n FROM holdout_cohorts');
    const [lift] = await db.rows(`SELECT count(*) AS n FROM lift_results WHERE dt = '${lastDay}'`);
    expect(Number(cohorts?.n)).toBeGreaterThan(0);
    expect(Number(lift?.n)).toBeGreaterThan(0);
  });
});
