import type { ColumnBatch } from '../../lake/lakeColumns.js';
import {
  defaultOutcomeLevel,
  type Outcome,
  type OutcomeLevel,
  type OutcomeType,
  type TouchKind,
} from '../model.js';
import { AddressTable } from './addressTable.js';
import type { AttributionPlan } from './plan.js';

/**
 * From lake `events` rows to what the attribution core takes. The SQL twin
 * (../sql/attribution_base.sql) states the same mapping in SQL; the twin tests hold the two to
 * identical rows, so a change here needs the same change there.
 *
 * Identity: a row's contact is its `contact_id`, else the contact the CRM last gave its phone
 * hash, else its email hash (crm.contact.upserted rows, latest by time then event id). A
 * contact's account is the account of its latest upsert that names one.
 */

/** Canonical events that are touches, by the touch kind they count as. */
export const TOUCH_EVENT_KINDS: Readonly<Record<string, TouchKind>> = {
  'message.delivered': 'send',
  'email.delivered': 'send',
  'message.clicked': 'click',
  'email.clicked': 'click',
  'message.received': 'reply',
};

/** Canonical events that are outcomes (opportunity.closed only when won), by outcome type. */
export const OUTCOME_EVENT_TYPES: Readonly<Record<string, OutcomeType>> = {
  'lead.qualified': 'lead_qualified',
  'meeting.booked': 'meeting_booked',
  'meeting.attended': 'meeting_attended',
  'opportunity.created': 'opportunity_created',
  'opportunity.stage_changed': 'stage_changed',
  'opportunity.closed': 'closed_won',
  'order.placed': 'order',
  'subscription.renewed': 'renewal',
  'subscription.expanded': 'expansion',
};

/** Columns of `events` the history pass reads. */
export const HISTORY_COLUMNS = [
  'event_id',
  'type',
  'source',
  'occurred_at',
  'contact_id',
  'account_id',
  'phone_hash',
  'email_hash',
  'amount_minor',
  'currency',
  'attributes',
] as const;

/** Columns of `events` the touch pass reads. */
export const TOUCH_COLUMNS = [
  'event_id',
  'type',
  'occurred_at',
  'contact_id',
  'account_id',
  'phone_hash',
  'email_hash',
  'channel',
  'program_id',
  'kind',
  'campaign_id',
  'workflow_id',
  'step',
  'message_id',
  'attributes',
] as const;

/**
 * A top-level field of a JSON object as text, as Athena's json_extract_scalar gives it: a
 * string as is, a number or boolean as its JSON text, anything else (absent, null, object) null.
 */
