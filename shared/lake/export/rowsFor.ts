import type { CanonicalEvent } from '../../../events/index.js';
import { classifyConsentMessage } from '../../consent/keywords.js';
import type { LakeTable } from '../lakeTable.js';
import { hashPii, hashPiiOrNull, redactEmbeddedPii, requirePiiSalt } from '../pii.js';
import { consentLedgerTable } from '../tables/consent_ledger.js';
import { eventsTable } from '../tables/events.js';
import { intentAlertsTable } from '../tables/intent_alerts.js';
import { sendDecisionsTable } from '../tables/send_decisions.js';

/** The tables the lake export writes from canonical events (other jobs own the other tables). */
export const EXPORTED_TABLES: readonly LakeTable[] = [
  eventsTable,
  consentLedgerTable,
  sendDecisionsTable,
  intentAlertsTable,
];

export type Row = Record<string, unknown>;
/** Rows per exported table name. */
export type ExportRows = Record<string, Row[]>;

type Of<T extends CanonicalEvent['type']> = Extract<CanonicalEvent, { type: T }>;

/** Fields that are `events` columns; everything else goes to `attributes`. */
const COLUMN_FIELDS = new Set([
  'eventId',
  'type',
  'v',
  'source',
  'vendorRef',
  'occurredAt',
  'receivedAt',
  'phone',
  'email',
  'contactId',
  'accountId',
  'channel',
  'programId',
  'kind',
  'campaignId',
  'workflowId',
  'step',
  'templateId',
  'variant',
  'messageId',
]);

/** The field holding the event's money amount, per type; its currency is the event's `currency`. */
const AMOUNT_FIELD: Partial<Record<CanonicalEvent['type'], string>> = {
  'order.placed': 'revenueMinor',
  'invoice.paid': 'amountMinor',
  'opportunity.created': 'amountMinor',
  'opportunity.stage_changed': 'amountMinor',
  'opportunity.closed': 'amountMinor',
  // ARR after the change; subscription.expanded keeps its deltaArrMinor in attributes.
  'subscription.renewed': 'arrMinor',
  'subscription.expanded': 'arrMinor',
  'subscription.churned': 'arrMinor',
};

const date = (iso: string) => new Date(iso);
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const bigOrNull = (value: number | undefined) => (value === undefined ? null : BigInt(value));

/** Every string in a JSON-like value, with embedded addresses hashed. */
function scrubDeep(salt: string, value: unknown): unknown {
  if (typeof value === 'string') return redactEmbeddedPii(salt, value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(salt, item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(salt, item)]));
  }
  return value;
}

/**
 * The non-column fields of an event, made safe for the lake. The rules follow field names, so
 * a new event type with a `from`, `to` or `body` is covered without a change here:
 * - `from` / `to` (phone numbers; also our own sender numbers, which are numbers all the same)
 *   become `fromHash` / `toHash`;
 * - an inbound `body` is dropped: a contact writes anything in a text (names, addresses, card
 *   numbers) and no hash makes free text safe. What analysts need from it stays: `bodyLength`
 *   and the consent keyword it carries by the standard lists (`bodyConsentAction`,
 *   `bodyKeyword`); the consent.changed event it produced is the authoritative outcome;
 * - `mediaUrls` become `mediaCount` (the media are the contact's photos);
 * - person names (`firstName`, `lastName`) are dropped; consent evidence `text` becomes
 *   `textLength`; a sender scope's number is hashed;
 * - every remaining string has embedded emails and `+`-numbers replaced by their hash.
 */
function attributesOf(event: CanonicalEvent, salt: string, amountField: string | undefined): Row {
  const attributes: Row = {};
  for (const [key, value] of Object.entries(event)) {
    if (COLUMN_FIELDS.has(key) || value === undefined) continue;
    if (amountField && (key === amountField || key === 'currency')) continue;
    switch (key) {
      case 'from':
      case 'to':
        attributes[`${key}Hash`] = hashPii(salt, String(value));
        break;
      case 'body': {
        const text = String(value);
        const consent = classifyConsentMessage(text);
        attributes.bodyLength = Array.from(text).length;
        attributes.bodyConsentAction = consent.action;
        if (consent.keyword) attributes.bodyKeyword = consent.keyword;
        break;
      }
      case 'mediaUrls':
        attributes.mediaCount = (value as unknown[]).length;
        break;
      case 'firstName':
      case 'lastName':
        break;
      case 'evidence': {
        const { text, ...evidence } = value as Of<'consent.changed'>['evidence'];
        attributes.evidence =
          text === undefined ? evidence : { ...evidence, textLength: Array.from(text).length };
        break;
      }
      case 'scope':
        // consent.changed scopes name a sender number; email.unsubscribed's is a plain word.
        attributes.scope = event.type === 'consent.changed' ? safeScope(event.scope, salt) : value;
        break;
      default:
        attributes[key] = value;
    }
  }
  return scrubDeep(salt, attributes) as Row;
}

