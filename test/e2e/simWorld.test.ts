import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localContext } from '../../infra/local/localApi.js';
import type { LocalStack } from '../../infra/local/localStack.js';
import type { SimRunSummary } from '../../infra/local/simulator/world/runWorld.js';
import { EXPORTED_TABLES } from '../../shared/lake/export/rowsFor.js';
import { isSimulatedTime } from '../../shared/runtime/clock.js';
import type { TruthFile } from '../../shared/sim/truth.js';
import { lakeDuckdb } from '../support/lakeReader.js';
import { type SimulatedStack, startSimulatedStack } from '../support/simulatedStack.js';

/**
 * The reconciliation, end to end: a tiny simulated world (60 contacts, 5 days) runs
 * through the local stack's public doors only, the lake export job writes the events, and
 * DuckDB over the Parquet counts, per workflow, exactly what the truth file says the stack
 * answered: sends, deliveries, failures, unique human clickers, bot clicks and opt-outs (credited
 * to the contact's last message before the STOP). A third of the replies, STOPs and outcome
 * webhooks are posted twice; the lake holds each fact once.
 */
let sim: SimulatedStack;
let stack: LocalStack;
let run: SimRunSummary;
let db: Awaited<ReturnType<typeof lakeDuckdb>>;

type Handler = (event: unknown, context: unknown) => Promise<Record<string, unknown>>;

const WORKFLOW = 'coalesce(workflow_id, campaign_id)';

/** `{ workflow: n }` from a query selecting `w` and `n`. */
async function perWorkflow(sql: string): Promise<Record<string, number>> {
  const rows = await db.rows(sql);
  return Object.fromEntries(rows.map((r) => [String(r.w), Number(r.n)]));
}

/** The truth's per-workflow figure, leaving out zeros (the lake has no row for them). */
function truthOf(
  truth: TruthFile,
  field: 'sends' | 'deliveries' | 'failures' | 'uniqueHumanClickers' | 'botClicks' | 'optOuts',
) {
  return Object.fromEntries(
    Object.values(truth.workflows)
      .filter((w) => w[field] > 0)
      .map((w) => [w.workflowId, w[field]]),
  );
}

beforeAll(async () => {
  sim = await startSimulatedStack('sim-e2e-', {
    seed: 'e2e-sim-1',
    contacts: 60,
    days: 5,
    duplicateRate: 0.35,
  });
  ({ stack, run } = sim);
  const { handler } = (await import('../../functions/schedule/lake-export.js')) as { handler: Handler };
  await handler({ progress: false }, localContext('lakeExport'));
  db = await lakeDuckdb(join(sim.dir, 'lake-bucket'), EXPORTED_TABLES);
}, 120_000);

afterAll(async () => {
  db?.close();
  await sim?.close();
});

