import { isBotClick, jsonScalar } from '../../attribution/job/lakeInputs.js';
import { type PartitionRange, readLakeColumns } from '../../lake/lakeColumns.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { attributionCreditsTable } from '../../lake/tables/attribution_credits.js';
import { consentLedgerTable } from '../../lake/tables/consent_ledger.js';
import { eventsTable } from '../../lake/tables/events.js';
import { intentAlertsTable } from '../../lake/tables/intent_alerts.js';
import { pipelineOutcomesTable } from '../../lake/tables/pipeline_outcomes.js';
import { sendDecisionsTable } from '../../lake/tables/send_decisions.js';
import { DAY_MS } from '../facts.js';
import type { ContactProfile, DecisionRecord, ScorecardInputs, TouchIdentity } from '../inputs.js';

/**
 * From lake tables to the scorecard core's records, read column by column with hyparquet (no
 * DuckDB in a Lambda):
 * - SMS sends and gate decisions: send_decisions (allow rows the vendor accepted are sends);
 *   email sends: events email.sent. A send's address is its phone (email) hash, else its contact.
 * - deliveries, clicks (bot flag and destination from attributes), replies (inbound
 *   message.received, the sender's hash), CRM profiles (time zone, account tier, latest deal
 *   stage) and order margins and discounts: events.
 * - opt-outs: consent_ledger opted_out rows; reply alerts and their responses: intent_alerts.
 * - credits of the configured model: attribution_credits; outcome amounts: pipeline_outcomes.
 */
