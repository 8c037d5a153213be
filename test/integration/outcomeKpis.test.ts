import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../shared/attribution/rules.js';
import { partitionParts } from '../../shared/lake/lakeColumns.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { readNamedQueries } from '../../shared/lake/namedQueries.js';
import { LAKE_TABLES, outcomeKpisTable } from '../../shared/lake/tables/index.js';
import type { OutcomeKpiConfig } from '../../shared/outcomes/config.js';
import { writeOutcomeKpis } from '../../shared/outcomes/job/outcomeKpisJob.js';
import { Story, writeEventsLake } from '../support/attributionLake.js';
import { lakeDuckdb, tempLakeDir } from '../support/lakeReader.js';

/**
 * The attribution job writes outcome_kpis after its days, read back from what it wrote; DuckDB
 * reads the Parquet through the same views as `npm run query`, and the analysts' queries give
 * the numbers worked out by hand below.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const at = (iso: string) => Date.parse(iso);
const KPIS: OutcomeKpiConfig = {
  stageOrder: ['Qualification', 'Proposal', 'Closed Won'],
  progressionDays: 2,
};
const NOW = new Date('2026-03-05T06:00:00Z');
const RANGE = { from: '2026-03-03', to: '2026-03-04' };

const ANN = { phone: '+14155550101', contactId: 'c-ann' };
const BOB = { phone: '+14155550102', contactId: 'c-bob' };

/**
 * Ann (account acme) gets an SMS of campaign spring and an email of flow wf-nurture step 0 on
 * Mar 2, books a meeting on Mar 3 and attends it on Mar 4; acme's opportunity is created on
 * Mar 3, moves to Proposal and is won on Mar 4. Bob (account bolt, no tier) gets a flow SMS on
 * Mar 2 and bolt's opportunity moves on Mar 4. Cy books a meeting nothing touched.
 */
function story(): Story {
  const s = new Story();
  const account = (id: string, tier: string, iso: string) =>
    s.arrivals.push({
      draft: {
        type: 'crm.account.upserted',
        source: 'hubspot',
        vendorRef: `acct-${id}-${iso}`,
        occurredAt: iso,
        accountId: id,
        tier,
      },
    });
  // acme was smb, then enterprise: the latest upsert counts
  account('acme', 'smb', '2026-02-01T00:00:00.000Z');
  account('acme', 'enterprise', '2026-02-15T00:00:00.000Z');
  s.contact(at('2026-02-20T00:00:00Z'), { ...ANN, accountId: 'acme' });
  s.contact(at('2026-02-20T00:00:00Z'), { ...BOB, accountId: 'bolt' });
  s.delivered(at('2026-03-02T10:00:00Z'), ANN, { programId: 'growth', campaignId: 'spring' });
  s.delivered(
    at('2026-03-02T11:00:00Z'),
    { ...ANN, email: 'ann@example.com' },
    { channel: 'email', programId: 'growth', workflowId: 'wf-nurture', step: 0 },
  );
  s.delivered(at('2026-03-02T09:00:00Z'), BOB, { programId: 'demo', workflowId: 'wf-onboard', step: 1 });
  s.meeting(at('2026-03-03T12:00:00Z'), true, { contactId: 'c-ann' });
  s.opportunity(at('2026-03-03T14:00:00Z'), 'created', {
    opportunityId: 'opp-acme',
    accountId: 'acme',
    amountMinor: 500_000,
    currency: 'USD',
  });
  s.meeting(at('2026-03-04T09:00:00Z'), true, { contactId: 'c-cy' });
  s.opportunity(at('2026-03-04T10:00:00Z'), 'stage_changed', {
    opportunityId: 'opp-acme',
    accountId: 'acme',
  });
  s.opportunity(at('2026-03-04T11:00:00Z'), 'stage_changed', {
    opportunityId: 'opp-bolt',
    accountId: 'bolt',
  });
  s.meeting(at('2026-03-04T15:00:00Z'), false, { contactId: 'c-ann' });
  s.opportunity(at('2026-03-04T16:00:00Z'), 'won', {
    opportunityId: 'opp-acme',
    accountId: 'acme',
    amountMinor: 300_000,
    currency: 'USD',
  });
  return s;
}

const lake = tempLakeDir('outcome-kpis-');
const root = join(lake.dir, 'lake-bucket');
const store = new LocalObjectStore(root);
let db: Awaited<ReturnType<typeof lakeDuckdb>>;

