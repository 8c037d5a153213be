import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config/programConfig.js';
import { runHoldoutsJob } from '../../shared/incrementality/job/holdoutsJob.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import { eventsTable } from '../../shared/lake/tables/events.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import { pipelineOutcomesTable } from '../../shared/lake/tables/pipeline_outcomes.js';
import { sendDecisionsTable } from '../../shared/lake/tables/send_decisions.js';
import { writeByDay } from '../support/holdoutLake.js';
import { holdoutWorld } from '../support/holdoutWorld.js';
import { lakeDuckdb, tempLakeDir } from '../support/lakeReader.js';
import { lakeRow } from '../support/lakeRow.js';

/**
 * The holdouts job over a lake written with the real writer (replacePartition), read back with
 * DuckDB: the lift rows agree with the cohorts they were computed from, incremental ROI sits
 * beside the scorecards' attributed ROI, and a rerun replaces the day instead of adding to it.
 */
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

const DT = '2026-10-31';
const WORLD = {
  seed: 5,
  contacts: 3000,
  holdoutRate: 0.2,
  baseRate: 0.1,
  lift: 0.05,
  start: '2026-10-01',
  days: 20,
  windowDays: 7,
  preOrderRate: 0.3,
};
const CONFIG = parseConfig({
  version: 1,
  programs: {
    world: {
      name: 'World',
      from: '+14155550100',
      consent: { required: 'opt_in', scope: 'all' },
      helpText: 'World: help at example.com',
      holdout: { rate: WORLD.holdoutRate, salt: `world-${WORLD.seed}` },
      workflows: {
        'win-back': { category: 'win_back', goal: { primaryOutcome: 'order', successThreshold: 0.01 } },
      },
    },
  },
  fees: { currency: 'USD' },
  incrementality: { windowDays: WORLD.windowDays, bootstrapResamples: 200 },
  ltv: {
    grossMargin: 0.4,
    acvMinor: 100_000,
    hoursSavedPerTreatedMember: 0.1,
    costToServePerHourMinor: 3000,
  },
});

async function worldLake() {
  const dir = tempLakeDir('holdouts-job-');
  dirs.push(dir);
  const store = new LocalObjectStore(dir.dir);
  const world = holdoutWorld(WORLD);
  await writeByDay(
    store,
    sendDecisionsTable,
    world.inputs.exposures.map((e, i) => ({
      at: e.at,
      row: lakeRow(sendDecisionsTable, {
        event_id: `evt_send_${i}`,
        decided_at: new Date(e.at),
        decision: e.arm === 'treatment' ? 'allow' : 'suppress',
        reason: e.arm === 'treatment' ? null : 'holdout',
        contact_id: e.memberKey,
        program_id: 'world',
        kind: 'flow',
        workflow_id: e.unit.id,
        step: 0,
        variant: e.variant,
        channel: 'sms',
      }),
    })),
  );
  await writeByDay(
    store,
    pipelineOutcomesTable,
    world.inputs.outcomes.map((o, i) => ({
      at: o.at,
      row: lakeRow(pipelineOutcomesTable, {
        outcome_id: world.outcomeIds[i],
        outcome_type: 'order',
        source_event_type: 'order.placed',
        source: 'shopify',
        occurred_at: new Date(o.at),
        contact_id: o.memberKey,
        level: 'contact',
        amount_minor: BigInt(o.amountMinor),
        currency: 'USD',
        rules_version: 'rules-2026.1',
      }),
    })),
  );
  await writeByDay(
    store,
    eventsTable,
    world.inputs.outcomes.map((o, i) => ({
      at: o.at,
      row: lakeRow(eventsTable, {
        event_id: world.outcomeIds[i],
        type: 'order.placed',
        v: 1,
        source: 'shopify',
        vendor_ref: `order-${i}`,
        occurred_at: new Date(o.at),
        received_at: new Date(o.at),
        contact_id: o.memberKey,
        amount_minor: BigInt(o.amountMinor),
        currency: 'USD',
        attributes: JSON.stringify({
          marginMinor: world.margins.get(world.outcomeIds[i]!),
          discountMinor: 0,
        }),
      }),
    })),
  );
  // The scorecards job's answer for the flow: its cost to date and attributed ROI.
  const scorecards = LAKE_TABLES.find((t) => t.name === 'scorecards');
  if (scorecards) {
    await replacePartition(
      store,
      scorecards,
      DT,
      [
        lakeRow(scorecards, {
          period: 'to_date',
          level: 'flow',
          kind: 'flow',
          key: 'win-back',
          program_id: 'world',
          cost_minor: 50_000n,
          roi_attributed: 3.25,
          currency: 'USD',
        }),
      ],
      'fixture',
    );
  }
  return { root: dir.dir, store, world, hasScorecards: scorecards !== undefined };
}

