import { afterAll, describe, expect, it } from 'vitest';
import { canonicalEvent, type EventDraft } from '../../events/index.js';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { parseConfig } from '../../shared/config/programConfig.js';
import { rowsForEvents } from '../../shared/lake/export/rowsFor.js';
import type { ExportWatermark, JobLease, WatermarkStore } from '../../shared/lake/export/watermark.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { readNamedQueries } from '../../shared/lake/namedQueries.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';
import { runScorecardsJob } from '../../shared/scorecards/job/scorecardsJob.js';
import { settingsFrom } from '../../shared/scorecards/scorecards.js';
import { lakeDuckdb, parquetFiles, tempLakeDir } from '../support/lakeReader.js';

/**
 * The job over a lake written by the real export mapping (rowsForEvents) and Parquet writer,
 * after the real attribution job; its table read back with DuckDB through the analysts' views.
 */
const SALT = 'scorecards-fixture-salt-0123456789';
const DAY = '2026-11-10';
const NOW = new Date(`${DAY}T23:30:00Z`);
const ANA = { phone: '+14155550123', contactId: 'c-ana', accountId: 'acc-1' };
const BEN = { phone: '+14155550124', contactId: 'c-ben' };
const CONFIG = parseConfig({
  version: 1,
  programs: {
    demo: {
      name: 'Demo',
      from: '+14155550199',
      consent: { required: 'opt_in' },
      helpText: 'help',
      workflows: { onb: { category: 'onboarding' } },
      campaigns: { sale: { category: 'promotion' } },
    },
  },
  fees: { currency: 'USD', smsPerSegmentMicros: { US: 7900 }, mmsPerMessageMicros: {} },
  costs: { platformMonthlyMinor: 30_000 },
});
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;
const onb = { channel: 'sms' as const, programId: 'demo', kind: 'flow' as const, workflowId: 'onb', step: 0 };
const sale = { channel: 'sms' as const, programId: 'demo', kind: 'campaign' as const, campaignId: 'sale' };

/** Ana gets onb (2 segments), clicks it (and a preview bot does), orders; Ben gets the sale, replies STOP; Cleo is held out. */
const DRAFTS: EventDraft[] = [
  {
    type: 'crm.contact.upserted',
    source: 'hubspot',
    vendorRef: 'c1',
    occurredAt: at('08:00'),
    ...ANA,
    timeZone: 'America/Chicago',
  },
  {
    type: 'crm.account.upserted',
    source: 'hubspot',
    vendorRef: 'a1',
    occurredAt: at('08:00'),
    accountId: 'acc-1',
    tier: 'smb',
  },
  {
    type: 'message.sent',
    source: 'twilio',
    vendorRef: 'SMa:sent',
    occurredAt: at('15:00'),
    ...ANA,
    ...onb,
    messageId: 'SMa',
    to: ANA.phone,
    from: '+14155550199',
    cost: { segments: 2 },
  },
  {
    type: 'message.delivered',
    source: 'twilio',
    vendorRef: 'SMa:dlr',
    occurredAt: at('15:01'),
    ...ANA,
    ...onb,
    messageId: 'SMa',
    to: ANA.phone,
  },
  {
    type: 'message.clicked',
    source: 'internal',
    vendorRef: 'k-bot',
    occurredAt: at('15:02'),
    ...ANA,
    ...onb,
    messageId: 'SMa',
    linkCode: 'abc',
    destination: 'https://shop.example/p',
    bot: true,
  },
  {
    type: 'message.clicked',
    source: 'internal',
    vendorRef: 'k-ana',
    occurredAt: at('15:10'),
    ...ANA,
    ...onb,
    messageId: 'SMa',
    linkCode: 'abc',
    destination: 'https://shop.example/p',
    bot: false,
  },
  {
    type: 'send.suppressed',
    source: 'internal',
    vendorRef: 'ghost-cleo',
    occurredAt: at('15:00'),
    phone: '+14155550125',
    ...onb,
    requestId: 'req-cleo',
    reason: 'holdout',
  },
  {
    type: 'message.sent',
    source: 'twilio',
    vendorRef: 'SMb:sent',
    occurredAt: at('16:00'),
    ...BEN,
    ...sale,
    messageId: 'SMb',
    to: BEN.phone,
    from: '+14155550199',
    cost: { segments: 1 },
  },
  {
    type: 'message.delivered',
    source: 'twilio',
    vendorRef: 'SMb:dlr',
    occurredAt: at('16:01'),
    ...BEN,
    ...sale,
    messageId: 'SMb',
    to: BEN.phone,
  },
  {
    type: 'message.received',
    source: 'twilio',
    vendorRef: 'MOb',
    occurredAt: at('16:30'),
    ...BEN,
    channel: 'sms',
    messageId: 'MOb',
    from: BEN.phone,
    to: '+14155550199',
    body: 'STOP',
  },
  {
    type: 'consent.changed',
    source: 'internal',
    vendorRef: 'stop-ben',
    occurredAt: at('16:30'),
    ...BEN,
    channel: 'sms',
    status: 'opted_out',
    scope: { kind: 'all' },
    evidence: { method: 'keyword', keyword: 'STOP' },
  },
  {
    type: 'order.placed',
    source: 'generic',
    vendorRef: 'ord-1',
    occurredAt: at('18:00'),
    ...ANA,
    orderId: 'o-1',
    revenueMinor: 5_000,
    currency: 'USD',
    marginMinor: 2_000,
    discountMinor: 500,
  },
];