/** A sender scope names a phone number: hashed like every other number in the lake. */
function safeScope(scope: Of<'consent.changed'>['scope'], salt: string): Of<'consent.changed'>['scope'] {
  return scope.kind === 'sender' && scope.value ? { ...scope, value: hashPii(salt, scope.value) } : scope;
}

/** Optional touch fields of any event, read by name (not every event type has them). */
function touch(event: CanonicalEvent) {
  const fields = event as Partial<Record<string, unknown>>;
  const text = (key: string) => (typeof fields[key] === 'string' ? (fields[key] as string) : null);
  return {
    channel: text('channel'),
    program_id: text('programId'),
    kind: text('kind'),
    campaign_id: text('campaignId'),
    workflow_id: text('workflowId'),
    step: typeof fields.step === 'number' ? fields.step : null,
    template_id: text('templateId'),
    variant: text('variant'),
  };
}

/** The `events` row: common fields as columns, the rest as JSON attributes. */
export function eventRow(event: CanonicalEvent, salt: string): Row {
  const amountField = AMOUNT_FIELD[event.type];
  const amount = amountField
    ? (event as unknown as Record<string, number | undefined>)[amountField]
    : undefined;
  const currency = amount === undefined ? undefined : (event as { currency?: string }).currency;
  return {
    event_id: event.eventId,
    type: event.type,
    v: event.v,
    source: event.source,
    vendor_ref: redactEmbeddedPii(salt, event.vendorRef),
    occurred_at: date(event.occurredAt),
    received_at: date(event.receivedAt),
    phone_hash: hashPiiOrNull(salt, event.phone),
    email_hash: hashPiiOrNull(salt, event.email),
    contact_id: orNull(event.contactId),
    account_id: orNull(event.accountId),
    ...touch(event),
    message_id: 'messageId' in event ? event.messageId : null,
    amount_minor: bigOrNull(amount),
    currency: orNull(currency),
    attributes: JSON.stringify(attributesOf(event, salt, amount === undefined ? undefined : amountField)),
  };
}

/** The `consent_ledger` row of a consent.changed event. */
export function consentRow(event: Of<'consent.changed'>, salt: string): Row {
  const address = event.channel === 'sms' ? event.phone : event.email;
  const scope = safeScope(event.scope, salt);
  return {
    event_id: event.eventId,
    occurred_at: date(event.occurredAt),
    channel: event.channel,
    address_hash: hashPiiOrNull(salt, address),
    contact_id: orNull(event.contactId),
    status: event.status,
    scope_kind: scope.kind,
    scope_value: scope.value ? redactEmbeddedPii(salt, scope.value) : null,
    method: event.evidence.method,
    keyword: orNull(event.evidence.keyword),
    source_event_id: orNull(event.evidence.sourceEventId),
    evidence_text_length: event.evidence.text === undefined ? null : Array.from(event.evidence.text).length,
  };
}

/** Our send gate marks the message id of a send the vendor refused (see sendMessage.deliver). */
const REJECTED_PREFIX = 'rejected:';

/**
 * The `send_decisions` row an event stands for, if any: message.sent is an allowed send, a
 * message.failed whose message id our gate marked `rejected:<requestId>` is an allowed send the
 * vendor refused, send.suppressed and send.deferred are the gate's other two answers.
 */