export interface LakeReadStats {
  rowsRead: Record<string, number>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const TOUCH_KINDS = new Set(['campaign', 'flow']);

function touchOf(batch: { column(name: string): ArrayLike<unknown> }, i: number): TouchIdentity {
  const kind = text(batch.column('kind')[i]);
  return {
    programId: text(batch.column('program_id')[i]),
    kind: kind && TOUCH_KINDS.has(kind) ? (kind as 'campaign' | 'flow') : null,
    campaignId: text(batch.column('campaign_id')[i]),
    workflowId: text(batch.column('workflow_id')[i]),
    step: num(batch.column('step')[i]),
    variant: text(batch.column('variant')[i]),
  };
}

function attributesOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const EVENT_TYPES = new Set([
  'email.sent',
  'message.delivered',
  'email.delivered',
  'message.clicked',
  'email.clicked',
  'message.received',
  'order.placed',
  'crm.contact.upserted',
  'crm.account.upserted',
  'opportunity.created',
  'opportunity.stage_changed',
  'opportunity.closed',
]);

export async function readScorecardInputs(
  store: ObjectStore,
  range: { toDt: string; scanToDt: string },
  model: string,
  progress?: (line: string) => void,
): Promise<{ inputs: ScorecardInputs; stats: LakeReadStats }> {
  const stats: LakeReadStats = { rowsRead: {} };
  const inputs: ScorecardInputs = {
    sends: [],
    decisions: [],
    deliveries: [],
    clicks: [],
    replies: [],
    optOuts: [],
    replyAlerts: [],
    alertResponses: [],
    credits: [],
    outcomes: [],
    profiles: new Map(),
  };
  const scan: PartitionRange = { toDt: range.scanToDt };
  const count = (table: string, rows: number) => {
    stats.rowsRead[table] = (stats.rowsRead[table] ?? 0) + rows;
  };
  let firstDay: string | undefined;
  const seeDay = (dt: string) => {
    if (!firstDay || dt < firstDay) firstDay = dt;
  };

  // Hashes repeat on every message to the same person: one copy each.
  const addresses = new Map<string, string>();
  const address = (value: string): string => {
    const found = addresses.get(value);
    if (found !== undefined) return found;
    addresses.set(value, value);
    return value;
  };
  const seenDecisions = new Set<string>();
  const folded = new Map<string, DecisionRecord>();
  const foldDecision = (at: number, decision: 'allow' | 'suppress', touch: TouchIdentity) => {
    const dayStart = at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
    const key = [
      dayStart,
      decision,
      touch.programId,
      touch.kind,
      touch.campaignId,
      touch.workflowId,
      touch.step,
      touch.variant,
    ].join('\u0000');
    const found = folded.get(key);
    if (found) found.count = (found.count ?? 1) + 1;
    else folded.set(key, { eventId: `fold:${key}`, at: dayStart, decision, count: 1, ...touch });
  };

  for await (const batch of readLakeColumns(
    store,
    sendDecisionsTable,
    scan,
    Object.keys(sendDecisionsTable.columns),
  )) {
    count('send_decisions', batch.length);
    seeDay(batch.dt);
    for (let i = 0; i < batch.length; i += 1) {
      const decision = text(batch.column('decision')[i]);
      if (decision !== 'allow' && decision !== 'suppress') continue;
      const eventId = String(batch.column('event_id')[i]);
      if (seenDecisions.has(eventId)) continue;
      seenDecisions.add(eventId);
      const at = num(batch.column('decided_at')[i])!;
      const touch = touchOf(batch, i);
      foldDecision(at, decision, touch);
      const messageId = text(batch.column('message_id')[i]);
      const reason = text(batch.column('reason')[i]);
      const channel = text(batch.column('channel')[i]) === 'email' ? 'email' : 'sms';
      const contactId = text(batch.column('contact_id')[i]);
      const hash = text(batch.column('phone_hash')[i]) ?? contactId;
      if (decision !== 'allow' || reason !== null || !messageId || !hash) continue;
      inputs.sends.push({
        eventId,
        messageId,
        at,
        channel,
        address: address(hash),
        contactId,
        accountId: null,
        segments: num(batch.column('segments')[i]),
        priceMicros: num(batch.column('price_micros')[i]),
        priceCurrency: text(batch.column('currency')[i]),
        programId: touch.programId,
        kind: touch.kind,
        campaignId: touch.campaignId,
        workflowId: touch.workflowId,
        step: touch.step,
        variant: touch.variant,
      });
    }
  }
  inputs.decisions = [...folded.values()];
  seenDecisions.clear();
  progress?.(
    `scorecards: read send_decisions: ${inputs.sends.length} SMS sends, ${inputs.decisions.reduce((n, d) => n + (d.count ?? 1), 0)} decisions`,
  );

  const contacts = new Map<string, { at: number; timeZone: string | null; accountId: string | null }>();
  const tiers = new Map<string, { at: number; tier: string }>();
  const stages = new Map<string, { at: number; stage: string }>();
  const orders = new Map<string, { marginMinor: number | null; discountMinor: number }>();
  const later = (prev: { at: number } | undefined, at: number) => !prev || at >= prev.at;
  const columns = [
    'event_id',
    'type',
    'occurred_at',
    'phone_hash',
    'email_hash',
    'contact_id',
    'account_id',
    'channel',
    'program_id',
    'kind',
    'campaign_id',
    'workflow_id',
    'step',
    'variant',
    'message_id',
    'attributes',
  ];
  for await (const batch of readLakeColumns(store, eventsTable, scan, columns)) {
    count('events', batch.length);
    seeDay(batch.dt);
    const types = batch.column('type');
    for (let i = 0; i < batch.length; i += 1) {
      const type = String(types[i]);
      if (!EVENT_TYPES.has(type)) continue;
      const eventId = String(batch.column('event_id')[i]);
      const at = num(batch.column('occurred_at')[i])!;
      const messageId = text(batch.column('message_id')[i]);
      const contactId = text(batch.column('contact_id')[i]);
      const accountId = text(batch.column('account_id')[i]);
      switch (type) {
        case 'email.sent': {
          const hash = text(batch.column('email_hash')[i]) ?? contactId;
          if (!messageId || !hash) break;
          inputs.sends.push({
            eventId,
            messageId,
            at,
            channel: 'email',
            address: address(hash),
            contactId,
            accountId,
            segments: null,
            priceMicros: null,
            priceCurrency: null,
            ...touchOf(batch, i),
          });
          break;
        }
        case 'message.delivered':
        case 'email.delivered':
          if (messageId) inputs.deliveries.push({ eventId, messageId, at });
          break;
        case 'message.clicked':
        case 'email.clicked': {
          if (!messageId) break;
          const raw = batch.column('attributes')[i];
          inputs.clicks.push({
            eventId,
            messageId,
            at,
            bot: isBotClick(raw),
            destination: text(attributesOf(raw).destination),
          });
          break;
        }
        case 'message.received': {
          const hash =
            text(batch.column('phone_hash')[i]) ?? text(attributesOf(batch.column('attributes')[i]).fromHash);
          if (hash) inputs.replies.push({ eventId, at, channel: 'sms', address: address(hash) });
          break;
        }
        case 'order.placed': {
          const attributes = attributesOf(batch.column('attributes')[i]);
          orders.set(eventId, {
            marginMinor: num(attributes.marginMinor),
            discountMinor: num(attributes.discountMinor) ?? 0,
          });
          break;
        }
        case 'crm.contact.upserted': {
          if (!contactId) break;
          const prev = contacts.get(contactId);
          if (!later(prev, at)) break;
          const timeZone = text(attributesOf(batch.column('attributes')[i]).timeZone);
          contacts.set(contactId, {
            at,
            timeZone: timeZone ?? prev?.timeZone ?? null,
            accountId: accountId ?? prev?.accountId ?? null,
          });
          break;
        }
        case 'crm.account.upserted': {
          const tier = accountId ? jsonScalar(attributesOf(batch.column('attributes')[i]), 'tier') : null;
          if (accountId && tier && later(tiers.get(accountId), at)) tiers.set(accountId, { at, tier });
          break;
        }
        default: {
          // opportunity.*: the latest stage of the account's (else the contact's) deals.
          const owner = accountId ?? contactId;
          const attributes = attributesOf(batch.column('attributes')[i]);
          const stage = text(attributes.toStage) ?? text(attributes.stage);
          if (owner && stage && later(stages.get(owner), at)) stages.set(owner, { at, stage });
        }
      }
    }
  }
  for (const [contactId, contact] of contacts) {
    const owner = contact.accountId;
    const profile: ContactProfile = {
      timeZone: contact.timeZone,
      tier: owner ? (tiers.get(owner)?.tier ?? null) : null,
      stage: (owner ? stages.get(owner)?.stage : undefined) ?? stages.get(contactId)?.stage ?? null,
    };
    inputs.profiles.set(contactId, profile);
  }
  progress?.(
    `scorecards: read events: ${inputs.deliveries.length} deliveries, ${inputs.clicks.length} clicks, ${inputs.replies.length} replies, ${inputs.profiles.size} contacts`,
  );

  for await (const batch of readLakeColumns(store, consentLedgerTable, scan, [
    'event_id',
    'occurred_at',
    'channel',
    'address_hash',
    'status',
  ])) {
    count('consent_ledger', batch.length);
    for (let i = 0; i < batch.length; i += 1) {
      if (batch.column('status')[i] !== 'opted_out') continue;
      inputs.optOuts.push({
        eventId: String(batch.column('event_id')[i]),
        at: num(batch.column('occurred_at')[i])!,
        channel: batch.column('channel')[i] === 'email' ? 'email' : 'sms',
        address: address(String(batch.column('address_hash')[i])),
      });
    }
  }

  for await (const batch of readLakeColumns(store, intentAlertsTable, scan, [
    'event_id',
    'event_type',
    'alert_id',
    'occurred_at',
    'intent',
    'signal',
    'source_event_id',
  ])) {
    count('intent_alerts', batch.length);
    for (let i = 0; i < batch.length; i += 1) {
      const type = batch.column('event_type')[i];
      const alertId = String(batch.column('alert_id')[i]);
      if (type === 'intent.detected') {
        const source = text(batch.column('source_event_id')[i]);
        if (source && batch.column('signal')[i] === 'reply') {
          inputs.replyAlerts.push({
            alertId,
            sourceEventId: source,
            intent: String(batch.column('intent')[i]),
          });
        }
      } else if (type === 'alert.claimed' || type === 'alert.snoozed' || type === 'alert.dismissed') {
        inputs.alertResponses.push({
          eventId: String(batch.column('event_id')[i]),
          alertId,
          at: num(batch.column('occurred_at')[i])!,
          response: type.slice('alert.'.length) as 'claimed' | 'snoozed' | 'dismissed',
        });
      }
    }
  }

  // Outcomes are partitioned by the day they happened: none after the last scored day counts.
  const outcomeRange: PartitionRange = { toDt: range.toDt };
  for await (const batch of readLakeColumns(store, attributionCreditsTable, outcomeRange, [
    'outcome_id',
    'outcome_type',
    'outcome_at',
    'touch_event_id',
    'touch_kind',
    'model',
    'credit',
  ])) {
    count('attribution_credits', batch.length);
    for (let i = 0; i < batch.length; i += 1) {
      if (batch.column('model')[i] !== model) continue;
      inputs.credits.push({
        outcomeId: String(batch.column('outcome_id')[i]),
        outcomeType: String(batch.column('outcome_type')[i]),
        outcomeAt: num(batch.column('outcome_at')[i])!,
        touchEventId: String(batch.column('touch_event_id')[i]),
        touchKind: batch.column('touch_kind')[i] as 'send' | 'click' | 'reply',
        credit: num(batch.column('credit')[i]) ?? 0,
      });
    }
  }
  for await (const batch of readLakeColumns(store, pipelineOutcomesTable, outcomeRange, [
    'outcome_id',
    'outcome_type',
    'amount_minor',
    'currency',
    'influenced',
  ])) {
    count('pipeline_outcomes', batch.length);
    for (let i = 0; i < batch.length; i += 1) {
      if (batch.column('influenced')[i] !== true) continue;
      const outcomeId = String(batch.column('outcome_id')[i]);
      const order = orders.get(outcomeId);
      inputs.outcomes.push({
        outcomeId,
        outcomeType: String(batch.column('outcome_type')[i]),
        amountMinor: num(batch.column('amount_minor')[i]),
        currency: text(batch.column('currency')[i]),
        marginMinor: order?.marginMinor ?? null,
        discountMinor: order?.discountMinor ?? 0,
      });
    }
  }
  progress?.(
    `scorecards: read ${inputs.optOuts.length} opt-outs, ${inputs.replyAlerts.length} reply alerts, ${inputs.credits.length} ${model} credits on ${inputs.outcomes.length} influenced outcomes`,
  );
  if (firstDay) inputs.firstDay = firstDay;
  return { inputs, stats };
}
