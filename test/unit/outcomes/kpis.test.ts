import { describe, expect, it } from 'vitest';
import type { OutcomeKpiConfig } from '../../../shared/outcomes/config.js';
import {
  channelMix,
  computeOutcomeKpis,
  nextSteps,
  previousStages,
  stageDirection,
} from '../../../shared/outcomes/kpis.js';
import type { KpiOutcome, KpiTouch, OutcomeKpiRow } from '../../../shared/outcomes/model.js';

const HOUR = 3_600_000;
const DAY_ISO = '2026-03-10';
/** 2026-03-10T00:00:00Z: every time below is this plus or minus hours. */
const T0 = Date.parse(`${DAY_ISO}T00:00:00Z`);
const STAGES = ['Qualification', 'Proposal', 'Negotiation'];
const CONFIG: OutcomeKpiConfig = { stageOrder: STAGES, progressionDays: 1 };
const TIERS = new Map([
  ['acme', 'enterprise'],
  ['bolt', 'smb'],
]);

function touch(id: string, hoursFromT0: number, labels: Partial<KpiTouch>): KpiTouch {
  return {
    touchEventId: id,
    at: T0 + hoursFromT0 * HOUR,
    channel: 'sms',
    programId: null,
    kind: null,
    workflowId: null,
    step: null,
    ...labels,
  };
}

function outcome(
  id: string,
  outcomeType: KpiOutcome['outcomeType'],
  hoursFromT0: number,
  fields: Partial<KpiOutcome> = {},
): KpiOutcome {
  return {
    outcomeId: id,
    outcomeType,
    at: T0 + hoursFromT0 * HOUR,
    accountId: null,
    fromStage: null,
    toStage: null,
    amountMinor: null,
    currency: null,
    touches: [],
    ...fields,
  };
}

// Four touches:
//   s1  sms,   program growth, campaign,       Mar 8 00:00 (−48 h)
//   e1  email, program growth, flow wf-a step 0, Mar 9 00:00 (−24 h)
//   s2  sms,   program demo,   flow wf-a step 1, Mar 10 01:00 (+1 h)
//   s3  sms,   program demo,   campaign,       Mar 10 02:00 (+2 h)
const s1 = touch('evt_s1', -48, { programId: 'growth', kind: 'campaign' });
const e1 = touch('evt_e1', -24, {
  channel: 'email',
  programId: 'growth',
  kind: 'flow',
  workflowId: 'wf-a',
  step: 0,
});
const s2 = touch('evt_s2', 1, { programId: 'demo', kind: 'flow', workflowId: 'wf-a', step: 1 });
const s3 = touch('evt_s3', 2, { programId: 'demo', kind: 'campaign' });

const WORLD: KpiOutcome[] = [
  // The day before: s1's first step, so s1 has no next step on Mar 10.
  outcome('o0', 'meeting_booked', -12, { touches: [s1] }),
  outcome('o1', 'meeting_booked', 10, { accountId: 'acme', touches: [s1, s3] }),
  outcome('o2', 'meeting_booked', 12),
  outcome('o3', 'meeting_attended', 20, { accountId: 'acme', touches: [s1, s2] }),
  outcome('o4', 'stage_changed', 6, {
    accountId: 'acme',
    fromStage: 'Qualification',
    toStage: 'Proposal',
    touches: [e1, s2],
  }),
  outcome('o5', 'stage_changed', 8, {
    accountId: 'bolt',
    fromStage: 'Proposal',
    toStage: 'Qualification',
    touches: [s1],
  }),
  outcome('o6', 'opportunity_created', 9, {
    accountId: 'bolt',
    toStage: 'Qualification',
    amountMinor: 100_000,
    currency: 'USD',
    touches: [e1],
  }),
  outcome('o7', 'closed_won', 11, {
    accountId: 'acme',
    toStage: 'Closed Won',
    amountMinor: 50_000,
    currency: 'EUR',
  }),
  outcome('o8', 'opportunity_created', 13, { amountMinor: 20_000, currency: 'USD' }),
  // The day after: never counted on Mar 10.
  outcome('o9', 'meeting_booked', 30, { touches: [s3] }),
];

const rows = computeOutcomeKpis(DAY_ISO, WORLD, {
  config: CONFIG,
  tiers: TIERS,
  rulesVersion: 'rules-2026.1',
});

function row(groupBy: string, key: string, kind: 'outcomes' | 'amounts' = 'outcomes', currency?: string) {
  const found = rows.filter(
    (r) =>
      r.group_by === groupBy && r.group_key === key && r.kind === kind && (currency ?? null) === r.currency,
  );
  expect(found, `${groupBy}=${key} ${kind} ${currency ?? ''}`).toHaveLength(1);
  return found[0]!;
}

