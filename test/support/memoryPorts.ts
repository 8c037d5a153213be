import { createHash } from 'node:crypto';
import type { DomainEvent } from '../../events/domain.js';
import type { DomainBus } from '../../shared/bus/domainBus.js';
import type { AppConfig } from '../../shared/config/programConfig.js';
import {
  ConsentAddressMissingError,
  type ConsentChannel,
  type ConsentEntry,
  type ConsentLedger,
  entryAddress,
  ledgerAddress,
} from '../../shared/consent/consentLedger.js';
import type { ContactDirectory } from '../../shared/identity/contactDirectory.js';
import {
  type AccountProfile,
  AccountProfileSchema,
  type ContactProfile,
  ContactProfileSchema,
  type IdentityUpdate,
  mergeOpportunitySnapshot,
  type OpportunitySnapshot,
  opportunityOwners,
  provisionalContactId,
} from '../../shared/identity/contactProfile.js';
import { countSegments } from '../../shared/messaging/segments.js';
import type { OutboundSms, SendReceipt, SmsSender, SmsVendor } from '../../shared/messaging/smsSender.js';
import type { ProcessPorts } from '../../shared/processing/processEvent.js';
import type { DeferredSend, DeferredSends } from '../../shared/sending/deferredSends.js';
import type { LedgerVerdict, SendHistoryEntry, SendLedger } from '../../shared/sending/sendLedger.js';
import type { SendPorts } from '../../shared/sending/sendMessage.js';
import {
  type ClaimResult,
  heldState,
  isClaimable,
  type SendRequestLedger,
  type SendRequestState,
} from '../../shared/sending/sendRequestLedger.js';
import { MemoryEventStore, MemoryQueue } from './fakes.js';
import { MemoryAlertStore } from './memoryAlerts.js';

/**
 * In-memory twins of the DynamoDB adapters behind the gate and the events processor, for unit
 * and property tests. Each keeps the semantics its Dynamo adapter has on dynalite (first write
 * wins, replays change nothing, out-of-order CRM updates are ignored, optimistic concurrency on
 * the send ledger), so a property found here holds for the real thing. No randomness and no
 * clock reads: the same calls always leave the same state.
 */

type Profile = Partial<ContactProfile> & Record<string, unknown>;

/** Mirrors DynamoContactDirectory: phone/email links to contacts; CRM updates merge by `updatedAt`. */
export class MemoryContactDirectory implements ContactDirectory {
  readonly contacts = new Map<string, Profile>();
  readonly accounts = new Map<string, Partial<AccountProfile> & Record<string, unknown>>();
  readonly phones = new Map<string, { contactId: string; provisional: boolean }>();
  readonly emails = new Map<string, string>();
  /** Opportunity snapshots under `CONTACT#id` and `ACCOUNT#id`, by opportunity id. */
  readonly opportunities = new Map<string, Map<string, OpportunitySnapshot>>();

  async resolvePhone(phone: string, at: string): Promise<ContactProfile> {
    const linked = await this.lookupPhone(phone);
    if (linked) return linked;
    const contactId = provisionalContactId(phone);
    const profile: ContactProfile = { contactId, provisional: true, phone, updatedAt: at };
    if (!this.contacts.has(contactId)) this.contacts.set(contactId, { ...profile });
    if (!this.phones.has(phone)) this.phones.set(phone, { contactId, provisional: true });
    // Like the Dynamo adapter: whatever link is stored now wins.
    const stored = this.phones.get(phone)?.contactId ?? contactId;
    return (await this.findContact(stored)) ?? profile;
  }

  async lookupPhone(phone: string): Promise<ContactProfile | undefined> {
    const link = this.phones.get(phone);
    return link ? this.findContact(link.contactId) : undefined;
  }

  async lookupEmail(email: string): Promise<ContactProfile | undefined> {
    const contactId = this.emails.get(email.toLowerCase());
    return contactId ? this.findContact(contactId) : undefined;
  }

  async findContact(contactId: string): Promise<ContactProfile | undefined> {
    const profile = this.contacts.get(contactId);
    return profile ? ContactProfileSchema.parse(structuredClone(profile)) : undefined;
  }

