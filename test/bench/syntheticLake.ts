import { createHash } from 'node:crypto';
import type { ObjectStore } from '../../shared/lake/objectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import { eventsTable } from '../../shared/lake/tables/events.js';
import { mulberry32 } from '../support/mulberry32.js';

/**
 * A synthetic `events` lake for the attribution bench, written by the real Parquet writer into
 * arrival-day partitions, one day at a time (never the whole lake in memory). Rows look like
 * the export's: touches carry the phone or email hash (the identity the job resolves through
 * the CRM's contact upserts), a third also the contact id; clicks carry their bot flag in
 * `attributes`; outcomes carry their ids, stages and amounts where the export puts them.
 */
export interface SyntheticLakeSizes {
  touches: number;
  outcomes: number;
  contacts: number;
  /** @default contacts / 10 */
  accounts?: number;
  /** @default 20260101 */
  seed?: number;
  /** @default 365 */
  days?: number;
}

export const LAKE_START_MS = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const CAMPAIGNS = 300;
const WORKFLOWS = 40;

type Row = Record<string, unknown>;

/** The first and last outcome day of a synthetic lake. */
export function lakeDays(sizes: SyntheticLakeSizes): { from: string; to: string } {
  const days = sizes.days ?? 365;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(LAKE_START_MS), to: day(LAKE_START_MS + (days - 1) * DAY) };
}

export interface SyntheticLakeStats {
  rows: number;
  touches: number;
  outcomes: number;
  contacts: number;
  accounts: number;
  partitions: number;
  writeMs: number;
}