async function writeLake(store: LocalObjectStore, drafts: readonly EventDraft[]) {
  const events = drafts.map((draft) => canonicalEvent(draft, new Date(Date.parse(draft.occurredAt) + 5_000)));
  for (const [table, rows] of Object.entries(rowsForEvents(events, SALT))) {
    const definition = LAKE_TABLES.find((t) => t.name === table)!;
    if (rows.length > 0) await replacePartition(store, definition, DAY, rows, 'fixture');
  }
}

const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

async function scoredLake(drafts: readonly EventDraft[]) {
  const dir = tempLakeDir('scorecards-job-');
  dirs.push(dir);
  const store = new LocalObjectStore(dir.dir);
  await writeLake(store, drafts);
  await runAttributionJob({ store, now: () => NOW }, { from: DAY, to: DAY });
  const summary = await runScorecardsJob({ store, now: () => NOW }, settingsFrom(CONFIG), {
    from: DAY,
    to: DAY,
  });
  return { root: dir.dir, store, summary };
}

async function scorecardRows(root: string) {
  const db = await lakeDuckdb(root, LAKE_TABLES);
  try {
    return await db.rows(
      `SELECT * EXCLUDE (dt), dt FROM scorecards ORDER BY period, level, kind NULLS FIRST, key`,
    );
  } finally {
    db.close();
  }
}

