import { describe, expect, it } from 'vitest';
import { replacePartition } from '../../../shared/lake/partitions.js';
import { liftResultsTable } from '../../../shared/lake/tables/lift_results.js';
import { ltvCohortsTable } from '../../../shared/lake/tables/ltv_cohorts.js';
import { scorecardsTable } from '../../../shared/lake/tables/scorecards.js';
import { reportDataFromLake } from '../../../shared/report/reportFromLake.js';
import { DEFINITIONS, DEFINITIONS_VERSION } from '../../../shared/scorecards/definitions.js';
import { MemoryObjectStore } from '../../support/fakes.js';
import { lakeRow } from '../../support/lakeRow.js';

/**
 * The lake adapter over Parquet written by the real writer: two days of scorecards, lift and
 * LTV rows, read back into ReportData. Every expected figure is a row's value or a ratio of
 * two, worked out in the comments.
 */
const DT = '2026-11-24';
const DAY_BEFORE = '2026-11-23';

const scorecard = (values: Record<string, unknown>) =>
  lakeRow(scorecardsTable, {
    currency: 'USD',
    definitions_version: DEFINITIONS_VERSION,
    attribution_model: 'linear',
    ...values,
  });

/** A campaign or flow row with counts; the rate columns as the job writes them. */
function workflowRow(period: string, level: string, key: string, program: string, recipients: number) {
  return scorecard({
    period,
    level,
    kind: level,
    key,
    category: key === 'onboarding' ? 'onboarding' : 'promotion',
    program_id: program,
    eligible: recipients + 20,
    sends: recipients + 5,
    recipients,
    delivered: recipients - 10,
    unique_clickers: recipients / 10,
    ctr: 0.1,
    repliers: recipients / 20,
    reply_rate: 0.05,
    opt_outs: recipients / 100,
    opt_out_rate: 0.01,
    conversions: recipients / 50,
    converters: recipients / 50,
    revenue_minor: recipients * 300,
    revenue_per_recipient_minor: 300,
    profit_minor: recipients * 120,
    cost_minor: recipients * 40,
    cost_per_outcome_minor: 2000,
    pipeline_influenced_minor: recipients * 1000,
    revenue_influenced_minor: recipients * 500,
    roi_attributed: 2,
  });
}

