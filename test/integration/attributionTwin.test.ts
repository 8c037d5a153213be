import { afterAll, describe, expect, it } from 'vitest';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { planAttribution } from '../../shared/attribution/job/plan.js';
import { type AttributionRules, DEFAULT_ATTRIBUTION_RULES } from '../../shared/attribution/rules.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { comparable, firstDifference, lakeRows, twinRows } from '../support/attributionCompare.js';
import {
  DAY,
  HOUR,
  RANDOM_FROM,
  RANDOM_TO,
  randomStory,
  Story,
  writeEventsLake,
} from '../support/attributionLake.js';
import { twinDuckdb } from '../support/duckdbTwin.js';
import { tempLakeDir } from '../support/lakeReader.js';

/**
 * The "the SQL twin and the TypeScript engine agree exactly": random lakes dense in
 * every edge case, written by the real export mapping and Parquet writer; the job (TypeScript
 * engine) writes both tables; DuckDB runs the SQL over the same events; every row of both
 * tables must be equal, credits to the last bit, amounts to the unit.
 */
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

const NOW = new Date(`${RANDOM_TO}T23:00:00Z`);

async function lakeOf(story: Story) {
  const dir = tempLakeDir('attribution-twin-');
  dirs.push(dir);
  const store = new LocalObjectStore(dir.dir);
  await writeEventsLake(store, story.arrivals);
  return { root: dir.dir, store };
}

