import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { runLocalJob } from '../../infra/local/localJobs.js';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { parseConfig } from '../../shared/config/programConfig.js';
import { resetAppConfig } from '../../shared/config/runtimeConfig.js';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { addDays } from '../../shared/jobs/days.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { runScorecardsJob, type ScorecardsJobSummary } from '../../shared/scorecards/job/scorecardsJob.js';
import { type ScorecardSettings, settingsFrom } from '../../shared/scorecards/scorecards.js';
import { DAILY_WORLD_CONFIG, writeDailyWorld } from '../bench/dailyJobs.js';
import { twinDuckdb } from '../support/duckdbTwin.js';
import { tempLakeDir } from '../support/lakeReader.js';
import {
  firstScorecardDifference,
  lakeScorecardRows,
  twinScorecardRows,
} from '../support/scorecardsCompare.js';

/**
 * The "both engines give identical scorecards": a generated world (SMS and email,
 * campaigns and flows in four time zones, deliveries, human and bot clicks, replies with intent
 * alerts and their claims, opt-outs, holdout ghosts, orders with margins and discounts, deals,
 * meetings, account tiers and deal stages) written by the real Parquet writer; attribution
 * credits it; the TypeScript job writes its scorecards; DuckDB runs the SQL over the same lake.
 * Every row must match: counts and money exactly, ratios to 1e-9. The 1M-event comparison is
 * in the bench (`npm run bench -- --only scorecardsTwin`).
 */
/** Writing the world and both engines on a shared 2-core machine: generous, never a measure. */
const TIMEOUT_MS = 240_000;
const DAYS = 35;
const LAST = addDays('2026-01-01', DAYS - 1);
const NOW = new Date(`${LAST}T23:00:00Z`);
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

let world: Promise<{ root: string; store: LocalObjectStore }> | undefined;
/** One world for every test here: writing it is the slow part. */
function sharedWorld() {
  world ??= (async () => {
    const dir = tempLakeDir('scorecards-twin-');
    dirs.push(dir);
    await writeDailyWorld(dir.dir, { size: 0.0008, days: DAYS, seed: 13 });
    const store = new LocalObjectStore(dir.dir);
    await runAttributionJob({ store, now: () => NOW }, { from: '2026-01-01', to: LAST });
    return { root: dir.dir, store };
  })();
  return world;
}

async function compareEngines(settings: ScorecardSettings, days: string[]) {
  const { root, store } = await sharedWorld();
  const summary = await runScorecardsJob({ store, now: () => NOW }, settings, {
    from: days[0],
    to: days.at(-1),
  });
  const db = await twinDuckdb(root);
  try {
    const ts = await lakeScorecardRows(db, days);
    const scanToDt = addDays(days.at(-1)!, settings.config.lateArrivalDays);
    const sql = await twinScorecardRows(db, settings, { days, scanToDt });
    return { summary, ts, sql };
  } finally {
    db.close();
  }
}

/** The world's program config with every knob the SQL binds turned away from its default. */
const TUNED = parseConfig({
  ...DAILY_WORLD_CONFIG,
  fees: { currency: 'EUR', smsPerSegmentMicros: { US: 7300, DEFAULT: 50_000 }, mmsPerMessageMicros: {} },
  costs: {
    ...DAILY_WORLD_CONFIG.costs,
    labor: {
      growth: { hoursPerMonth: 12.5, hourlyRateMinor: 4_500 },
      lifecycle: { hoursPerMonth: 80, hourlyRateMinor: 6_000 },
    },
    defaultMarginRate: 0.4,
  },
  attribution: { currencyRates: { base: 'USD', rates: { EUR: 1.08 } } },
  scorecards: {
    model: 'time_decay',
    replyWindowHours: 0.75,
    qualifiedOutcomes: ['order', 'meeting_booked'],
    engagement: {
      points: { click: 2, reply: 3, conversion: 7 },
      tierWeights: { enterprise: 3, smb: 0.5 },
      stageWeights: { Proposal: 2 },
    },
  },
});

