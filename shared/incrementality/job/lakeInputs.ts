import { type CurrencyRates, convert } from '../../attribution/currency.js';
import type { OutcomeType } from '../../attribution/model.js';
import { type ColumnBatch, readLakeColumns } from '../../lake/lakeColumns.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { eventsTable } from '../../lake/tables/events.js';
import { pipelineOutcomesTable } from '../../lake/tables/pipeline_outcomes.js';
import { sendDecisionsTable } from '../../lake/tables/send_decisions.js';
import type { UnitCost } from '../analyze.js';
import type { Arm, ContactSignal, Exposure, MemberOutcome, TestedUnit } from '../model.js';

/**
 * Reads what the holdouts job needs from the lake (hyparquet, no DuckDB): exposures from
 * `send_decisions`, outcomes from `pipeline_outcomes` (with order margins from `events`), contact
 * signals (opt-outs, human clicks and replies, emails, churn) and segment facts (account tier,
 * detected intents) from `events`, and each unit's cost from `scorecards` when that table exists.
 */
export interface LakeReadRange {
  /** First partition of send_decisions and events signals. */
  fromDt: string;
  /** First partition of pipeline_outcomes (covers the CUPED pre-period). */
  outcomesFromDt: string;
  /** Last partition read (the run's day plus late arrivals). */
  toDt: string;
  currency: string;
  currencyRates?: CurrencyRates;
  /** Profit share of revenue whose event gives no margin. */
  defaultGrossMargin: number;
}

export interface HoldoutLakeFacts {
  exposures: Exposure[];
  outcomes: MemberOutcome[];
  signals: ContactSignal[];
  /** Account tier of each member (through its account), when the CRM gave one. */
  tierOf: Map<string, string>;
  /** Intents detected in each member's replies, in time order. */
  intentsOf: Map<string, { at: number; intent: string }[]>;
  /** Outcomes left out because their currency could not be converted to `currency`. */
  skippedCurrency: number;
  rowsRead: { send_decisions: number; pipeline_outcomes: number; events: number };
}

/** Suppress reasons the gate checks after the holdout: such a contact was in the treatment. */
const AFTER_HOLDOUT = new Set(['quiet_hours', 'collision', 'cap']);

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** contact id, else the phone hash: the same key the holdout hashes for most contacts. */
export function memberKeyOf(contactId: unknown, phoneHash: unknown): string | null {
  const contact = str(contactId);
  if (contact) return contact;
  const phone = str(phoneHash);
  return phone ? `phone:${phone}` : null;
}

/** The arm a send decision puts its contact in, or null when it is in neither (consent, invalid number). */
export function armOf(decision: unknown, reason: unknown): Arm | null {
  if (decision === 'allow' || decision === 'defer') return 'treatment';
  if (decision !== 'suppress') return null;
  if (reason === 'holdout') return 'holdout';
  return typeof reason === 'string' && AFTER_HOLDOUT.has(reason) ? 'treatment' : null;
}

function* rows(batch: ColumnBatch, names: readonly string[]): Generator<Record<string, unknown>> {
  const columns = names.map((name) => [name, batch.column(name)] as const);
  for (let i = 0; i < batch.length; i += 1) {
    const row: Record<string, unknown> = {};
    for (const [name, values] of columns) row[name] = values[i];
    yield row;
  }
}