export async function writeSyntheticLake(
  store: ObjectStore,
  sizes: SyntheticLakeSizes,
  progress?: (line: string) => void,
): Promise<SyntheticLakeStats> {
  const started = performance.now();
  const next = mulberry32(sizes.seed ?? 20_260_101);
  const days = sizes.days ?? 365;
  const contacts = sizes.contacts;
  const accounts = sizes.accounts ?? Math.max(1, Math.round(contacts / 10));
  const accountOf = (c: number) => `a${(Math.imul(c, 2_654_435_761) >>> 0) % accounts}`;
  const phoneHash: string[] = new Array(contacts);
  const emailHash: string[] = new Array(contacts);
  for (let c = 0; c < contacts; c += 1) {
    phoneHash[c] = sha(`phone:${c}`);
    emailHash[c] = sha(`email:${c}`);
  }
  let serial = 0;
  const eventId = () => {
    serial += 1;
    return `evt_${hex(Math.imul(serial, 0x9e3779b1) >>> 0, 8)}${hex(serial, 24)}`;
  };
  const base = (type: string, source: string, at: number): Row => ({
    event_id: eventId(),
    type,
    v: 1,
    source,
    vendor_ref: `ref-${serial}`,
    occurred_at: new Date(at),
    received_at: new Date(at + 5_000),
    phone_hash: null,
    email_hash: null,
    contact_id: null,
    account_id: null,
    channel: null,
    program_id: null,
    kind: null,
    campaign_id: null,
    workflow_id: null,
    step: null,
    template_id: null,
    variant: null,
    message_id: null,
    amount_minor: null,
    currency: null,
    attributes: '{}',
  });

  const byDay = new Map<number, Row[]>();
  const arrive = (row: Row, at: number) => {
    // 2% arrive a day or two late (webhook retries, a CRM sync that ran behind).
    const late = next() < 0.02 ? (1 + Math.floor(next() * 2)) * DAY : 0;
    const received = at + 5_000 + late;
    row.received_at = new Date(received);
    const day = Math.floor(received / DAY);
    const rows = byDay.get(day) ?? [];
    rows.push(row);
    byDay.set(day, rows);
  };
  let partitions = 0;
  let written = 0;
  const flushBefore = async (day: number) => {
    for (const d of [...byDay.keys()].sort((a, b) => a - b)) {
      if (d >= day) break;
      const rows = byDay.get(d)!;
      byDay.delete(d);
      await replacePartition(
        store,
        eventsTable,
        new Date(d * DAY).toISOString().slice(0, 10),
        rows,
        'synthetic',
      );
      partitions += 1;
      written += rows.length;
    }
  };

  // The CRM: every contact upserted once before the first day, with phone, email and account.
  const crmAt = LAKE_START_MS - 30 * DAY;
  for (let c = 0; c < contacts; c += 1) {
    const row = base('crm.contact.upserted', 'hubspot', crmAt);
    Object.assign(row, {
      contact_id: `c${c}`,
      account_id: accountOf(c),
      phone_hash: phoneHash[c],
      email_hash: emailHash[c],
    });
    arrive(row, crmAt);
  }
  await flushBefore(Math.floor(LAKE_START_MS / DAY));

  const touchesPerDay = sizes.touches / days;
  const outcomesPerDay = sizes.outcomes / days;
  const openOpportunities = new Map<string, { id: string; source: string }[]>();
  let touches = 0;
  let outcomes = 0;
  for (let d = 0; d < days; d += 1) {
    const dayStart = LAKE_START_MS + d * DAY;
    const todayTouches = Math.round((d + 1) * touchesPerDay) - Math.round(d * touchesPerDay);
    for (let i = 0; i < todayTouches; i += 1) {
      const c = Math.floor(next() * contacts);
      const at = dayStart + Math.floor(next() * 86_400) * 1000; // to the second: ties happen
      const roll = next();
      const email = next() < 0.2;
      const campaign = next() < 0.7;
      const type =
        roll < 0.6
          ? email
            ? 'email.delivered'
            : 'message.delivered'
          : roll < 0.9
            ? email
              ? 'email.clicked'
              : 'message.clicked'
            : 'message.received';
      const row = base(type, email ? 'sendgrid' : 'twilio', at);
      const sms = type === 'message.received' || !email;
      row.channel = sms ? 'sms' : 'email';
      if (sms) row.phone_hash = phoneHash[c];
      else row.email_hash = emailHash[c];
      if (next() < 0.3) row.contact_id = `c${c}`;
      if (type === 'message.received') {
        row.message_id = `mo-${serial}`;
        row.attributes = `{"fromHash":"${phoneHash[c]}","bodyLength":42,"bodyConsentAction":"none","mediaCount":0}`;
      } else {
        row.program_id = campaign ? 'growth' : 'lifecycle';
        row.kind = campaign ? 'campaign' : 'flow';
        if (campaign) row.campaign_id = `cmp${Math.floor(next() * CAMPAIGNS)}`;
        else {
          row.workflow_id = `wf${Math.floor(next() * WORKFLOWS)}`;
          row.step = Math.floor(next() * 5);
        }
        const clicked = roll >= 0.6;
        row.message_id = clicked ? `m-${c}-${Math.floor(next() * 4)}` : `m-${serial}`;
        row.attributes = clicked
          ? `{"destination":"https://shop.example.com/p?c=${c}","bot":${next() < 0.05}}`
          : `{"toHash":"${phoneHash[c]}"}`;
      }
      arrive(row, at);
      touches += 1;
    }
    const todayOutcomes = Math.round((d + 1) * outcomesPerDay) - Math.round(d * outcomesPerDay);
    for (let i = 0; i < todayOutcomes; i += 1) {
      const c = Math.floor(next() * contacts);
      const at = dayStart + Math.floor(next() * 86_400) * 1000;
      const account = accountOf(c);
      const roll = next();
      const currency = next() < 0.8 ? 'USD' : next() < 0.75 ? 'EUR' : 'JPY';
      let row: Row;
      if (roll < 0.4) {
        row = base('order.placed', 'generic', at);
        Object.assign(row, {
          phone_hash: next() < 0.7 ? phoneHash[c] : null,
          email_hash: emailHash[c],
          amount_minor: BigInt(Math.floor(next() * 30_000) + 100),
          currency,
          attributes: `{"orderId":"o${serial}","discountMinor":0}`,
        });
      } else if (roll < 0.55) {
        row = base(next() < 0.6 ? 'meeting.booked' : 'meeting.attended', 'hubspot', at);
        row.contact_id = `c${c}`;
        row.attributes = `{"meetingId":"mtg${serial}"}`;
      } else if (roll < 0.65) {
        row = base('lead.qualified', 'hubspot', at);
        row.contact_id = `c${c}`;
        row.attributes = '{"fromStage":"lead","toStage":"salesqualifiedlead"}';
      } else if (roll < 0.95) {
        const open = openOpportunities.get(account);
        const amount = BigInt(Math.floor(next() * 50_000_000) + 100);
        if (!open?.length || roll < 0.75) {
          row = base('opportunity.created', 'salesforce', at);
          const id = `opp${serial}`;
          Object.assign(row, {
            account_id: account,
            contact_id: `c${c}`,
            amount_minor: amount,
            currency,
            attributes: `{"opportunityId":"${id}","stage":"Qualification"}`,
          });
          const list = open ?? [];
          list.push({ id, source: 'salesforce' });
          openOpportunities.set(account, list);
        } else {
          const opportunity = open[Math.floor(next() * open.length)]!;
          const closes = roll >= 0.85;
          row = base(closes ? 'opportunity.closed' : 'opportunity.stage_changed', 'salesforce', at);
          Object.assign(row, {
            account_id: account,
            amount_minor: amount,
            currency,
            attributes: closes
              ? `{"opportunityId":"${opportunity.id}","outcome":"${next() < 0.7 ? 'won' : 'lost'}","stage":"Closed"}`
              : `{"opportunityId":"${opportunity.id}","fromStage":"Qualification","toStage":"Proposal"}`,
          });
          if (closes) open.splice(open.indexOf(opportunity), 1);
        }
      } else {
        row = base('subscription.renewed', 'generic', at);
        Object.assign(row, {
          account_id: account,
          amount_minor: BigInt(Math.floor(next() * 10_000_000)),
          currency,
          attributes: `{"subscriptionId":"sub${serial}"}`,
        });
      }
      arrive(row, at);
      outcomes += 1;
    }
    await flushBefore(Math.floor(dayStart / DAY) + 1);
    if (d % 60 === 59) progress?.(`  lake: ${d + 1}/${days} days, ${written} rows written`);
  }
  await flushBefore(Number.POSITIVE_INFINITY);
  return {
    rows: written,
    touches,
    outcomes,
    contacts,
    accounts,
    partitions,
    writeMs: performance.now() - started,
  };
}