describe('Job: holdouts', () => {
  it('writes lift_results that agree with holdout_cohorts, beside attributed ROI, and reruns idempotently', async () => {
    // Prepare
    const { root, store, world, hasScorecards } = await worldLake();
    const lines: string[] = [];

    // Act
    const summary = await runHoldoutsJob(
      { store, now: () => new Date('2026-11-01T06:00:00Z'), progress: (line) => lines.push(line) },
      { to: DT, config: CONFIG },
    );

    // Assess
    expect(summary.days).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('holdouts 2026-10-31:'))).toBe(true);
    const db = await lakeDuckdb(root, LAKE_TABLES);
    try {
      const [lift] = await db.rows(
        "SELECT * FROM lift_results WHERE comparison = 'holdout' AND workflow_id = 'win-back'",
      );
      expect(lift).toBeDefined();
      expect(Number(lift!.treated)).toBe(world.truth.treated);
      expect(Number(lift!.holdout)).toBe(world.truth.holdout);
      // The cohorts recompute the rates in SQL.
      const arms = await db.rows(
        'SELECT arm, avg(CASE WHEN converted THEN 1 ELSE 0 END) AS rate, avg(profit_minor) AS profit FROM holdout_cohorts GROUP BY arm',
      );
      const rate = Object.fromEntries(arms.map((r) => [r.arm, Number(r.rate)]));
      const profit = Object.fromEntries(arms.map((r) => [r.arm, Number(r.profit)]));
      expect(Number(lift!.conv_rate_treated)).toBeCloseTo(rate.treatment!, 12);
      expect(Number(lift!.conv_rate_holdout)).toBeCloseTo(rate.holdout!, 12);
      expect(Number(lift!.lift_abs)).toBeCloseTo(rate.treatment! - rate.holdout!, 12);
      expect(Number(lift!.profit_lift_minor)).toBeCloseTo(profit.treatment! - profit.holdout!, 6);
      // Profit came from the orders' margins (40%), not the default margin (100%).
      const [margin] = await db.rows(
        'SELECT sum(profit_minor)::DOUBLE / sum(revenue_minor)::DOUBLE AS share FROM holdout_cohorts WHERE converted',
      );
      expect(Number(margin!.share)).toBeCloseTo(0.4, 3);
      expect(lift!.status).toBe('ok');
      expect(Number(lift!.lift_abs_ci_low)).toBeLessThanOrEqual(WORLD.lift);
      expect(Number(lift!.lift_abs_ci_high)).toBeGreaterThanOrEqual(WORLD.lift);
      expect(['meeting', 'missing', 'undecided']).toContain(lift!.verdict);
      expect(['scale', 'keep', 'retire']).toContain(lift!.recommendation);
      if (hasScorecards) {
        expect(Number(lift!.program_cost_minor)).toBe(50_000);
        expect(Number(lift!.roi_attributed)).toBe(3.25);
        expect(Number(lift!.roi_incremental)).toBeCloseTo(
          (Number(lift!.incremental_profit_minor) - 50_000) / 50_000,
          9,
        );
      }
      const comparisons = await db.countsBy('lift_results', 'comparison');
      expect(comparisons.personalized_vs_generic).toBeGreaterThan(0);
      const ltv = await db.rows(
        "SELECT cohort, members FROM ltv_cohorts WHERE cohort_by = 'arm' ORDER BY cohort",
      );
      expect(ltv.map((r) => [r.cohort, Number(r.members)])).toEqual([
        ['holdout', world.truth.holdout],
        ['treatment', world.truth.treated],
      ]);

      // Rerun: the day is replaced, not added to.
      const before = await db.rows('SELECT * FROM lift_results ORDER BY ALL');
      const cohortsBefore = await db.rows('SELECT count(*) AS n FROM holdout_cohorts');
      await runHoldoutsJob(
        { store, now: () => new Date('2026-11-01T07:00:00Z') },
        { to: DT, config: CONFIG },
      );
      await db.refresh();
      expect(await db.rows('SELECT * FROM lift_results ORDER BY ALL')).toEqual(before);
      expect(await db.rows('SELECT count(*) AS n FROM holdout_cohorts')).toEqual(cohortsBefore);
    } finally {
      db.close();
    }
  });
});