const counts = (r: OutcomeKpiRow) => ({
  outcomes: r.outcomes,
  influenced: r.influenced,
  booked: [r.meetings_booked, r.meetings_booked_influenced],
  attended: [r.meetings_attended, r.meetings_attended_influenced],
  opportunities: [r.opportunities_created, r.opportunities_created_influenced],
  won: [r.deals_won, r.deals_won_influenced],
  moves: [r.stage_changes, r.forward_moves, r.forward_moves_after_touch],
  nextStep: [r.next_step_touches, r.next_step_median_hours, r.next_step_p75_hours],
});

describe('Function: computeOutcomeKpis — all outcomes of the day', () => {
  it('counts meetings, opportunities, deals and moves, and times each touch to its next step', () => {
    expect(counts(row('all', 'all'))).toEqual({
      // o1..o8; o9 is the next day and o0 the day before
      outcomes: 8,
      // o1, o3, o4, o5, o6 have eligible touches
      influenced: 5,
      // booked o1 (touched), o2 (not): show rate 1 / 2
      booked: [2, 1],
      attended: [1, 1],
      opportunities: [2, 1],
      won: [1, 0],
      // o4 Qualification -> Proposal is forward, s2 5 h before it (≤ 1 day); o5 goes backward
      moves: [2, 1, 1],
      // next steps on Mar 10: e1 -> o4 (6 − (−24) = 30 h), s2 -> o4 (6 − 1 = 5 h), s3 -> o1 (10 − 2 = 8 h);
      // s1's next step is o0, the day before. Sorted [5, 8, 30]: median 8; p75 at 1.5 -> 8 + 22 × 0.5 = 19
      nextStep: [3, 8, 19],
    });
  });

  it('sums pipeline and revenue per currency, in all and influenced', () => {
    // USD: o6 100 000 (touched) + o8 20 000 (not)
    expect(row('all', 'all', 'amounts', 'USD')).toMatchObject({
      outcomes: 2,
      influenced: 1,
      opportunities_created: 2,
      opportunities_created_influenced: 1,
      deals_won: 0,
      pipeline_minor: 120_000n,
      pipeline_influenced_minor: 100_000n,
      revenue_minor: 0n,
      revenue_influenced_minor: 0n,
      meetings_booked: null,
      next_step_median_hours: null,
    });
    // EUR: o7 won 50 000, untouched
    expect(row('all', 'all', 'amounts', 'EUR')).toMatchObject({
      outcomes: 1,
      influenced: 0,
      deals_won: 1,
      deals_won_influenced: 0,
      revenue_minor: 50_000n,
      revenue_influenced_minor: 0n,
      pipeline_minor: 0n,
    });
  });

  it('stamps every row with the progression window and the rules version', () => {
    expect(new Set(rows.map((r) => `${r.progression_days} ${r.rules_version}`))).toEqual(
      new Set(['1 rules-2026.1']),
    );
  });
});

describe('Function: computeOutcomeKpis — touch groups', () => {
  it('puts an outcome in the group of each program that touched it', () => {
    // growth (s1, e1): o1, o3, o5 (s1), o4, o6 (e1). o4's only growth touch e1 is 30 h before it (> 1 day).
    expect(counts(row('program', 'growth'))).toEqual({
      outcomes: 5,
      influenced: 5,
      booked: [1, 1],
      attended: [1, 1],
      opportunities: [1, 1],
      won: [0, 0],
      moves: [2, 1, 0],
      nextStep: [1, 30, 30],
    });
    // demo (s2, s3): o1 (s3), o3, o4 (s2). Next steps s2 5 h, s3 8 h: median 6.5; p75 at 0.75 -> 5 + 3 × 0.75 = 7.25
    expect(counts(row('program', 'demo'))).toEqual({
      outcomes: 3,
      influenced: 3,
      booked: [1, 1],
      attended: [1, 1],
      opportunities: [0, 0],
      won: [0, 0],
      moves: [1, 1, 1],
      nextStep: [2, 6.5, 7.25],
    });
    expect(row('program', 'growth', 'amounts', 'USD').pipeline_influenced_minor).toBe(100_000n);
    expect(rows.some((r) => r.group_by === 'program' && r.group_key === 'demo' && r.kind === 'amounts')).toBe(
      false,
    );
  });

  it('splits campaign from flow, and flows by workflow and step', () => {
    // campaign (s1, s3): o1, o3, o5; only s3's next step (o1, 8 h) is on the day
    expect(counts(row('kind', 'campaign'))).toMatchObject({
      outcomes: 3,
      moves: [1, 0, 0],
      nextStep: [1, 8, 8],
    });
    // flow (e1, s2): o3, o4, o6; next steps 30 h and 5 h: median 17.5; p75 at 0.75 -> 5 + 25 × 0.75 = 23.75
    expect(counts(row('kind', 'flow'))).toMatchObject({
      outcomes: 3,
      moves: [1, 1, 1],
      nextStep: [2, 17.5, 23.75],
    });
    expect(counts(row('workflow', 'wf-a'))).toEqual(counts(row('kind', 'flow')));
    expect(counts(row('step', 'wf-a:0'))).toMatchObject({
      outcomes: 2,
      moves: [1, 1, 0],
      nextStep: [1, 30, 30],
    });
    expect(counts(row('step', 'wf-a:1'))).toMatchObject({
      outcomes: 2,
      moves: [1, 1, 1],
      nextStep: [1, 5, 5],
    });
    // campaign touches have no workflow: no workflow or step group for them
    expect(rows.filter((r) => r.group_by === 'workflow').map((r) => r.group_key)).toEqual(['wf-a', 'wf-a']);
  });
});