  async findAccount(accountId: string): Promise<AccountProfile | undefined> {
    const profile = this.accounts.get(accountId);
    return profile ? AccountProfileSchema.parse(structuredClone(profile)) : undefined;
  }

  async latestOpenOpportunity(keys: {
    contactId?: string;
    accountId?: string;
  }): Promise<OpportunitySnapshot | undefined> {
    for (const owner of [
      keys.contactId && `CONTACT#${keys.contactId}`,
      keys.accountId && `ACCOUNT#${keys.accountId}`,
    ]) {
      if (!owner) continue;
      const open = [...(this.opportunities.get(owner)?.values() ?? [])]
        .filter((o) => !o.closed)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      if (open[0]) return structuredClone(open[0]);
    }
    return undefined;
  }

  async apply(update: IdentityUpdate): Promise<void> {
    if (update.kind === 'opportunity') {
      const { snapshot } = update;
      for (const owner of opportunityOwners(snapshot)) this.mergeSnapshot(owner, snapshot);
      return;
    }
    if (update.kind === 'phoneSeen') {
      await this.resolvePhone(update.phone, update.at);
      return;
    }
    if (update.kind === 'account') {
      merge(this.accounts, update.profile.accountId, update.profile);
      return;
    }
    const { profile } = update;
    merge(this.contacts, profile.contactId, { ...profile, provisional: false });
    if (profile.phone) this.linkPhone(profile.phone, profile.contactId, profile.updatedAt);
    if (profile.email) this.emails.set(profile.email.toLowerCase(), profile.contactId);
  }

  /** The same rule as DynamoContactDirectory (mergeOpportunitySnapshot), on a Map. */
  private mergeSnapshot(owner: string, snapshot: OpportunitySnapshot): void {
    const deals = this.opportunities.get(owner) ?? new Map<string, OpportunitySnapshot>();
    this.opportunities.set(owner, deals);
    const merged = mergeOpportunitySnapshot(deals.get(snapshot.opportunityId), structuredClone(snapshot));
    if (merged) deals.set(snapshot.opportunityId, merged);
  }

  private linkPhone(phone: string, contactId: string, at: string): void {
    const previous = this.phones.get(phone);
    this.phones.set(phone, { contactId, provisional: false });
    if (previous?.provisional && previous.contactId !== contactId) {
      merge(this.contacts, previous.contactId, { mergedInto: contactId, updatedAt: at });
    }
  }
}

/** Sets the defined fields unless the stored item was updated by a later event (ISO strings compare as Dynamo's `<=`). */
function merge<T extends Record<string, unknown>>(
  store: Map<string, T>,
  key: string,
  fields: Record<string, unknown>,
): void {
  const stored = store.get(key) ?? ({} as T);
  const storedAt = stored.updatedAt as string | undefined;
  if (storedAt !== undefined && storedAt > String(fields.updatedAt)) return;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  store.set(key, { ...stored, ...structuredClone(defined) });
}

/** Mirrors DynamoConsentLedger: one immutable entry per (address, UTC time, event id). */
export class MemoryConsentLedger implements ConsentLedger {
  readonly ledgers = new Map<string, Map<string, ConsentEntry>>();

  async append(entry: ConsentEntry): Promise<{ appended: boolean }> {
    const address = entryAddress(entry);
    if (address === undefined) throw new ConsentAddressMissingError(entry);
    const key = `${entry.channel}#${address}`;
    const ledger = this.ledgers.get(key) ?? new Map<string, ConsentEntry>();
    this.ledgers.set(key, ledger);
    const sortKey = `${new Date(entry.occurredAt).toISOString()}#${entry.eventId}`;
    if (ledger.has(sortKey)) return { appended: false };
    ledger.set(sortKey, structuredClone(entry));
    return { appended: true };
  }

  async history(channel: ConsentChannel, address: string): Promise<ConsentEntry[]> {
    const ledger = this.ledgers.get(`${channel}#${ledgerAddress(channel, address)}`);
    if (!ledger) return [];
    return [...ledger.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, entry]) => structuredClone(entry));
  }
}