async function lake(): Promise<MemoryObjectStore> {
  const store = new MemoryObjectStore();
  await replacePartition(
    store,
    scorecardsTable,
    DAY_BEFORE,
    [
      workflowRow('day', 'flow', 'onboarding', 'demo', 100),
      scorecard({
        period: 'day',
        level: 'category',
        key: 'onboarding',
        recipients: 100,
        opt_outs: 2,
        opt_out_rate: 0.02,
      }),
    ],
    'r1',
  );
  await replacePartition(
    store,
    scorecardsTable,
    DT,
    [
      workflowRow('to_date', 'flow', 'onboarding', 'demo', 1000),
      workflowRow('to_date', 'campaign', 'spring-sale', 'demo', 500),
      workflowRow('to_date', 'campaign', 'spring-sale', 'growth', 200),
      workflowRow('28d', 'flow', 'onboarding', 'demo', 900),
      workflowRow('day', 'flow', 'onboarding', 'demo', 200),
      // a step row is not a workflow of the table
      workflowRow('to_date', 'step', 'onboarding#1', 'demo', 1000),
      scorecard({
        period: 'day',
        level: 'category',
        key: 'onboarding',
        recipients: 200,
        opt_outs: 1,
        opt_out_rate: 0.005,
      }),
      scorecard({ period: 'to_date', level: 'fatigue', key: '10+', recipients: 10, opt_out_rate: 0.2 }),
      scorecard({ period: 'to_date', level: 'fatigue', key: '6-9', recipients: 40, opt_out_rate: 0.1 }),
      scorecard({ period: 'to_date', level: 'fatigue', key: '1', recipients: 400, opt_out_rate: 0.01 }),
    ],
    'r1',
  );
  await replacePartition(
    store,
    liftResultsTable,
    DT,
    [
      lakeRow(liftResultsTable, {
        comparison: 'holdout',
        workflow_id: 'onboarding',
        kind: 'flow',
        program_id: 'demo',
        segment_by: 'all',
        treated: 900,
        holdout: 100,
        conv_rate_treated: 0.05,
        conv_rate_holdout: 0.03,
        lift_abs: 0.02,
        lift_abs_ci_low: 0.001,
        lift_abs_ci_high: 0.039,
        p_value: 0.04,
        srm_p_value: 0.0004,
        roi_incremental: 0.3,
        status: 'ok',
        verdict: 'meeting',
        recommendation: 'scale',
      }),
      // the same workflow by segment, and a cross-channel comparison: not the holdout lift
      lakeRow(liftResultsTable, {
        comparison: 'holdout',
        workflow_id: 'onboarding',
        program_id: 'demo',
        segment_by: 'tier',
        segment: 'gold',
        treated: 5,
        status: 'insufficient_data',
      }),
      lakeRow(liftResultsTable, {
        comparison: 'personalized_vs_generic',
        workflow_id: 'onboarding',
        program_id: 'demo',
        segment_by: 'all',
        status: 'ok',
      }),
      lakeRow(liftResultsTable, {
        comparison: 'holdout',
        workflow_id: 'spring-sale',
        program_id: 'growth',
        segment_by: 'all',
        treated: 30,
        holdout: 2,
        status: 'insufficient_data',
        reason: 'fewer than 100 per arm',
      }),
      // configured, but nobody exposed yet: left out of the report
      lakeRow(liftResultsTable, {
        comparison: 'holdout',
        workflow_id: 'q4-webinar',
        program_id: 'growth',
        segment_by: 'all',
        treated: 0,
        holdout: 0,
        status: 'insufficient_data',
        reason: 'an arm has fewer than 30 members',
      }),
    ],
    'r1',
  );
  await replacePartition(
    store,
    ltvCohortsTable,
    DAY_BEFORE,
    [
      lakeRow(ltvCohortsTable, {
        program_id: 'demo',
        cohort_by: 'arm',
        cohort: 'treatment',
        currency: 'USD',
        revenue_per_member_7d_minor: 100,
        revenue_per_member_30d_minor: 400,
        revenue_per_member_90d_minor: 900,
      }),
      lakeRow(ltvCohortsTable, {
        program_id: 'demo',
        cohort_by: 'model',
        cohort: 'treatment_vs_holdout',
        currency: 'USD',
        ltv_value_minor: 50_000,
        ltv_roi: 1.5,
        assumptions: JSON.stringify({ grossMargin: 0.6 }),
      }),
    ],
    'r1',
  );
  return store;
}

