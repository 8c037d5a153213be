import type { ReportData, WorkflowReport } from '../../../shared/report/reportData.js';

/**
 * A report of two categories, three workflows, 5 days of trends, a fatigue curve, lift of three
 * workflows (one insufficient, one with a suspect split) and LTV curves: every chart kind, with
 * figures small enough to check by hand.
 */
const DAYS = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24'];

function workflow(
  key: string,
  kind: WorkflowReport['kind'],
  category: string,
  scale: number,
  roi: number | null,
): WorkflowReport {
  const recipients = 1000 * scale;
  return {
    key,
    programId: 'demo',
    label: key,
    kind,
    category,
    currency: 'USD',
    totals: {
      recipients,
      ctr: 0.12,
      replyRate: 0.05,
      optOutRate: 0.01,
      conversions: 40 * scale,
      revenuePerRecipientMinor: 250,
      profitMinor: 90_000 * scale,
      costMinor: 40_000 * scale,
      costPerOutcomeMinor: 1000,
      pipelineInfluencedMinor: 1_500_000 * scale,
      revenueInfluencedMinor: 600_000 * scale,
      roiAttributed: roi,
    },
    funnel: {
      eligible: 1100 * scale,
      sent: recipients,
      delivered: 960 * scale,
      clicked: 120 * scale,
      replied: 50 * scale,
      converted: 40 * scale,
    },
    trend: DAYS.map((day, i) => ({
      day,
      ctr: 0.1 + i * 0.01,
      replyRate: 0.04 + i * 0.005,
      optOutRate: i === 2 ? null : 0.01,
      conversions: (i + 1) * scale,
    })),
  };
}

export const WORKFLOW_COUNT = 3;
export const TREND_DAYS = DAYS.length;

export function reportFixture(): ReportData {
  return {
    dt: '2026-11-24',
    generatedAt: '2026-11-25T06:00:00.000Z',
    period: 'to_date',
    categories: [
      {
        category: 'onboarding',
        workflows: [workflow('onboarding', 'flow', 'onboarding', 2, 1.25)],
      },
      {
        category: 'renewal',
        workflows: [
          workflow('renewal-reminder', 'flow', 'renewal', 1, 0.5),
          workflow('renewal-promo', 'campaign', 'renewal', 1, -0.4),
        ],
      },
    ],
    optOutTrend: {
      days: DAYS,
      series: [
        { category: 'onboarding', rates: [0.01, 0.012, 0.011, 0.009, 0.01] },
        { category: 'renewal', rates: [0.02, 0.018, null, 0.021, 0.019] },
      ],
    },
    fatigue: [
      { messagesLast30d: '1', recipients: 500, optOutRate: 0.004 },
      { messagesLast30d: '2', recipients: 300, optOutRate: 0.008 },
      { messagesLast30d: '3', recipients: 150, optOutRate: 0.015 },
      { messagesLast30d: '6-9', recipients: 40, optOutRate: 0.05 },
    ],
    definitions: [
      { version: 'scorecards-2026.1', text: 'CTR: unique human clickers / recipients.\nReply rate: …' },
    ],
    lift: [
      liftRow('onboarding', 'onboarding', 0.03, 0.01, 0.05, 0.8, 1.25, 0.4),
      liftRow('renewal-reminder', 'renewal', -0.01, -0.03, 0.01, -0.2, 0.5, 0.00001),
      {
        ...liftRow('renewal-promo', 'renewal', null, null, null, null, -0.4, 0.6),
        status: 'insufficient_data',
      },
    ],
    ltv: {
      metric: 'cumulative revenue per member after first exposure',
      currency: 'USD',
      curves: [
        { cohort: 'holdout', points: [7, 14, 30, 60, 90].map((days) => ({ days, valueMinor: days * 10 })) },
        { cohort: 'treatment', points: [7, 14, 30, 60, 90].map((days) => ({ days, valueMinor: days * 12 })) },
      ],
      models: [
        {
          programId: 'demo',
          terms: [
            { name: 'reduced churn', valueMinor: 120_000 },
            { name: 'total LTV value', valueMinor: 300_000 },
          ],
          programCostMinor: 100_000,
          ltvRoi: 2,
          assumptions: { grossMargin: 0.6, acvMinor: 120_000 },
        },
      ],
    },
  };
}

function liftRow(
  workflowId: string,
  category: string,
  lift: number | null,
  low: number | null,
  high: number | null,
  roiIncremental: number | null,
  roiAttributed: number | null,
  srmPValue: number,
): NonNullable<ReportData['lift']>[number] {
  return {
    workflowId,
    programId: 'demo',
    label: workflowId,
    category,
    status: 'ok',
    treated: 900,
    holdout: 100,
    convRateTreated: 0.05,
    convRateHoldout: lift === null ? null : 0.05 - lift,
    liftAbs: lift,
    liftAbsCiLow: low,
    liftAbsCiHigh: high,
    pValue: 0.03,
    srmPValue,
    roiIncremental,
    roiIncrementalCiLow: roiIncremental === null ? null : roiIncremental - 0.5,
    roiIncrementalCiHigh: roiIncremental === null ? null : roiIncremental + 0.5,
    roiAttributed,
    verdict: 'meeting',
    recommendation: 'scale',
    reason: null,
  };
}