describe('Function: computeOutcomeKpis — outcome groups', () => {
  it('puts each outcome in one channel mix: the channels of its eligible touches', () => {
    const mix = (key: string) => row('channel_mix', key).outcomes;
    // o4 (e1 email + s2 sms) both; o6 (e1) email only; o1, o3, o5 sms only; o2, o7, o8 none
    expect([mix('both'), mix('email_only'), mix('sms_only'), mix('none')]).toEqual([1, 1, 3, 3]);
    expect(row('channel_mix', 'none').influenced).toBe(0);
    expect(row('channel_mix', 'none', 'amounts', 'USD').pipeline_minor).toBe(20_000n);
  });

  it('groups by the account’s tier and by the stage reached', () => {
    // acme (enterprise): o1, o3, o4, o7; bolt (smb): o5, o6; no account: o2, o8
    const tier = (key: string) => row('account_tier', key).outcomes;
    expect([tier('enterprise'), tier('smb'), tier('(none)')]).toEqual([4, 2, 2]);
    // Proposal: o4; Qualification: o5, o6; Closed Won: o7; no stage: o1, o2, o3, o8
    const stage = (key: string) => row('stage', key).outcomes;
    expect([stage('Proposal'), stage('Qualification'), stage('Closed Won'), stage('(none)')]).toEqual([
      1, 2, 1, 4,
    ]);
  });

  it('adds outcome groups up to the day’s total', () => {
    for (const groupBy of ['channel_mix', 'account_tier', 'stage']) {
      const sum = rows
        .filter((r) => r.group_by === groupBy && r.kind === 'outcomes')
        .reduce((total, r) => total + r.outcomes, 0);
      expect(sum, groupBy).toBe(8);
    }
  });

  it('writes rows in group order, then key order', () => {
    const order = rows.filter((r) => r.kind === 'outcomes').map((r) => `${r.group_by}:${r.group_key}`);
    expect(order.slice(0, 3)).toEqual(['all:all', 'program:demo', 'program:growth']);
    expect(order.at(-1)).toBe('stage:Qualification');
  });
});

describe('Function: computeOutcomeKpis — stage progression window', () => {
  const change = (touchHoursBefore: number) =>
    outcome('m', 'stage_changed', 12, {
      fromStage: 'Proposal',
      toStage: 'Negotiation',
      touches: [touch('t', 12 - touchHoursBefore, {})],
    });

  it('counts a touch exactly N days before the move, not one a millisecond earlier', () => {
    const onEdge = computeOutcomeKpis(DAY_ISO, [change(24)], {
      config: CONFIG,
      tiers: TIERS,
      rulesVersion: 'r',
    });
    expect(onEdge[0]!.forward_moves_after_touch).toBe(1);
    const early = change(24);
    const justOutside = { ...early, touches: [{ ...early.touches[0]!, at: early.touches[0]!.at - 1 }] };
    const outside = computeOutcomeKpis(DAY_ISO, [justOutside], {
      config: CONFIG,
      tiers: TIERS,
      rulesVersion: 'r',
    });
    expect([outside[0]!.forward_moves, outside[0]!.forward_moves_after_touch]).toEqual([1, 0]);
  });

  it('leaves forward moves null without a stage order', () => {
    const [first] = computeOutcomeKpis(DAY_ISO, [change(1)], {
      config: { stageOrder: [], progressionDays: 14 },
      tiers: TIERS,
      rulesVersion: 'r',
    });
    expect([first!.stage_changes, first!.forward_moves, first!.forward_moves_after_touch]).toEqual([
      1,
      null,
      null,
    ]);
  });

  it('writes nothing for a day without outcomes', () => {
    expect(
      computeOutcomeKpis('2026-03-12', WORLD, { config: CONFIG, tiers: TIERS, rulesVersion: 'r' }),
    ).toEqual([]);
  });
});