/** Rows with HUGEINT/BIGINT sums as numbers. */
async function rows(sql: string) {
  return (await db.rows(sql)).map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}
const query = (id: string) => readNamedQueries().find((q) => q.id === id)!.sql;

beforeAll(async () => {
  await writeEventsLake(store, story().arrivals);
  await runAttributionJob({ store, now: () => NOW }, { ...RANGE, kpis: KPIS, runId: 'first' });
  db = await lakeDuckdb(root, LAKE_TABLES);
});
afterAll(() => {
  db?.close();
  lake.remove();
});

describe('outcome_kpis written by the attribution job', () => {
  it('counts the day’s outcomes and times each touch to its next step', async () => {
    const all = await rows(
      `SELECT dt, outcomes, influenced, meetings_booked, meetings_attended, opportunities_created, deals_won,
              stage_changes, forward_moves, forward_moves_after_touch,
              next_step_touches, next_step_median_hours, next_step_p75_hours
       FROM outcome_kpis WHERE group_by = 'all' AND kind = 'outcomes' ORDER BY dt`,
    );
    expect(all).toEqual([
      // Mar 3: Ann's booking (touched by both Mar 2 messages) and acme's opportunity.
      // Next steps: the SMS (10:00) and the email (11:00) both reach the booking at Mar 3 12:00:
      // 26 h and 25 h -> median 25.5, p75 at 0.75 -> 25 + 1 × 0.75 = 25.75
      {
        dt: '2026-03-03',
        outcomes: 2,
        influenced: 2,
        meetings_booked: 1,
        meetings_attended: 0,
        opportunities_created: 1,
        deals_won: 0,
        stage_changes: 0,
        forward_moves: 0,
        forward_moves_after_touch: 0,
        next_step_touches: 2,
        next_step_median_hours: 25.5,
        next_step_p75_hours: 25.75,
      },
      // Mar 4: Cy's booking (untouched), two forward moves, Ann's attendance, the win.
      // acme's move at 10:00 has Ann's email 47 h before (≤ 2 days); bolt's at 11:00 only Bob's
      // SMS 50 h before. Bob's SMS reaches its next step (bolt's move) on Mar 4: 50 h.
      {
        dt: '2026-03-04',
        outcomes: 5,
        influenced: 4,
        meetings_booked: 1,
        meetings_attended: 1,
        opportunities_created: 0,
        deals_won: 1,
        stage_changes: 2,
        forward_moves: 2,
        forward_moves_after_touch: 1,
        next_step_touches: 1,
        next_step_median_hours: 50,
        next_step_p75_hours: 50,
      },
    ]);
  });

  it('groups by program, campaign vs flow, step, channel mix, account tier and stage', async () => {
    const groups = await rows(
      `SELECT group_by, group_key, sum(outcomes) AS outcomes FROM outcome_kpis
       WHERE kind = 'outcomes' AND group_by <> 'all' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const by = (groupBy: string) =>
      Object.fromEntries(groups.filter((g) => g.group_by === groupBy).map((g) => [g.group_key, g.outcomes]));
    // Ann's messages (growth) touch her meetings and acme's three outcomes; Bob's (demo) bolt's move.
    expect(by('program')).toEqual({ demo: 1, growth: 5 });
    // The spring SMS and the nurture email touch the same five; Bob's flow SMS one more.
    expect(by('kind')).toEqual({ campaign: 5, flow: 6 });
    expect(by('step')).toEqual({ 'wf-nurture:0': 5, 'wf-onboard:1': 1 });
    expect(by('channel_mix')).toEqual({ both: 5, none: 1, sms_only: 1 });
    // acme: opportunity, move, win (account-level) and Ann's two meetings via her account
    expect(by('account_tier')).toEqual({ '(none)': 2, enterprise: 5 });
    expect(by('stage')).toEqual({ '(none)': 3, 'Closed Won': 1, Proposal: 2, Qualification: 1 });
  });

  it('answers the analysts’ queries with the hand-worked totals', async () => {
    const byGroup = await rows(query('outcome_kpis_by_group'));
    const pick = (groupBy: string, key: string) =>
      byGroup.find((r) => r.group_by === groupBy && r.group_key === key);
    expect(pick('all', 'all')).toEqual({
      rules_version: DEFAULT_ATTRIBUTION_RULES.version,
      group_by: 'all',
      group_key: 'all',
      outcomes: 7,
      influenced: 6,
      meetings_booked: 2,
      meetings_booked_influenced: 1,
      meetings_attended: 1,
      meetings_attended_influenced: 1,
      // 1 attended / 2 booked
      show_rate: 0.5,
      opportunities_created: 1,
      opportunities_created_influenced: 1,
      deals_won: 1,
      deals_won_influenced: 1,
      stage_changes: 2,
      forward_moves: 2,
      forward_moves_after_touch: 1,
      forward_share: 1,
      next_step_touches: 3,
    });
    expect(pick('program', 'demo')).toMatchObject({
      outcomes: 1,
      stage_changes: 1,
      forward_moves_after_touch: 0,
    });
    expect(pick('program', 'growth')).toMatchObject({ show_rate: 1, forward_moves_after_touch: 1 });

    const amounts = await rows(query('outcome_kpis_by_group_and_currency'));
    expect(amounts.find((r) => r.group_by === 'all')).toEqual({
      rules_version: DEFAULT_ATTRIBUTION_RULES.version,
      group_by: 'all',
      group_key: 'all',
      currency: 'USD',
      opportunities_created: 1,
      opportunities_created_influenced: 1,
      pipeline_minor: 500_000,
      pipeline_influenced_minor: 500_000,
      pipeline_influenced_share: 1,
      deals_won: 1,
      deals_won_influenced: 1,
      revenue_minor: 300_000,
      revenue_influenced_minor: 300_000,
      revenue_influenced_share: 1,
    });
    // Bob's program touched no opportunity with an amount
    expect(amounts.some((r) => r.group_key === 'demo')).toBe(false);

    const byDay = await rows(`${query('outcome_kpis_by_day')}`);
    expect(
      byDay.filter((r) => r.group_by === 'program').map((r) => [r.dt, r.group_key, r.next_step_median_hours]),
    ).toEqual([
      ['2026-03-03', 'growth', 25.5],
      ['2026-03-04', 'demo', 50],
      ['2026-03-04', 'growth', null],
    ]);
  });

  it('has a check here for every outcome_kpis_by_* query (namedQueries.test.ts leaves them to this file)', () => {
    const ids = readNamedQueries()
      .map((q) => q.id)
      .filter((id) => id.startsWith('outcome_kpis_by_'));
    expect(ids).toEqual([
      'outcome_kpis_by_day',
      'outcome_kpis_by_group',
      'outcome_kpis_by_group_and_currency',
    ]);
  });

  it('rewrites a day on a rerun instead of adding to it', async () => {
    const before = await rows('SELECT * FROM outcome_kpis ORDER BY ALL');
    await runAttributionJob({ store, now: () => NOW }, { ...RANGE, kpis: KPIS, runId: 'second' });
    await db.refresh();
    expect(await rows('SELECT * FROM outcome_kpis ORDER BY ALL')).toEqual(before);
    const parts = await partitionParts(store, outcomeKpisTable);
    expect(parts.map((p) => [p.dt, p.key.includes('part-second-')])).toEqual([
      ['2026-03-03', true],
      ['2026-03-04', true],
    ]);
  });

  it('skips, saying why, when no model credits every eligible touch', async () => {
    const summary = await writeOutcomeKpis(store, {
      days: ['2026-03-03'],
      rules: { ...DEFAULT_ATTRIBUTION_RULES, models: ['first_touch', 'last_touch'] },
      runId: 'partial',
    });
    expect(summary).toEqual({ days: [], rows: 0, skipped: expect.stringMatching(/linear or time_decay/) });
  });

  it('answers npm run query on that lake', async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npx',
        [
          'tsx',
          'infra/local/query.ts',
          '--json',
          'SELECT group_by, count(*) AS n FROM outcome_kpis GROUP BY 1 ORDER BY 1',
        ],
        { cwd: REPO, env: { ...process.env, DATA_DIR: lake.dir, LAKE_DIR: '' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    // Rows over both days, outcomes and amounts (all: 2 + 2 USD; program: demo, growth + growth USD…)
    const counts = Object.fromEntries(
      (JSON.parse(result.stdout) as { group_by: string; n: number }[]).map((r) => [r.group_by, r.n]),
    );
    expect(Object.keys(counts).sort()).toEqual([
      'account_tier',
      'all',
      'channel_mix',
      'kind',
      'program',
      'stage',
      'step',
      'workflow',
    ]);
    expect(counts.all).toBe(4);
  });
});