describe('Function: reportDataFromLake', () => {
  it('builds the workflow table and funnels from the day’s campaign and flow rows', async () => {
    // Act
    const data = await reportDataFromLake(await lake(), DT, { now: () => new Date('2026-11-25T06:00:00Z') });

    // Assess
    expect(data.period).toBe('to_date');
    expect(data.generatedAt).toBe('2026-11-25T06:00:00.000Z');
    expect(data.categories.map((c) => [c.category, c.workflows.map((w) => w.label)])).toEqual([
      ['onboarding', ['onboarding']],
      // spring-sale runs in two programs: each named with its program
      ['promotion', ['spring-sale (demo)', 'spring-sale (growth)']],
    ]);
    const onboarding = data.categories[0]!.workflows[0]!;
    expect(onboarding).toMatchObject({ key: 'onboarding', kind: 'flow', programId: 'demo', currency: 'USD' });
    // to_date row with 1,000 recipients: eligible 1,020, sends 1,005, delivered 990, clickers 100,
    // repliers 50, conversions 20 (by 20 converters)
    expect(onboarding.funnel).toEqual({
      eligible: 1020,
      sent: 1005,
      delivered: 990,
      clicked: 100,
      replied: 50,
      converted: 20,
    });
    expect(onboarding.totals).toMatchObject({
      recipients: 1000,
      ctr: 0.1,
      conversions: 20,
      revenuePerRecipientMinor: 300,
      profitMinor: 120_000,
      costMinor: 40_000,
      costPerOutcomeMinor: 2000,
      pipelineInfluencedMinor: 1_000_000,
      roiAttributed: 2,
    });
  });

  it('draws trends from the day rows of the window, oldest first', async () => {
    const data = await reportDataFromLake(await lake(), DT);

    const onboarding = data.categories[0]!.workflows[0]!;
    expect(onboarding.trend.map((day) => [day.day, day.conversions])).toEqual([
      [DAY_BEFORE, 2], // 100 / 50
      [DT, 4], // 200 / 50
    ]);
    // spring-sale has no day rows: its days are unknown, not zero
    expect(data.categories[1]!.workflows[0]!.trend.map((day) => day.conversions)).toEqual([null, null]);
    expect(data.optOutTrend).toEqual({
      days: [DAY_BEFORE, DT],
      series: [{ category: 'onboarding', rates: [0.02, 0.005] }],
    });
  });

  it('orders the fatigue curve by messages received, 10+ last', async () => {
    const data = await reportDataFromLake(await lake(), DT);

    expect(data.fatigue.map((point) => [point.messagesLast30d, point.optOutRate])).toEqual([
      ['1', 0.01],
      ['6-9', 0.1],
      ['10+', 0.2],
    ]);
  });

  it('prints the definitions of the version the rows were made under', async () => {
    const data = await reportDataFromLake(await lake(), DT);

    expect(data.definitions).toEqual([{ version: DEFINITIONS_VERSION, text: DEFINITIONS }]);
  });

  it('falls back to the most complete period there is', async () => {
    const data = await reportDataFromLake(await lake(), DT, { period: '7d' });

    // no 7d rows: to_date comes first in the preference
    expect(data.period).toBe('to_date');
    const only28d = await reportDataFromLake(await lake(), DT, { period: '28d' });
    expect(only28d.categories[0]!.workflows[0]!.totals.recipients).toBe(900);
  });

  it('takes each workflow’s holdout lift over all contacts, with attributed ROI from its scorecard', async () => {
    const data = await reportDataFromLake(await lake(), DT);

    expect(data.lift).toHaveLength(2);
    expect(data.lift![0]).toMatchObject({
      label: 'onboarding',
      category: 'onboarding',
      status: 'ok',
      treated: 900,
      holdout: 100,
      liftAbs: 0.02,
      liftAbsCiLow: 0.001,
      liftAbsCiHigh: 0.039,
      srmPValue: 0.0004,
      roiIncremental: 0.3,
      roiAttributed: 2, // lift_results has none: the scorecard's
      verdict: 'meeting',
      recommendation: 'scale',
    });
    expect(data.lift![1]).toMatchObject({
      label: 'spring-sale',
      programId: 'growth',
      category: 'promotion',
      status: 'insufficient_data',
      reason: 'fewer than 100 per arm',
    });
  });

  it('reads the latest LTV partition on or before the day: curves per cohort and the model', async () => {
    const data = await reportDataFromLake(await lake(), DT);

    expect(data.ltv?.curves).toEqual([
      {
        cohort: 'treatment',
        points: [
          { days: 7, valueMinor: 100 },
          { days: 14, valueMinor: null },
          { days: 30, valueMinor: 400 },
          { days: 60, valueMinor: null },
          { days: 90, valueMinor: 900 },
        ],
      },
    ]);
    expect(data.ltv?.models[0]).toMatchObject({
      programId: 'demo',
      ltvRoi: 1.5,
      assumptions: { grossMargin: 0.6 },
    });
    expect(data.ltv?.models[0]?.terms.find((term) => term.name === 'total LTV value')?.valueMinor).toBe(
      50_000,
    );
  });

  it('leaves the issue-7 sections out before the holdouts job has run', async () => {
    const store = new MemoryObjectStore();
    await replacePartition(
      store,
      scorecardsTable,
      DT,
      [workflowRow('to_date', 'flow', 'onboarding', 'demo', 100)],
      'r1',
    );

    const data = await reportDataFromLake(store, DT);

    expect(data.categories).toHaveLength(1);
    expect(data.lift).toBeUndefined();
    expect(data.ltv).toBeUndefined();
  });

  it('never reads a partition after the report’s day', async () => {
    const store = await lake();
    await replacePartition(
      store,
      scorecardsTable,
      '2026-11-25',
      [workflowRow('to_date', 'flow', 'late', 'demo', 100)],
      'r1',
    );

    const data = await reportDataFromLake(store, DT);

    expect(data.categories.flatMap((c) => c.workflows.map((w) => w.key))).not.toContain('late');
  });
});