/** Same retention and retry bound as DynamoSendLedger. */
const LEDGER_RETENTION_MS = 92 * 24 * 3600 * 1000;
const LEDGER_MAX_ATTEMPTS = 200;

/**
 * Mirrors DynamoSendLedger: one versioned item per contact; read, decide, then write only if
 * the version is still the one read. The read and the write are separated by an `await`, so
 * concurrent callers (Promise.all) really interleave and the losers decide again, as on DynamoDB.
 */
export class MemorySendLedger implements SendLedger {
  readonly items = new Map<string, { entries: SendHistoryEntry[]; version: number }>();
  /** How many conditional writes lost a race (each one re-decided). */
  conflicts = 0;

  constructor(private readonly now: () => Date) {}

  async history(contactKey: string): Promise<SendHistoryEntry[]> {
    return this.read(contactKey).entries;
  }

  async decideAndRecord<D>(
    contactKey: string,
    decide: (history: SendHistoryEntry[]) => LedgerVerdict<D>,
  ): Promise<{ decision: D; recorded: boolean }> {
    for (let attempt = 1; attempt <= LEDGER_MAX_ATTEMPTS; attempt += 1) {
      const { entries, version } = this.read(contactKey);
      await Promise.resolve(); // the network round trip between GetItem and PutItem
      const verdict = decide(entries);
      if (!verdict.record) return { decision: verdict.decision, recorded: false };
      await Promise.resolve();
      if (this.tryWrite(contactKey, [...entries, verdict.record], version)) {
        return { decision: verdict.decision, recorded: true };
      }
      this.conflicts += 1;
    }
    throw new Error(`send ledger for ${contactKey} is too contended; retry later`);
  }

  async append(contactKey: string, entry: SendHistoryEntry): Promise<void> {
    await this.decideAndRecord(contactKey, (history) =>
      history.some((e) => e.requestId === entry.requestId)
        ? { decision: null }
        : { decision: null, record: entry },
    );
  }

  private read(contactKey: string): { entries: SendHistoryEntry[]; version: number } {
    const item = this.items.get(contactKey);
    return { entries: structuredClone(item?.entries ?? []), version: item?.version ?? 0 };
  }

  private tryWrite(contactKey: string, entries: SendHistoryEntry[], version: number): boolean {
    if ((this.items.get(contactKey)?.version ?? 0) !== version) return false;
    const horizon = this.now().getTime() - LEDGER_RETENTION_MS;
    const kept = entries.filter((e) => Date.parse(e.at) >= horizon);
    this.items.set(contactKey, { entries: structuredClone(kept), version: version + 1 });
    return true;
  }
}

/** Mirrors DynamoSendRequestLedger: the claim is taken only when `isClaimable`, settled only by its holder. */
export class MemorySendRequestLedger implements SendRequestLedger {
  readonly requests = new Map<string, SendRequestState>();

  async find(requestId: string): Promise<SendRequestState | undefined> {
    const state = this.requests.get(requestId);
    return state ? structuredClone(state) : undefined;
  }

  async claim(requestId: string, claim: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    const previous = this.requests.get(requestId);
    if (!isClaimable(previous, now)) return { won: false, current: structuredClone(previous!) };
    this.requests.set(requestId, heldState('deciding', claim, now, leaseMs));
    return { won: true, previous };
  }

  async settle(requestId: string, claim: string, next: SendRequestState): Promise<boolean> {
    const current = this.requests.get(requestId);
    if (!current || (current.state !== 'deciding' && current.state !== 'sending') || current.claim !== claim)
      return false;
    this.requests.set(requestId, structuredClone(next));
    return true;
  }
}

const HOUR_MS = 3_600_000;
/** Same look-back as DynamoDeferredSends: a timer more than 48 hour-buckets old is not found. */
const DEFER_LOOKBACK_HOURS = 48;

/** Mirrors DynamoDeferredSends: one timer per (until, requestId), due oldest first. */
export class MemoryDeferredSends implements DeferredSends {
  readonly timers = new Map<string, DeferredSend>();

  async schedule(send: DeferredSend): Promise<void> {
    this.timers.set(timerKey(send), structuredClone(send));
  }