describe('E2E: the simulated world reconciles with the lake', () => {
  it('drove the stack without a refusal or a failed worker, and gave the clock back', () => {
    expect(run.errors).toEqual([]);
    expect(run.refused).toBe(0);
    expect(stack.failures).toEqual({ processEvents: 0, send: 0 });
    expect(isSimulatedTime()).toBe(false);
    // The world exercised every count the later tests reconcile (none is vacuously zero).
    const { totals } = run.truth;
    expect(totals.sends).toBeGreaterThan(50);
    expect(totals.duplicatePosts).toBeGreaterThan(0);
    expect(totals.failures).toBeGreaterThan(0);
    expect(totals.uniqueHumanClickers).toBeGreaterThan(0);
    expect(totals.botClicks).toBeGreaterThan(0);
    expect(totals.optOuts).toBeGreaterThan(0);
    expect(totals.suppressed.holdout).toBeGreaterThan(0);
  });

  it('writes DATA_DIR/sim/truth.json with the seed and every workflow', () => {
    const file = JSON.parse(readFileSync(join(sim.dir, 'sim', 'truth.json'), 'utf8')) as TruthFile;

    expect(file).toEqual(run.truth);
    expect(file.seed).toBe('e2e-sim-1');
    expect(Object.keys(file.workflows)).toEqual(
      expect.arrayContaining(['cart-recovery', 'renewal-notice', 'come-back-offer', 'digest-text']),
    );
    expect(file.workflows['cart-recovery']).toMatchObject({
      kind: 'flow',
      category: 'cart_recovery',
      programId: 'commerce',
    });
  });

  it('counts sends, deliveries and failures per workflow exactly as the truth', async () => {
    const count = (type: string) =>
      perWorkflow(
        `SELECT ${WORKFLOW} AS w, count(*) AS n FROM events WHERE type = '${type}' AND ${WORKFLOW} IS NOT NULL GROUP BY 1`,
      );

    expect(await count('message.sent')).toEqual(truthOf(run.truth, 'sends'));
    expect(await count('message.delivered')).toEqual(truthOf(run.truth, 'deliveries'));
    expect(await count('message.failed')).toEqual(truthOf(run.truth, 'failures'));
  });

  it('counts unique human clickers and bot clicks per workflow exactly as the truth', async () => {
    const clicks = (bot: boolean, measure: string) =>
      perWorkflow(
        `SELECT ${WORKFLOW} AS w, ${measure} AS n FROM events
         WHERE type = 'message.clicked' AND json_extract_string(attributes, '$.bot') = '${bot}' GROUP BY 1`,
      );

    expect(await clicks(false, 'count(DISTINCT phone_hash)')).toEqual(
      truthOf(run.truth, 'uniqueHumanClickers'),
    );
    expect(await clicks(true, 'count(*)')).toEqual(truthOf(run.truth, 'botClicks'));
  });

  it("credits each opt-out to the workflow of the contact's last message before it", async () => {
    const optOuts = await perWorkflow(`
      WITH stops AS (
        SELECT phone_hash, occurred_at FROM events
        WHERE type = 'consent.changed' AND channel = 'sms' AND json_extract_string(attributes, '$.status') = 'opted_out'
      ), sent AS (
        SELECT phone_hash, occurred_at, ${WORKFLOW} AS w FROM events
        WHERE type = 'message.sent' AND ${WORKFLOW} IS NOT NULL
      ), credited AS (
        SELECT s.phone_hash, s.occurred_at, arg_max(sent.w, sent.occurred_at) AS w
        FROM stops s JOIN sent ON sent.phone_hash = s.phone_hash AND sent.occurred_at < s.occurred_at
        GROUP BY 1, 2
      )
      SELECT w, count(*) AS n FROM credited GROUP BY 1`);

    expect(optOuts).toEqual(truthOf(run.truth, 'optOuts'));
  });

  it('holds each reposted webhook once: inbound messages and outcomes equal what the world posted', async () => {
    const [inbound] = await db.rows(
      `SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM events WHERE type = 'message.received'`,
    );
    const totals = run.truth.totals;
    // Every reply and every STOP is one inbound message, however often it was posted.
    expect(Number(inbound?.n)).toBe(totals.replies + totals.optOuts);
    expect(Number(inbound?.ids)).toBe(Number(inbound?.n));
    const conversions = Object.values(run.truth.workflows).reduce(
      (sum, w) => sum + w.arms.treated.conversions + w.arms.holdout.conversions,
      0,
    );
    const [outcomes] = await db.rows(
      `SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM events WHERE vendor_ref LIKE '%:outcome'`,
    );
    expect(Number(outcomes?.n)).toBe(totals.outcomeEvents);
    expect(Number(outcomes?.ids)).toBe(totals.outcomeEvents);
    // Every conversion of a treated or held-out contact is one of them.
    expect(conversions).toBeLessThanOrEqual(totals.outcomeEvents);
    expect(conversions).toBeGreaterThan(0);
  });

  it('puts every held-out contact in the holdout and never sends to one', async () => {
    const [ghosts] = await db.rows(
      `SELECT count(*) AS n FROM events WHERE type = 'send.suppressed' AND json_extract_string(attributes, '$.reason') = 'holdout'`,
    );
    const holdoutSuppressions = Object.values(run.truth.workflows).reduce(
      (sum, w) => sum + (w.suppressed.holdout ?? 0),
      0,
    );
    expect(Number(ghosts?.n)).toBe(holdoutSuppressions);
  });
});