export function decisionRow(event: CanonicalEvent, salt: string): Row | undefined {
  const common = {
    event_id: event.eventId,
    decided_at: date(event.occurredAt),
    phone_hash: hashPiiOrNull(salt, event.phone ?? ('to' in event ? event.to : undefined)),
    contact_id: orNull(event.contactId),
    ...touch(event),
  };
  const none = {
    reason: null,
    until: null,
    message_id: null,
    segments: null,
    price_micros: null,
    currency: null,
  };
  switch (event.type) {
    case 'message.sent':
      return {
        ...common,
        ...none,
        request_id: null,
        decision: 'allow',
        message_id: event.messageId,
        segments: orNull(event.cost?.segments),
        price_micros: bigOrNull(event.cost?.priceMicros),
        currency: event.cost?.priceMicros === undefined ? null : orNull(event.cost?.currency),
      };
    case 'message.failed':
      if (event.source === 'internal' || !event.messageId.startsWith(REJECTED_PREFIX)) return undefined;
      return {
        ...common,
        ...none,
        request_id: redactEmbeddedPii(salt, event.messageId.slice(REJECTED_PREFIX.length)),
        decision: 'allow',
        reason: 'vendor_rejected',
      };
    case 'send.suppressed':
      return {
        ...common,
        ...none,
        request_id: redactEmbeddedPii(salt, event.requestId),
        decision: 'suppress',
        reason: event.reason,
      };
    case 'send.deferred':
      return {
        ...common,
        ...none,
        request_id: redactEmbeddedPii(salt, event.requestId),
        decision: 'defer',
        reason: event.reason,
        until: date(event.until),
      };
    default:
      return undefined;
  }
}

/**
 * The `intent_alerts` row of an alert event, if the event is one: intent.detected carries the
 * routing and SLA, a response (claim, snooze, dismiss) its delay, an escalation its overdue time.
 */
export function alertRow(event: CanonicalEvent, salt: string): Row | undefined {
  const empty = {
    intent: null,
    confidence: null,
    reason: null,
    signal: null,
    source_event_id: null,
    routed_by: null,
    route_id: null,
    owner_id: null,
    program_id: null,
    sla_due_at: null,
    response_seconds: null,
    within_sla: null,
    by_slack_user_id: null,
    snoozed_until: null,
    overdue_seconds: null,
  };
  const common = {
    event_id: event.eventId,
    event_type: event.type,
    occurred_at: date(event.occurredAt),
    contact_id: orNull(event.contactId),
    account_id: orNull(event.accountId),
    phone_hash: hashPiiOrNull(salt, event.phone),
  };
  switch (event.type) {
    case 'intent.detected':
      return {
        ...common,
        ...empty,
        alert_id: event.alertId,
        priority: event.priority,
        intent: event.intent,
        confidence: event.confidence,
        reason: orNull(event.reason),
        signal: event.signal,
        source_event_id: event.sourceEventId,
        routed_by: event.routedBy,
        route_id: event.routeId,
        owner_id: orNull(event.ownerId),
        program_id: orNull(event.programId),
        sla_due_at: date(event.slaDueAt),
      };
    case 'alert.claimed':
    case 'alert.snoozed':
    case 'alert.dismissed':
      return {
        ...common,
        ...empty,
        alert_id: event.alertId,
        priority: event.priority,
        response_seconds: event.responseSeconds,
        within_sla: event.withinSla,
        by_slack_user_id: event.by.slackUserId,
        snoozed_until: event.type === 'alert.snoozed' ? date(event.until) : null,
      };
    case 'alert.escalated':
      return {
        ...common,
        ...empty,
        alert_id: event.alertId,
        priority: event.priority,
        route_id: event.routeId,
        overdue_seconds: event.overdueSeconds,
      };
    default:
      return undefined;
  }
}

/** Every exported table's rows for one event. Pure. */
export function rowsFor(event: CanonicalEvent, salt: string): ExportRows {
  requirePiiSalt(salt);
  const decision = decisionRow(event, salt);
  const alert = alertRow(event, salt);
  return {
    [eventsTable.name]: [eventRow(event, salt)],
    [consentLedgerTable.name]: event.type === 'consent.changed' ? [consentRow(event, salt)] : [],
    [sendDecisionsTable.name]: decision ? [decision] : [],
    [intentAlertsTable.name]: alert ? [alert] : [],
  };
}

/** Rows per exported table for many events, every exported table present (possibly empty). */
export function rowsForEvents(events: Iterable<CanonicalEvent>, salt: string): ExportRows {
  requirePiiSalt(salt);
  const rows: ExportRows = Object.fromEntries(EXPORTED_TABLES.map((table) => [table.name, []]));
  for (const event of events) {
    for (const [table, tableRows] of Object.entries(rowsFor(event, salt))) rows[table]!.push(...tableRows);
  }
  return rows;
}