  async due(now: Date, limit = 500): Promise<DeferredSend[]> {
    const oldestBucket = new Date(now.getTime() - DEFER_LOOKBACK_HOURS * HOUR_MS).toISOString().slice(0, 13);
    const ceiling = `${now.toISOString()}#\uffff`;
    return [...this.timers.entries()]
      .filter(([key, send]) => key <= ceiling && send.until.slice(0, 13) >= oldestBucket)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([, send]) => structuredClone(send));
  }

  async remove(sends: readonly DeferredSend[]): Promise<void> {
    for (const send of sends) this.timers.delete(timerKey(send));
  }
}

const timerKey = (send: DeferredSend) => `${send.until}#${send.request.requestId}`;

/** One message a fake sender accepted. */
export interface FakeSms extends OutboundSms {
  vendor: SmsVendor;
  vendorMessageId: string;
  /** The test clock when it was accepted. */
  at: string;
}

/**
 * An SmsSender that accepts everything (ids derived from a counter, so runs are repeatable)
 * and records it in `outbox`, which senders of several vendors may share. `failNext` makes the
 * next sends throw the given errors, one each; `refuse` answers every send it matches with a
 * thrown error (e.g. a carrier block).
 */
export class FakeSmsSender implements SmsSender {
  readonly failures: Error[] = [];
  refuse: (message: OutboundSms) => Error | undefined = () => undefined;

  constructor(
    readonly vendor: SmsVendor,
    readonly outbox: FakeSms[] = [],
    private readonly now: () => Date = () => new Date(0),
  ) {}

  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async send(message: OutboundSms): Promise<SendReceipt> {
    const failure = this.failures.shift() ?? this.refuse(message);
    if (failure) throw failure;
    const digest = createHash('sha256').update(`${this.vendor}:${this.outbox.length}`).digest('hex');
    const vendorMessageId =
      this.vendor === 'twilio'
        ? `SM${digest.slice(0, 32)}`
        : `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
    this.outbox.push({
      ...structuredClone(message),
      vendor: this.vendor,
      vendorMessageId,
      at: this.now().toISOString(),
    });
    return { vendorMessageId, status: 'queued', segments: countSegments(message.body).segments };
  }
}

/** Records domain events instead of putting them on EventBridge. */
export class MemoryBus implements DomainBus {
  readonly published: DomainEvent[] = [];

  async publish(events: readonly DomainEvent[]): Promise<void> {
    this.published.push(...structuredClone(events));
  }
}

/** Every port sendMessage and processEvent need, in memory, with handles to inspect each. */
export interface MemoryPorts extends SendPorts, ProcessPorts {
  alerts: MemoryAlertStore;
  directory: MemoryContactDirectory;
  consent: MemoryConsentLedger;
  ledger: MemorySendLedger;
  requests: MemorySendRequestLedger;
  deferred: MemoryDeferredSends;
  events: MemoryEventStore;
  queue: MemoryQueue;
  bus: MemoryBus;
  senders: { twilio: FakeSmsSender; telnyx: FakeSmsSender };
  /** What both fake senders accepted, in order. */
  outbox: FakeSms[];
}

/**
 * Fresh in-memory ports for `config`, all reading the same clock. Pass a function to control
 * time from the test (`let t = …; memorySendPorts(config, () => t)`), or a fixed Date.
 */
export function memorySendPorts(config: AppConfig, now: Date | (() => Date)): MemoryPorts {
  const clock = typeof now === 'function' ? now : () => new Date(now.getTime());
  const outbox: FakeSms[] = [];
  return {
    config,
    alerts: new MemoryAlertStore(),
    directory: new MemoryContactDirectory(),
    consent: new MemoryConsentLedger(),
    ledger: new MemorySendLedger(clock),
    requests: new MemorySendRequestLedger(),
    deferred: new MemoryDeferredSends(),
    events: new MemoryEventStore(),
    queue: new MemoryQueue(),
    bus: new MemoryBus(),
    senders: {
      twilio: new FakeSmsSender('twilio', outbox, clock),
      telnyx: new FakeSmsSender('telnyx', outbox, clock),
    },
    outbox,
    now: clock,
    publicBaseUrl: 'https://hooks.example.test',
  };
}