function parseAttributes(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const EXPOSURE_COLUMNS = [
  'decided_at',
  'decision',
  'reason',
  'contact_id',
  'phone_hash',
  'program_id',
  'kind',
  'campaign_id',
  'workflow_id',
  'variant',
  'channel',
] as const;

async function readExposures(store: ObjectStore, range: LakeReadRange, facts: HoldoutLakeFacts) {
  const seen = new Set<string>();
  for await (const batch of readLakeColumns(
    store,
    sendDecisionsTable,
    { fromDt: range.fromDt, toDt: range.toDt },
    EXPOSURE_COLUMNS,
  )) {
    facts.rowsRead.send_decisions += batch.length;
    for (const row of rows(batch, EXPOSURE_COLUMNS)) {
      const arm = armOf(row.decision, row.reason);
      const memberKey = memberKeyOf(row.contact_id, row.phone_hash);
      const kind = row.kind === 'campaign' ? 'campaign' : row.kind === 'flow' ? 'flow' : null;
      const id = kind === 'campaign' ? str(row.campaign_id) : str(row.workflow_id);
      const at = num(row.decided_at);
      if (!arm || !memberKey || !kind || !id || at === null) continue;
      const unit: TestedUnit = { id, kind, programId: str(row.program_id) };
      // Units are shared objects so cohorts group them by identity-free keys anyway; dedupe rows.
      const key = `${unit.programId}|${kind}|${id}|${memberKey}|${at}|${arm}`;
      if (seen.has(key)) continue;
      seen.add(key);
      facts.exposures.push({
        unit,
        memberKey,
        at,
        arm,
        channel: str(row.channel) ?? 'sms',
        variant: str(row.variant),
      });
    }
  }
}

const EVENT_COLUMNS = [
  'event_id',
  'type',
  'occurred_at',
  'contact_id',
  'account_id',
  'phone_hash',
  'attributes',
] as const;

interface Margin {
  marginMinor: number | null;
  discountMinor: number;
}

/** Events that carry a signal, a segment fact or an order margin (attributes parsed only for those). */
async function readEvents(store: ObjectStore, range: LakeReadRange, facts: HoldoutLakeFacts) {
  const margins = new Map<string, Margin>();
  const accountOf = new Map<string, { at: number; account: string }>();
  const tierOfAccount = new Map<string, { at: number; tier: string }>();
  const contactOfPhone = new Map<string, { at: number; contact: string }>();
  // CRM history (accounts, tiers) may be old: read every partition up to the last day.
  for await (const batch of readLakeColumns(store, eventsTable, { toDt: range.toDt }, EVENT_COLUMNS)) {
    facts.rowsRead.events += batch.length;
    const inRange = batch.dt >= range.outcomesFromDt;
    for (const row of rows(batch, EVENT_COLUMNS)) {
      const type = row.type;
      const at = num(row.occurred_at) ?? 0;
      const member = memberKeyOf(row.contact_id, row.phone_hash);
      if (type === 'crm.contact.upserted' || type === 'crm.account.upserted') {
        const contact = str(row.contact_id);
        const phone = str(row.phone_hash);
        if (type === 'crm.contact.upserted' && contact && phone) {
          const prior = contactOfPhone.get(phone);
          if (!prior || prior.at <= at) contactOfPhone.set(phone, { at, contact });
        }
        const account = str(row.account_id);
        if (!account) continue;
        if (type === 'crm.contact.upserted' && member) {
          const prior = accountOf.get(member);
          if (!prior || prior.at <= at) accountOf.set(member, { at, account });
        } else if (type === 'crm.account.upserted') {
          const tier = str(parseAttributes(row.attributes).tier);
          const prior = tierOfAccount.get(account);
          if (tier && (!prior || prior.at <= at)) tierOfAccount.set(account, { at, tier });
        }
        continue;
      }
      if (!inRange || !member) continue;
      const signal = (kind: ContactSignal['kind']) => facts.signals.push({ memberKey: member, at, kind });
      switch (type) {
        case 'order.placed': {
          const a = parseAttributes(row.attributes);
          margins.set(String(row.event_id), {
            marginMinor: num(a.marginMinor),
            discountMinor: num(a.discountMinor) ?? 0,
          });
          break;
        }
        case 'consent.changed':
          if (parseAttributes(row.attributes).status === 'opted_out') signal('opt_out');
          break;
        case 'message.clicked':
          if (parseAttributes(row.attributes).bot !== true) signal('engaged');
          break;
        case 'message.received':
          signal('engaged');
          break;
        case 'email.sent':
        case 'email.delivered':
          signal('email');
          break;
        case 'subscription.churned':
          signal('churn');
          break;
        case 'intent.detected': {
          const intent = str(parseAttributes(row.attributes).intent);
          if (!intent) break;
          const list = facts.intentsOf.get(member) ?? [];
          list.push({ at, intent });
          facts.intentsOf.set(member, list);
          break;
        }
        default:
      }
    }
  }
  for (const [member, { account }] of accountOf) {
    const tier = tierOfAccount.get(account)?.tier;
    if (tier) facts.tierOf.set(member, tier);
  }
  for (const list of facts.intentsOf.values()) list.sort((a, b) => a.at - b.at);
  return {
    margins,
    contactOfPhone: new Map([...contactOfPhone].map(([phone, { contact }]) => [phone, contact])),
  };
}

/**
 * Members known only by phone hash become their CRM contact when the CRM gave that phone, so their
 * outcomes (keyed by contact) join. Signals and intents are re-keyed alike.
 */
function resolvePhones(facts: HoldoutLakeFacts, contactOfPhone: ReadonlyMap<string, string>) {
  const resolve = (key: string) =>
    key.startsWith('phone:') ? (contactOfPhone.get(key.slice('phone:'.length)) ?? key) : key;
  for (const exposure of facts.exposures) exposure.memberKey = resolve(exposure.memberKey);
  for (const signal of facts.signals) signal.memberKey = resolve(signal.memberKey);
  for (const [key, list] of [...facts.intentsOf]) {
    const resolved = resolve(key);
    if (resolved === key) continue;
    facts.intentsOf.delete(key);
    const merged = [...(facts.intentsOf.get(resolved) ?? []), ...list].sort((a, b) => a.at - b.at);
    facts.intentsOf.set(resolved, merged);
  }
}

const OUTCOME_COLUMNS = [
  'outcome_id',
  'outcome_type',
  'occurred_at',
  'contact_id',
  'amount_minor',
  'currency',
  'to_stage',
] as const;

async function readOutcomes(
  store: ObjectStore,
  range: LakeReadRange,
  margins: Map<string, Margin>,
  facts: HoldoutLakeFacts,
) {
  for await (const batch of readLakeColumns(
    store,
    pipelineOutcomesTable,
    { fromDt: range.outcomesFromDt, toDt: range.toDt },
    OUTCOME_COLUMNS,
  )) {
    facts.rowsRead.pipeline_outcomes += batch.length;
    for (const row of rows(batch, OUTCOME_COLUMNS)) {
      const memberKey = str(row.contact_id);
      const at = num(row.occurred_at);
      if (!memberKey || at === null) continue;
      let amount = num(row.amount_minor) ?? 0;
      const currency = str(row.currency);
      let margin = margins.get(String(row.outcome_id));
      if (amount !== 0 && currency && currency !== range.currency) {
        if (!range.currencyRates) {
          facts.skippedCurrency += 1;
          continue;
        }
        try {
          const to = (x: number) => convert(x, currency, range.currency, range.currencyRates!);
          amount = to(amount);
          if (margin) {
            margin = {
              marginMinor: margin.marginMinor === null ? null : to(margin.marginMinor),
              discountMinor: to(margin.discountMinor),
            };
          }
        } catch {
          facts.skippedCurrency += 1;
          continue;
        }
      }
      const profit =
        margin?.marginMinor != null
          ? margin.marginMinor - margin.discountMinor
          : amount * range.defaultGrossMargin - (margin?.discountMinor ?? 0);
      facts.outcomes.push({
        memberKey,
        type: row.outcome_type as OutcomeType,
        at,
        amountMinor: amount,
        profitMinor: profit,
        toStage: str(row.to_stage),
      });
    }
  }
}

export async function readHoldoutFacts(store: ObjectStore, range: LakeReadRange): Promise<HoldoutLakeFacts> {
  const facts: HoldoutLakeFacts = {
    exposures: [],
    outcomes: [],
    signals: [],
    tierOf: new Map(),
    intentsOf: new Map(),
    skippedCurrency: 0,
    rowsRead: { send_decisions: 0, pipeline_outcomes: 0, events: 0 },
  };
  await readExposures(store, range, facts);
  const { margins, contactOfPhone } = await readEvents(store, range, facts);
  resolvePhones(facts, contactOfPhone);
  await readOutcomes(store, range, margins, facts);
  return facts;
}

const SCORECARD_COLUMNS = ['period', 'level', 'key', 'program_id', 'cost_minor', 'roi_attributed'] as const;

/**
 * Each unit's program cost to date and attributed ROI from the day's `scorecards` rows (written
 * by the scorecards job); empty when that job has not run for the day.
 */
export async function readUnitCosts(store: ObjectStore, dt: string): Promise<Map<string, UnitCost>> {
  const costs = new Map<string, UnitCost>();
  for await (const batch of readLakeColumns(
    store,
    { name: 'scorecards' },
    { fromDt: dt, toDt: dt },
    SCORECARD_COLUMNS,
  )) {
    for (const row of rows(batch, SCORECARD_COLUMNS)) {
      if (row.period !== 'to_date' || (row.level !== 'flow' && row.level !== 'campaign')) continue;
      costs.set(`${str(row.program_id) ?? ''}|${row.level}|${row.key}`, {
        costMinor: num(row.cost_minor),
        roiAttributed: num(row.roi_attributed),
      });
    }
  }
  return costs;
}