async function compareEngines(story: Story, rules: AttributionRules = DEFAULT_ATTRIBUTION_RULES) {
  const { root, store } = await lakeOf(story);
  const options = { from: RANDOM_FROM, to: RANDOM_TO, rules };
  const summary = await runAttributionJob({ store, now: () => NOW }, options);
  const db = await twinDuckdb(root);
  try {
    const twin = await twinRows(db, planAttribution(rules, options, NOW));
    return {
      summary,
      credits: { ts: await lakeRows(db, 'attribution_credits'), sql: twin.attribution_credits },
      outcomes: { ts: await lakeRows(db, 'pipeline_outcomes'), sql: twin.pipeline_outcomes },
      db,
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

describe('SQL twin on DuckDB against the TypeScript engine', () => {
  it.each([1, 2, 3, 4, 5, 6])('writes row-for-row identical tables on random lake %i', async (seed) => {
    // Prepare
    const story = randomStory(seed);

    // Act
    const { summary, credits, outcomes, db } = await compareEngines(story);
    db.close();

    // Assess: the lake is dense enough to exercise the rules, and both engines agree exactly.
    expect(summary.outcomes).toBeGreaterThan(20);
    expect(summary.influenced).toBeGreaterThan(5);
    expect(credits.ts.length).toBeGreaterThan(100);
    expect(firstDifference(credits.ts, credits.sql)).toBeUndefined();
    expect(firstDifference(outcomes.ts, outcomes.sql)).toBeUndefined();
  });

  it('agrees under other rules: fractional windows, no click dedupe, no campaign gap, other percents', async () => {
    const rules: AttributionRules = {
      ...DEFAULT_ATTRIBUTION_RULES,
      version: 'rules-2026.9',
      windows: {
        ...DEFAULT_ATTRIBUTION_RULES.windows,
        order: { days: 2.5, sendDays: 0.25, replyDays: 10 },
        closed_won: { days: 120, clickDays: 33.3 },
      },
      timeDecay: { halfLifeDays: 1.5 },
      positionBased: { first: 30, middle: 40, last: 30 },
      wShaped: { first: 25, lead: 25, opportunity: 25, others: 25 },
      dedupe: { firstClickPerMessage: false, campaignGapHours: 0 },
      models: ['w_shaped', 'linear', 'time_decay'],
    };

    const { credits, outcomes, db } = await compareEngines(randomStory(7), rules);
    db.close();

    expect(credits.ts.length).toBeGreaterThan(100);
    expect(firstDifference(credits.ts, credits.sql)).toBeUndefined();
    expect(firstDifference(outcomes.ts, outcomes.sql)).toBeUndefined();
  });

  it('credits each influenced outcome 1 per model and its whole amount, in its own currency', async () => {
    const { db } = await compareEngines(randomStory(8));
    try {
      // Act
      const perOutcome = await db.rows(`
        SELECT c.outcome_id, c.model, sum(c.credit) AS credit, sum(c.credited_amount_minor) AS amount,
          any_value(o.amount_minor) AS outcome_amount, count(DISTINCT c.currency) AS currencies,
          bool_and(c.currency IS NOT DISTINCT FROM o.currency) AS same_currency
        FROM attribution_credits AS c JOIN pipeline_outcomes AS o USING (outcome_id)
        GROUP BY 1, 2`);
      const uninfluenced = await db.rows(`
        SELECT count(*) AS n FROM pipeline_outcomes AS o
        WHERE NOT o.influenced AND EXISTS (SELECT 1 FROM attribution_credits AS c WHERE c.outcome_id = o.outcome_id)`);

      // Assess
      expect(perOutcome.length).toBeGreaterThan(50);
      for (const row of perOutcome) {
        const label = comparable([row])[0];
        expect(Math.abs((row.credit as number) - 1), label).toBeLessThan(1e-12);
        expect(row.amount === null ? null : Number(row.amount), label).toBe(
          row.outcome_amount === null ? null : Number(row.outcome_amount),
        );
        expect(row.same_currency).toBe(true);
      }
      expect(Number(uninfluenced[0]!.n)).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('SQL twin on a hand-made story', () => {
  const END = Date.parse(`${RANDOM_TO}T12:00:00Z`);

  it('resolves identity, dedupes, honours window edges and finds an old deal’s sourcing touch', async () => {
    // Prepare: Maria is known to the CRM by phone and email; her account is acme.
    const story = new Story();
    const maria = { phone: '+14155550123', email: 'maria@acme.example' };
    story.contact(END - 300 * DAY, { contactId: 'maria', ...maria, accountId: 'acme' });
    story.contact(END - 300 * DAY, { contactId: 'li', phone: '+14155550124', accountId: 'acme' });
    // An order paid by email: 7-day click window, 1-day send window; each click on its own
    // message unless it repeats one.
    const maria_ = { phone: maria.phone };
    story.delivered(END - DAY, maria_, { campaignId: 'spring', programId: 'growth' }); // exactly 1 day: counts
    story.click(END - 7 * DAY, 'msg-autumn', maria_, { campaignId: 'autumn' }); // exactly 7 days: counts
    story.click(END - 7 * DAY - 1, 'msg-winter', maria_, { campaignId: 'winter' }); // 1 ms outside
    story.click(END - 2 * HOUR, 'msg-bot', maria_, { campaignId: 'bots' }, { bot: true });
    story.click(END - HOUR, 'msg-summer', maria_, { campaignId: 'summer' });
    story.click(END - HOUR / 2, 'msg-summer', maria_, { campaignId: 'summer' }); // a repeat click
    story.click(END + 1, 'msg-late', maria_, { campaignId: 'late' }); // after the order
    story.order(END, { email: maria.email }, 10_001, 'USD');
    // A deal of acme created 120 days before it closes; Li was texted 3 days before creation.
    story.delivered(END - 123 * DAY, { phone: '+14155550124' }, { workflowId: 'wf-nurture', step: 1 });
    story.opportunity(END - 120 * DAY, 'created', { opportunityId: 'deal-1', accountId: 'acme' });
    story.lead(END - 20 * DAY, 'maria');
    story.delivered(END - 21 * DAY, { phone: maria.phone }, { workflowId: 'wf-nurture', step: 2 });
    story.opportunity(
      END + HOUR,
      'won',
      { opportunityId: 'deal-1', accountId: 'acme', amountMinor: 1_000_000, currency: 'EUR' },
      END + 2 * DAY,
    );
    const { root, store } = await lakeOf(story);
    const options = { from: RANDOM_TO, to: RANDOM_TO };

    // Act
    await runAttributionJob({ store, now: () => NOW }, options);
    const db = await twinDuckdb(root);
    try {
      const twin = await twinRows(db, planAttribution(DEFAULT_ATTRIBUTION_RULES, options, NOW));
      const credits = await lakeRows(db, 'attribution_credits');
      const outcomes = await db.rows('SELECT * FROM pipeline_outcomes ORDER BY outcome_type');
      const orderTouches = await db.rows(
        `SELECT touch_kind, campaign_id FROM attribution_credits WHERE outcome_type = 'order' AND model = 'linear' ORDER BY touch_at`,
      );

      // Assess
      expect(firstDifference(credits, twin.attribution_credits)).toBeUndefined();
      expect(
        firstDifference(await lakeRows(db, 'pipeline_outcomes'), twin.pipeline_outcomes),
      ).toBeUndefined();
      expect(
        outcomes.map((o) => [o.outcome_type, o.contact_id, o.account_id, o.eligible_touches, o.sourced]),
      ).toEqual([
        // Maria's six touches of the 90 days (Li's is older); Li's text sourced the deal.
        ['closed_won', null, 'acme', 6, true],
        ['order', 'maria', 'acme', 3, null],
      ]);
      // Edge click, the delivered send (1-day window), the first summer click; not the bot, the repeat, the late one.
      expect(orderTouches).toEqual([
        { touch_kind: 'click', campaign_id: 'autumn' },
        { touch_kind: 'send', campaign_id: 'spring' },
        { touch_kind: 'click', campaign_id: 'summer' },
      ]);
    } finally {
      db.close();
    }
  });
});
