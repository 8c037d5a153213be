import { describe, expect, it } from 'vitest';
import type { ScorecardRow } from '../../../shared/lake/tables/scorecards.js';
import { rankWithinCategory } from '../../../shared/scorecards/aggregate.js';
import { DEFINITIONS, DEFINITIONS_VERSION } from '../../../shared/scorecards/definitions.js';
import { computeScorecards } from '../../../shared/scorecards/scorecards.js';
import { DT, doubled, SETTINGS, tinyWorld } from './tinyWorld.js';

function rowsOf(days: string[], world = tinyWorld()) {
  return computeScorecards(world, SETTINGS, days).rows;
}
function find(rows: ScorecardRow[], period: string, level: string, key: string): ScorecardRow | undefined {
  return rows.find((r) => r.period === period && r.level === level && r.key === key);
}
function one(rows: ScorecardRow[], period: string, level: string, key: string): ScorecardRow {
  const row = find(rows, period, level, key);
  if (!row) throw new Error(`no ${period} ${level} ${key} row`);
  return row;
}

describe('Function: computeScorecards on the tiny world', () => {
  const day = rowsOf([DT]).get(DT)!;

  it('counts volume, delivery, human clickers, replies, opt-outs and complaints of the onb flow', () => {
    const onb = one(day, 'day', 'flow', 'onb');
    expect(onb).toMatchObject({
      kind: 'flow',
      category: 'onboarding',
      program_id: 'demo',
      eligible: 4, // s1, s2, s3 allowed + Dee's holdout ghost
      suppressed: 1,
      sends: 3, // s1, s2, s3
      recipients: 2, // Ana, Ben
      segments: 4, // 2 + 1 + 1 (s3 has no count: priced as one)
      delivered: 2, // s1, s2; s3 never delivered
      unique_clickers: 1, // Ana (twice: once); Ben's click is a bot
      repliers: 2, // Ana -> s3, Ben -> s2
      opt_outs: 1, // Ben
      complaints: 1,
      reply_alerts: 1,
      reply_resolutions: 1, // claimed 20:30
      conversions: 2, // o1 (order), o2 (meeting)
      converters: 2, // Ana (o1), Ben (o2)
      definitions_version: DEFINITIONS_VERSION,
      attribution_model: 'linear',
      currency: 'USD',
    });
    expect(onb.delivery_rate).toBeCloseTo(2 / 3, 12);
    expect(onb.ctr).toBe(1 / 2);
    expect(onb.reply_rate).toBe(2 / 2);
    expect(onb.opt_out_rate).toBe(1 / 2);
    expect(onb.conversion_rate).toBe(2 / 2);
    expect(onb.reply_to_resolution_rate).toBe(1);
    expect(onb.reply_conversions).toBe(2); // both repliers converted
  });

  it('credits revenue, profit and incentive of the order and prices the flow', () => {
    const onb = one(day, 'day', 'flow', 'onb');
    // o1: three linear credits of 1/3 on onb touches: 10,000 x (1/3 x 3) = 10,000 cents.
    expect(onb.revenue_minor).toBe(10_000n);
    // margin 4,000 - discount 1,000 = 3,000.
    expect(onb.profit_minor).toBe(3_000n);
    expect(onb.incentive_cost_minor).toBe(1_000n);
    expect(onb.revenue_per_recipient_minor).toBe(5_000); // 10,000 / 2
    // fees: s1 2 x 7,900 + s2 vendor 9,000 + s3 1 x 7,900 = 32,700 micros = 3.27 cents -> 3.
    expect(onb.message_fees_minor).toBe(3n);
    // platform 30,000 / 30 days = 1,000 a day, all three of the day's messages are onb's.
    expect(onb.platform_cost_minor).toBe(1_000n);
    // labor 3 h x 1,000 = 3,000 a month / 30 = 100 a day, all demo's messages are onb's.
    expect(onb.labor_cost_minor).toBe(100n);
    expect(onb.tooling_cost_minor).toBe(0n);
    expect(onb.cost_minor).toBe(1_103n);
    expect(onb.cost_per_outcome_minor).toBe(1_103 / 2);
    expect(onb.roi_attributed).toBeCloseTo((3_000 - 1_103) / 1_103, 12);
    expect(onb.revenue_influenced_minor).toBe(10_000n); // the whole order
    expect(onb.pipeline_influenced_minor).toBe(0n);
  });

  it('reports steps with time to next step, variants, category and engagement', () => {
    // Ana got step 0 at 10:00 and step 1 at 14:00: 4 hours; Ben has no step 1.
    expect(one(day, 'day', 'step', 'onb#0')).toMatchObject({
      sends: 2,
      parent_key: 'onb',
      median_hours_to_next_step: 4,
    });
    expect(one(day, 'day', 'step', 'onb#1')).toMatchObject({
      sends: 1,
      repliers: 1,
      median_hours_to_next_step: null,
    });
    expect(one(day, 'day', 'variant', 'onb:personalized')).toMatchObject({
      sends: 2,
      recipients: 1,
      eligible: 2,
    });
    expect(one(day, 'day', 'variant', 'onb:generic')).toMatchObject({ sends: 1, eligible: 2, suppressed: 1 });
    expect(one(day, 'day', 'category', 'onboarding')).toMatchObject({ kind: 'flow', sends: 3 });
    // Ana: (click 1 + reply 2 + conversion 5) x enterprise 3 = 24; Ben: (reply 2 + conversion 5) x 1 = 7.
    expect(one(day, 'day', 'flow', 'onb').engagement_score).toBe((24 + 7) / 2);
    expect(one(day, 'day', 'channel_mix', 'onb:sms')).toMatchObject({ recipients: 2 });
    expect(one(day, 'day', 'two_way', 'onb')).toMatchObject({ repliers: 2, reply_to_resolution_rate: 1 });
  });

  it('keeps rolling windows to the messages sent in them', () => {
    // The sale went out on the 9th: not in the 10th's day row, in its 7-day row with Cleo's click of the 10th.
    expect(find(day, 'day', 'campaign', 'sale')).toBeUndefined();
    const sale = one(day, '7d', 'campaign', 'sale');
    expect(sale).toMatchObject({ sends: 1, delivered: 1, unique_clickers: 1, period_start: '2026-11-04' });
    // The 9th's only message carries the 9th's platform (1,000) and demo labor (100); fee 7,900 micros -> 1 cent.
    expect(sale.cost_minor).toBe(1_101n);
    expect(one(day, 'to_date', 'campaign', 'sale').period_start).toBe('2026-11-09');

    // As of the 9th, Cleo's click (on the 10th) has not happened yet.
    const ninth = rowsOf(['2026-11-09']).get('2026-11-09')!;
    expect(one(ninth, 'day', 'campaign', 'sale').unique_clickers).toBe(0);
    // A week later the 7-day window holds nothing; 28d and to_date still hold all four messages.
    const later = rowsOf(['2026-11-17']).get('2026-11-17')!;
    expect(later.filter((r) => r.period === '7d')).toEqual([]);
    expect(one(later, '28d', 'flow', 'onb').sends).toBe(3);
    expect(one(later, 'to_date', 'campaign', 'sale').sends).toBe(1);
  });

  it('ranks campaigns and flows only within their category', () => {
    const ranked = day.filter((r) => r.rank_in_category !== null);
    expect(ranked.every((r) => r.level === 'campaign' || r.level === 'flow')).toBe(true);
    expect(one(day, 'to_date', 'flow', 'onb').rank_in_category).toBe(1);
    expect(one(day, 'to_date', 'campaign', 'sale').rank_in_category).toBe(1);
  });

  it('orders a category by net attributed profit per recipient, never across categories', () => {
    // Prepare: onb (net (3,000 - 1,103) / 2 = 948.5 a recipient) beside two made-up flows.
    const onb = one(day, 'day', 'flow', 'onb');
    const better = { ...onb, key: 'onb-b', profit_minor: 5_000n }; // (5,000 - 1,103) / 2 = 1,948.5
    const worse = { ...onb, key: 'onb-c', profit_minor: 0n }; // -551.5
    const elsewhere = { ...onb, key: 'renew', category: 'renewal', profit_minor: -10_000n };
    const rows = [onb, better, worse, elsewhere].map((r) => ({ ...r, rank_in_category: null }));

    // Act
    rankWithinCategory(rows);

    // Assess
    expect(rows.map((r) => [r.key, r.rank_in_category])).toEqual([
      ['onb', 2],
      ['onb-b', 1],
      ['onb-c', 3],
      ['renew', 1],
    ]);
  });

  it('breaks down by local send hour, fatigue and post-click destination', () => {
    // Ana is in Los Angeles (UTC-8 in November): s1 10:00Z -> 02, s3 14:00Z -> 06; Ben has no zone: 10 UTC.
    expect(one(day, 'day', 'send_hour', '02').sends).toBe(1);
    expect(one(day, 'day', 'send_hour', '06').sends).toBe(1);
    expect(one(day, 'day', 'send_hour', '10').sends).toBe(1);
    expect(one(day, 'day', 'weekday', '2-Tue').sends).toBe(3); // 2026-11-10 is a Tuesday
    // Fatigue: s1 and s2 are their recipients' 1st message in 30 days, s3 Ana's 2nd; Ben opted out after his 1st.
    expect(one(day, 'day', 'fatigue', '1')).toMatchObject({ sends: 2, opt_outs: 1, opt_out_rate: 0.5 });
    expect(one(day, 'day', 'fatigue', '2')).toMatchObject({ sends: 1, opt_outs: 0 });
    // Ana's clicks went to /p (query dropped); the order's click credit is 1/3 of 10,000 = 3,333.33.
    const link = one(day, 'day', 'link_destination', 'https://shop.example/p');
    expect(link).toMatchObject({ unique_clickers: 1, conversions: 1, revenue_minor: 3_333n });
    expect(one(day, 'day', 'account_tier', 'enterprise').recipients).toBe(1);
  });

  it('gives the same rows when every event arrives twice', () => {
    expect(rowsOf([DT], doubled(tinyWorld())).get(DT)).toEqual(day);
  });

  it('prints its definitions with the version and the ROI label', () => {
    expect(DEFINITIONS).toContain(DEFINITIONS_VERSION);
    expect(DEFINITIONS).toContain('attributed (not incremental)');
  });
});