describe('Scorecards job over a real lake', () => {
  it('writes the day’s scorecards, read back by DuckDB with the counts of the story', async () => {
    // Prepare / Act
    const { root, summary } = await scoredLake(DRAFTS);
    const rows = await scorecardRows(root);

    // Assess
    expect(summary).toMatchObject({ days: [DAY], sends: 2, currency: 'USD', attributionModel: 'linear' });
    expect(summary.rows).toBe(rows.length);
    const flow = rows.find((r) => r.period === 'day' && r.level === 'flow' && r.key === 'onb')!;
    expect(flow).toMatchObject({
      dt: DAY,
      category: 'onboarding',
      eligible: 2, // Ana's send + Cleo's holdout ghost
      suppressed: 1,
      sends: 1,
      recipients: 1,
      segments: 2,
      delivered: 1,
      unique_clickers: 1, // the preview bot does not count
      conversions: 1, // Ana's order
      revenue_minor: 5_000n, // every credit of the order is on onb's touches
      profit_minor: 1_500n, // margin 2,000 - discount 500
      // fee 2 x 7,900 micros = 1.58 cents -> 2; platform 30,000 / 30 = 1,000 a day over 2 messages = 500.
      cost_minor: 502n,
      roi_attributed: (1_500 - 502) / 502,
    });
    const campaign = rows.find((r) => r.period === 'day' && r.level === 'campaign' && r.key === 'sale')!;
    expect(campaign).toMatchObject({
      sends: 1,
      repliers: 1,
      opt_outs: 1,
      reply_rate: 1,
      opt_out_rate: 1,
      conversions: 0,
    });
    // Ana is in Chicago (UTC-6 in November): sent 15:00Z = 09 local; Ben has no zone: 16 UTC.
    expect(rows.find((r) => r.period === 'day' && r.level === 'send_hour' && r.key === '09')).toBeDefined();
    expect(rows.find((r) => r.period === 'day' && r.level === 'send_hour' && r.key === '16')).toBeDefined();
    expect(rows.find((r) => r.level === 'account_tier' && r.key === 'smb')).toBeDefined();
  });

  it('rewrites the day on a rerun, and a duplicated webhook in the lake changes nothing', async () => {
    // Prepare: the same story with the delivery, the human click and the reply exported twice.
    const again = DRAFTS.filter((d) => ['SMa:dlr', 'k-ana', 'MOb'].includes(d.vendorRef));
    const { root, store, summary } = await scoredLake([...DRAFTS, ...again]);
    const first = await scorecardRows(root);

    // Act
    const rerun = await runScorecardsJob({ store, now: () => NOW }, settingsFrom(CONFIG), {
      from: DAY,
      to: DAY,
    });

    // Assess
    expect(await scorecardRows(root)).toEqual(first);
    expect(rerun.rows).toBe(summary.rows);
    expect(parquetFiles(root).filter((f) => f.includes('/lake/scorecards/'))).toHaveLength(1);
    const single = await scoredLake(DRAFTS);
    expect(first).toEqual(await scorecardRows(single.root));
  });

  it('answers the scorecard_by_category named query, ranked within category', async () => {
    const { root } = await scoredLake(DRAFTS);
    const db = await lakeDuckdb(root, LAKE_TABLES);
    try {
      const query = readNamedQueries().find((q) => q.id === 'scorecard_by_category')!;
      const rows = await db.rows(query.sql);
      const toDate = rows.filter((r) => r.period === 'to_date');
      expect(toDate.map((r) => [r.kind, r.category, r.rank_in_category, r.campaign_or_workflow])).toEqual([
        ['campaign', 'promotion', 1, 'sale'],
        ['flow', 'onboarding', 1, 'onb'],
      ]);
      expect(rows.map((r) => r.period)).toEqual([
        'day',
        'day',
        '7d',
        '7d',
        '28d',
        '28d',
        '90d',
        '90d',
        'to_date',
        'to_date',
      ]);
    } finally {
      db.close();
    }
  });

  it('writes nothing while another run holds the lease, and records its day once it runs', async () => {
    // Prepare
    const dir = tempLakeDir('scorecards-lease-');
    dirs.push(dir);
    const store = new LocalObjectStore(dir.dir);
    await writeLake(store, DRAFTS);
    let holder: string | undefined = 'other-run';
    const lease: JobLease = {
      acquire: async (runId) => {
        if (holder !== undefined && holder !== runId) {
          return { acquired: false, heldBy: holder, until: '2026-11-10T23:45:00.000Z' };
        }
        holder = runId;
        return { acquired: true };
      },
      release: async (runId) => {
        if (holder === runId) holder = undefined;
      },
    };
    const marks: ExportWatermark[] = [];
    const watermark: WatermarkStore = {
      read: async () => marks.at(-1),
      advance: async (m) => marks.push(m) > 0,
    };
    const ports = { store, now: () => NOW, lease, watermark };

    // Act
    const blocked = await runScorecardsJob(ports, settingsFrom(CONFIG), { from: DAY, to: DAY });
    holder = undefined;
    const ran = await runScorecardsJob(ports, settingsFrom(CONFIG), { from: DAY, to: DAY });

    // Assess
    expect(blocked.skipped).toMatch(/another scorecards run \(other-run\)/);
    expect(blocked.rows).toBe(0);
    expect(ran.skipped).toBeUndefined();
    expect(ran.rows).toBeGreaterThan(0);
    expect(marks.map((m) => m.day)).toEqual([DAY]);
    expect(holder).toBeUndefined();
  });
});