export function jsonScalar(attributes: Record<string, unknown>, key: string): string | null {
  const value = attributes[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function parseAttributes(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** A click's bot flag, from its attributes; `"bot":true` cannot be there without the word true. */
export function isBotClick(attributes: unknown): boolean {
  if (typeof attributes !== 'string' || !attributes.includes('true')) return false;
  return jsonScalar(parseAttributes(attributes), 'bot') === 'true';
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' ? value : null);

interface Latest {
  value: string;
  at: number;
  eventId: string;
}

/** Later by time, then by event id: the same order the SQL's row_number() picks. */
const isLater = (at: number, eventId: string, than: Latest | undefined) =>
  !than || at > than.at || (at === than.at && eventId > than.eventId);

/** An outcome event as read, before identity is resolved. */
interface RawOutcome {
  eventId: string;
  eventType: string;
  outcomeType: OutcomeType;
  source: string;
  at: number;
  contactId: string | null;
  accountId: string | null;
  phoneHash: string | null;
  emailHash: string | null;
  opportunityId: string | null;
  fromStage: string | null;
  toStage: string | null;
  amountMinor: number | null;
  currency: string | null;
}

/** An outcome the core credits, plus what `pipeline_outcomes` reports beside its flags. */
export interface JobOutcome extends Outcome {
  contactId: string | null;
  accountId: string | null;
  level: OutcomeLevel;
  eventType: string;
  source: string;
  opportunityId: string | null;
  fromStage: string | null;
  toStage: string | null;
  /** The opportunity milestone as reported: the outcome itself for opportunity_created. */
  opportunityCreatedAt: number | null;
  leadCreatedAt: number | null;
}

/** Contact resolution and the CRM maps, once the history is read. */
export interface Identity {
  contactOf(contactId: unknown, phoneHash: unknown, emailHash: unknown): string | null;
  readonly contactAccounts: ReadonlyMap<string, string>;
}

/**
 * The history pass: every `events` row up to the last partition of the run. Keeps the CRM
 * facts (identity maps, first lead qualification per contact, first creation per opportunity)
 * and the run's outcome events; everything else is skipped after reading its type.
 */
export class HistoryReader {
  private readonly phones = new AddressTable();
  private readonly emails = new AddressTable();
  /** Contact ids by number, for the address tables' values. */
  private readonly contactNames: string[] = [];
  private readonly contactNumbers = new Map<string, number>();
  private readonly accounts = new Map<string, Latest>();
  private readonly leads: {
    contactId: string | null;
    phoneHash: string | null;
    emailHash: string | null;
    at: number;
  }[] = [];
  private readonly opportunities = new Map<string, number>();
  private readonly outcomes: RawOutcome[] = [];
  rows = 0;

  constructor(private readonly plan: AttributionPlan) {}

  add(batch: ColumnBatch): void {
    const type = batch.column('type');
    const eventId = batch.column('event_id');
    const occurredAt = batch.column('occurred_at');
    const contactId = batch.column('contact_id');
    const accountId = batch.column('account_id');
    const phoneHash = batch.column('phone_hash');
    const emailHash = batch.column('email_hash');
    const attributes = batch.column('attributes');
    const outcomeDay = batch.dt >= this.plan.outcomeFromDt;
    this.rows += batch.length;
    for (let i = 0; i < batch.length; i += 1) {
      const eventType = type[i] as string;
      if (eventType === 'crm.contact.upserted') {
        const contact = text(contactId[i]);
        if (contact === null) continue;
        const at = occurredAt[i] as number;
        const id = eventId[i] as string;
        const phone = text(phoneHash[i]);
        const email = text(emailHash[i]);
        if (phone !== null) this.phones.offer(phone, this.numberOf(contact), at, id);
        if (email !== null) this.emails.offer(email, this.numberOf(contact), at, id);
        const account = text(accountId[i]);
        if (account !== null && isLater(at, id, this.accounts.get(contact))) {
          this.accounts.set(contact, { value: account, at, eventId: id });
        }
        continue;
      }
      if (eventType === 'lead.qualified') {
        this.leads.push({
          contactId: text(contactId[i]),
          phoneHash: text(phoneHash[i]),
          emailHash: text(emailHash[i]),
          at: occurredAt[i] as number,
        });
      }
      const outcomeType = OUTCOME_EVENT_TYPES[eventType];
      if (outcomeType === undefined) continue;
      const attrs = parseAttributes(attributes[i]);
      const at = occurredAt[i] as number;
      const source = batch.column('source')[i] as string;
      const opportunityId = jsonScalar(attrs, 'opportunityId');
      if (eventType === 'opportunity.created' && opportunityId !== null) {
        const key = `${source}\u0000${opportunityId}`;
        const first = this.opportunities.get(key);
        if (first === undefined || at < first) this.opportunities.set(key, at);
      }
      if (!outcomeDay || at < this.plan.fromMs || at >= this.plan.toMs) continue;
      if (eventType === 'opportunity.closed' && jsonScalar(attrs, 'outcome') !== 'won') continue;
      const delta = eventType === 'subscription.expanded' ? jsonScalar(attrs, 'deltaArrMinor') : null;
      this.outcomes.push({
        eventId: eventId[i] as string,
        eventType,
        outcomeType,
        source,
        at,
        contactId: text(contactId[i]),
        accountId: text(accountId[i]),
        phoneHash: text(phoneHash[i]),
        emailHash: text(emailHash[i]),
        opportunityId,
        fromStage: jsonScalar(attrs, 'fromStage'),
        toStage: jsonScalar(attrs, 'toStage') ?? jsonScalar(attrs, 'stage'),
        amountMinor:
          eventType === 'subscription.expanded'
            ? delta === null
              ? null
              : Number(delta)
            : int(batch.column('amount_minor')[i]),
        currency: text(batch.column('currency')[i]) ?? jsonScalar(attrs, 'currency'),
      });
    }
  }

  /** Identity maps and the run's outcomes, resolved (outcomes in no particular order). */
  finish(): { identity: Identity; outcomes: JobOutcome[] } {
    const { phones, emails, contactNames } = this;
    phones.seal();
    emails.seal();
    this.contactNumbers.clear();
    // A plain map, one string per account (not one per upsert row), and no entry objects left
    // for the garbage collector to walk through the touch pass.
    const accountNames = new Map<string, string>();
    const contactAccounts = new Map<string, string>();
    for (const [contact, latest] of this.accounts) {
      let account = accountNames.get(latest.value);
      if (account === undefined) {
        account = latest.value;
        accountNames.set(account, account);
      }
      contactAccounts.set(contact, account);
    }
    this.accounts.clear();
    const byAddress = (table: AddressTable, hash: unknown): string | undefined => {
      if (typeof hash !== 'string') return undefined;
      const number = table.get(hash);
      return number < 0 ? undefined : contactNames[number];
    };
    const identity: Identity = {
      contactOf: (contactId, phoneHash, emailHash) =>
        text(contactId) ?? byAddress(phones, phoneHash) ?? byAddress(emails, emailHash) ?? null,
      contactAccounts,
    };
    const firstLead = new Map<string, number>();
    for (const lead of this.leads) {
      const contact = identity.contactOf(lead.contactId, lead.phoneHash, lead.emailHash);
      if (contact === null) continue;
      const first = firstLead.get(contact);
      if (first === undefined || lead.at < first) firstLead.set(contact, lead.at);
    }
    const outcomes = this.outcomes.map((raw) => this.resolve(raw, identity, firstLead));
    this.outcomes.length = 0;
    this.leads.length = 0;
    return { identity, outcomes };
  }

  private resolve(raw: RawOutcome, identity: Identity, firstLead: ReadonlyMap<string, number>): JobOutcome {
    const contactId = identity.contactOf(raw.contactId, raw.phoneHash, raw.emailHash);
    const accountId =
      raw.accountId ?? (contactId === null ? null : (identity.contactAccounts.get(contactId) ?? null));
    const lead = contactId === null ? undefined : firstLead.get(contactId);
    const created =
      raw.opportunityId === null
        ? undefined
        : this.opportunities.get(`${raw.source}\u0000${raw.opportunityId}`);
    const amountMinor = raw.currency === null ? null : raw.amountMinor;
    const leadCreatedAt = lead !== undefined && lead <= raw.at ? lead : null;
    const milestoneCreatedAt =
      raw.outcomeType !== 'opportunity_created' && created !== undefined && created <= raw.at
        ? created
        : null;
    return {
      outcomeId: raw.eventId,
      outcomeType: raw.outcomeType,
      at: raw.at,
      contactId,
      accountId,
      level: defaultOutcomeLevel(raw.outcomeType),
      amountMinor,
      currency: amountMinor === null ? null : raw.currency,
      // opportunity_created leaves its own time to the core (RULES.md: the opportunity time defaults to the outcome).
      milestones: { leadCreatedAt, opportunityCreatedAt: milestoneCreatedAt },
      eventType: raw.eventType,
      source: raw.source,
      opportunityId: raw.opportunityId,
      fromStage: raw.fromStage,
      toStage: raw.toStage,
      opportunityCreatedAt: raw.outcomeType === 'opportunity_created' ? raw.at : milestoneCreatedAt,
      leadCreatedAt,
    };
  }

  private numberOf(contact: string): number {
    let number = this.contactNumbers.get(contact);
    if (number === undefined) {
      number = this.contactNames.length;
      this.contactNames.push(contact);
      this.contactNumbers.set(contact, number);
    }
    return number;
  }
}