describe('Function: stageDirection', () => {
  it.each([
    ['Qualification', 'Negotiation', 'forward'],
    ['Negotiation', 'Proposal', 'backward'],
    ['Proposal', 'Proposal', 'same'],
    [null, 'Proposal', null],
    ['Proposal', 'Closed Won', null],
  ] as const)('%s -> %s is %s', (from, to, expected) => {
    expect(stageDirection(STAGES, from, to)).toBe(expected);
  });
});

describe('Function: channelMix', () => {
  it('names sms only, email only, both or none', () => {
    expect(channelMix([{ channel: 'sms' }, { channel: 'sms' }])).toBe('sms_only');
    expect(channelMix([{ channel: 'email' }])).toBe('email_only');
    expect(channelMix([{ channel: 'email' }, { channel: 'sms' }])).toBe('both');
    expect(channelMix([])).toBe('none');
  });
});

describe('Function: nextSteps', () => {
  it('picks a touch’s earliest step, the smaller outcome id on a tie, and skips non-steps', () => {
    const t = touch('t', 0, {});
    const steps = nextSteps([
      outcome('b', 'meeting_booked', 5, { touches: [t] }),
      outcome('a', 'stage_changed', 5, { touches: [t] }),
      outcome('c', 'meeting_attended', 9, { touches: [t] }),
      outcome('z', 'opportunity_created', 1, { touches: [t] }),
    ]);
    expect(steps.get('t')?.outcome.outcomeId).toBe('a');
  });
});

describe('Function: previousStages', () => {
  const opp = (
    id: string,
    type: KpiOutcome['outcomeType'],
    hours: number,
    fromStage: string | null,
    toStage: string | null,
  ) => outcome(id, type, hours, { opportunityId: 'opp-1', fromStage, toStage });

  it('gives a stage change without a from_stage the stage its opportunity was left in', () => {
    // created in Qualification at −30 h, moved (no from) to Proposal at −2 h, then (no from) back to Qualification
    const world = [
      opp('c', 'opportunity_created', -30, null, 'Qualification'),
      opp('m1', 'stage_changed', -2, null, 'Proposal'),
      opp('m2', 'stage_changed', 3, null, 'Qualification'),
      // another opportunity's outcomes never mix in
      outcome('x', 'stage_changed', 1, { opportunityId: 'opp-2', toStage: 'Negotiation' }),
    ];
    expect(previousStages(world)).toEqual(
      new Map([
        ['m1', 'Qualification'],
        ['m2', 'Proposal'],
      ]),
    );
    // and the day's counts call m2 backward, so no forward move on Mar 10
    const [all] = computeOutcomeKpis(DAY_ISO, world, { config: CONFIG, tiers: TIERS, rulesVersion: 'r' });
    expect([all!.stage_changes, all!.forward_moves]).toEqual([2, 0]);
    const [before] = computeOutcomeKpis('2026-03-09', world, {
      config: CONFIG,
      tiers: TIERS,
      rulesVersion: 'r',
    });
    // m1 (Mar 9 22:00) Qualification -> Proposal: forward
    expect([before!.stage_changes, before!.forward_moves]).toEqual([1, 1]);
  });

  it('keeps a from_stage the CRM gave, and looks no further back than the stage history window', () => {
    const world = [
      opp('c', 'opportunity_created', -30, null, 'Qualification'),
      opp('m1', 'stage_changed', -2, 'Negotiation', 'Proposal'),
    ];
    expect(previousStages(world).has('m1')).toBe(false);
    const late = [
      opp('c', 'opportunity_created', -30, null, 'Qualification'),
      opp('m1', 'stage_changed', -2, null, 'Proposal'),
    ];
    // 28 h apart: inside a 28 h window (both ends included), outside a window a millisecond shorter
    expect(previousStages(late, 28 * HOUR).get('m1')).toBe('Qualification');
    expect(previousStages(late, 28 * HOUR - 1).has('m1')).toBe(false);
  });
});