describe('Scorecards SQL twin on DuckDB against the TypeScript job', () => {
  it(
    'finds the same rows for a daily run of the default config',
    async () => {
      // Act
      const { summary, ts, sql } = await compareEngines(settingsFrom(DAILY_WORLD_CONFIG), [
        addDays(LAST, -1),
        LAST,
      ]);

      // Assess: the world exercises every level and measure, and both engines agree.
      expect(summary.rows).toBeGreaterThan(1_000);
      const levels = new Set(ts.map((row) => row.level));
      expect([...levels].sort()).toEqual(
        [
          'account_tier',
          'campaign',
          'category',
          'channel_mix',
          'fatigue',
          'flow',
          'link_destination',
          'send_hour',
          'step',
          'two_way',
          'variant',
          'weekday',
        ].sort(),
      );
      const total = (name: string) => ts.reduce((sum, row) => sum + Number(row[name] ?? 0), 0);
      for (const measure of [
        'eligible',
        'unique_clickers',
        'repliers',
        'opt_outs',
        'complaints',
        'conversions',
        'reply_resolutions',
        'revenue_minor',
        'incentive_cost_minor',
        'pipeline_influenced_minor',
        'labor_cost_minor',
      ]) {
        expect(total(measure), measure).toBeGreaterThan(0);
      }
      expect(ts.some((row) => row.median_hours_to_next_step !== null)).toBe(true);
      expect(sql).toHaveLength(ts.length);
      expect(firstScorecardDifference(ts, sql)).toBeUndefined();
    },
    TIMEOUT_MS,
  );

  it(
    'finds the same rows with every setting changed: currency, rates, model, window, points, weights, labor',
    async () => {
      const { ts, sql } = await compareEngines(settingsFrom(TUNED), [
        addDays(LAST, -9),
        addDays(LAST, -8),
        LAST,
      ]);

      expect(ts.length).toBeGreaterThan(1_000);
      expect(ts.every((row) => row.currency === 'EUR' && row.attribution_model === 'time_decay')).toBe(true);
      expect(firstScorecardDifference(ts, sql)).toBeUndefined();
    },
    TIMEOUT_MS,
  );

  it(
    'tells rows apart when one number differs (the comparison can fail)',
    async () => {
      const { ts, sql } = await compareEngines(settingsFrom(DAILY_WORLD_CONFIG), [LAST]);
      const changed = sql.map((row) => ({ ...row }));
      const row = changed.find((r) => Number(r.sends) > 0)!;
      row.segments = Number(row.segments) + 1;

      expect(firstScorecardDifference(ts, sql)).toBeUndefined();
      expect(firstScorecardDifference(ts, changed)).toMatch(/segments is \d+ in TypeScript, \d+ in SQL/);
      expect(firstScorecardDifference(ts, sql.slice(1))).toMatch(/^only TypeScript has /);
    },
    TIMEOUT_MS,
  );

  it(
    'is what the scorecards function writes with engine duckdb, run as `npm run job -- scorecards` runs it',
    async () => {
      // Prepare: the TypeScript job's rows of the day, then the function with the duckdb engine
      // over the same lake (its lease and watermark items on a mocked table).
      const days = [LAST];
      const { root } = await sharedWorld();
      const { ts } = await compareEngines(settingsFrom(DAILY_WORLD_CONFIG), days);
      const dynamo = mockClient(DynamoDBDocumentClient);
      dynamo.on(PutCommand).resolves({});
      dynamo.on(GetCommand).resolves({});
      const saved = { ...process.env };
      Object.assign(process.env, {
        [ENV.appConfig]: JSON.stringify({ ...DAILY_WORLD_CONFIG, scorecards: { engine: 'duckdb' } }),
        [ENV.tableName]: 'operational',
        LAKE_DIR: root,
      });
      resetAppConfig();
      try {
        // Act
        const summary = (await runLocalJob('scorecards', { from: LAST, to: LAST })) as ScorecardsJobSummary;

        // Assess
        const db = await twinDuckdb(root);
        const written = await lakeScorecardRows(db, days);
        db.close();
        expect(summary).toMatchObject({ engine: 'duckdb', days, rows: ts.length });
        expect(firstScorecardDifference(ts, written)).toBeUndefined();
      } finally {
        process.env = saved;
        resetAppConfig();
        dynamo.restore();
      }
    },
    TIMEOUT_MS,
  );
});
