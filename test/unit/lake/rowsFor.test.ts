import { describe, expect, it } from 'vitest';
import { type CanonicalEvent, EVENT_TYPES } from '../../../events/index.js';
import {
  alertRow,
  consentRow,
  decisionRow,
  EXPORTED_TABLES,
  eventRow,
  type Row,
  rowsFor,
  rowsForEvents,
} from '../../../shared/lake/export/rowsFor.js';
import { hashPii, MissingPiiSaltError } from '../../../shared/lake/pii.js';
import {
  consentLedgerTable,
  eventsTable,
  intentAlertsTable,
  sendDecisionsTable,
} from '../../../shared/lake/tables/index.js';
import { lakeEventSet, MARIA, PRIYA, RAW_PII, SENDER } from '../../support/lakeEvents.js';

const SALT = 'unit-salt-0123456789abcdef';
const RECEIVED = new Date('2026-11-25T10:00:00.000Z');
const events = lakeEventSet(RECEIVED);
const hash = (value: string) => hashPii(SALT, value);

/** The first sample of a type, optionally the one matching a predicate. */
function sample<T extends CanonicalEvent['type']>(
  type: T,
  where: (e: Extract<CanonicalEvent, { type: T }>) => boolean = () => true,
): Extract<CanonicalEvent, { type: T }> {
  const found = events.find((e) => e.type === type && where(e as Extract<CanonicalEvent, { type: T }>));
  if (!found) throw new Error(`no ${type} sample`);
  return found as Extract<CanonicalEvent, { type: T }>;
}
const attributes = (row: Row) => JSON.parse(row.attributes as string) as Record<string, unknown>;

describe('Function: eventRow', () => {
  it('maps every canonical event type to one row the events table accepts', () => {
    // Prepare: the sample set covers every type, so a new type cannot slip by unmapped.
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));

    // Act / Assess
    for (const event of events) {
      const row = eventRow(event, SALT);
      expect(eventsTable.rowSchema.safeParse(row).success, event.type).toBe(true);
      expect(row).toMatchObject({ event_id: event.eventId, type: event.type, v: 1, source: event.source });
      expect(row.received_at).toEqual(RECEIVED);
    }
  });

  it('moves the common fields to columns and keeps the rest in attributes', () => {
    const sent = sample('message.sent');

    const row = eventRow(sent, SALT);

    expect(row).toMatchObject({
      phone_hash: hash(MARIA.phone),
      email_hash: null,
      contact_id: MARIA.contactId,
      account_id: '9001',
      channel: 'sms',
      program_id: 'spring-sale',
      kind: 'flow',
      workflow_id: 'wf-renewal',
      step: 2,
      template_id: 'tpl-renewal-2',
      variant: 'personalized',
      message_id: sent.messageId,
      amount_minor: null,
      currency: null,
    });
    expect(row.occurred_at).toEqual(new Date(sent.occurredAt));
    expect(attributes(row)).toEqual({
      toHash: hash(MARIA.phone),
      fromHash: hash(SENDER),
      cost: { segments: 2, priceMicros: 15_800, currency: 'USD' },
    });
  });

  it('replaces an inbound body by its length and the consent keyword it carries', () => {
    const reply = sample('message.received', (e) => e.body.startsWith('Yes'));
    const stop = sample('message.received', (e) => e.body === 'Stop');

    const replyAttributes = attributes(eventRow(reply, SALT));
    const stopAttributes = attributes(eventRow(stop, SALT));

    expect(replyAttributes).toEqual({
      fromHash: hash(MARIA.phone),
      toHash: hash(SENDER),
      bodyLength: Array.from(reply.body).length,
      bodyConsentAction: 'none',
      mediaCount: 1,
    });
    expect(stopAttributes).toMatchObject({
      bodyLength: 4,
      bodyConsentAction: 'opt_out',
      bodyKeyword: 'STOP',
      mediaCount: 0,
    });
    expect(JSON.stringify(stopAttributes)).not.toContain('"body"');
  });

  it('hashes an address quoted in free text and in the vendor reference', () => {
    const failed = sample('message.failed', (e) => e.source === 'telnyx');
    const bounced = sample('email.bounced');
    const grouped = sample('message.delivered', (e) => e.source === 'bandwidth');

    expect(attributes(eventRow(failed, SALT)).errorMessage).toBe(
      `Number sha256:${hash(PRIYA.phone)} has opted out of messages from this sender`,
    );
    expect(attributes(eventRow(bounced, SALT)).reason).toContain(`<sha256:${hash('sam@hooli.example')}>`);
    expect(eventRow(grouped, SALT).vendor_ref).toBe(
      `1589228074636lm4k2je7j7jklbn2:message-delivered:sha256:${hash(PRIYA.phone)}`,
    );
  });

  it('drops person names and keeps business fields', () => {
    const contact = sample('crm.contact.upserted');

    const row = eventRow(contact, SALT);

    expect(row.email_hash).toBe(hash(MARIA.email));
    expect(attributes(row)).toEqual({ lifecycleStage: 'lead', timeZone: 'America/Los_Angeles' });
  });

  it.each([
    ['order.placed', 12_999n, 'USD', 'revenueMinor'],
    ['invoice.paid', 99_900n, 'USD', 'amountMinor'],
    ['opportunity.created', 4_800_000n, 'GBP', 'amountMinor'],
    ['opportunity.stage_changed', 1_250_000n, 'USD', 'amountMinor'],
    ['subscription.renewed', 1_198_800n, 'USD', 'arrMinor'],
    ['subscription.expanded', 1_500_000n, 'USD', 'arrMinor'],
  ] as const)('reads the money of %s into amount_minor %s %s', (type, amount, currency, field) => {
    const row = eventRow(sample(type), SALT);

    expect(row.amount_minor).toBe(amount);
    expect(row.currency).toBe(currency);
    expect(attributes(row)).not.toHaveProperty(field);
    expect(attributes(row)).not.toHaveProperty('currency');
  });

  it('keeps the other money fields in attributes', () => {
    expect(attributes(eventRow(sample('order.placed'), SALT))).toMatchObject({
      marginMinor: 4_200,
      discountMinor: 1_000,
      discountCode: 'SPRING10',
    });
    expect(attributes(eventRow(sample('subscription.expanded'), SALT))).toMatchObject({
      deltaArrMinor: 301_200,
    });
  });

  it('leaves amount_minor and currency null when the event has no amount', () => {
    const churned = eventRow(sample('subscription.churned'), SALT);
    const closed = eventRow(sample('opportunity.closed'), SALT);

    expect([churned.amount_minor, churned.currency, closed.amount_minor, closed.currency]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(attributes(churned)).toMatchObject({ currency: 'EUR' });
  });
});

describe('Function: consentRow', () => {
  it('writes an SMS opt-out with its scope and evidence, number and sender hashed', () => {
    const event = sample('consent.changed', (e) => e.scope.kind === 'sender');

    const row = consentRow(event, SALT);

    expect(consentLedgerTable.rowSchema.safeParse(row).success).toBe(true);
    expect(row).toEqual({
      event_id: event.eventId,
      occurred_at: new Date(event.occurredAt),
      channel: 'sms',
      address_hash: hash(PRIYA.phone),
      contact_id: PRIYA.contactId,
      status: 'opted_out',
      scope_kind: 'sender',
      scope_value: hash(SENDER),
      method: 'keyword',
      keyword: 'STOP',
      source_event_id: 'evt_00000000000000000000000000000001',
      evidence_text_length: 4,
    });
  });

  it('keys an email consent by the email hash and keeps a program scope as is', () => {
    const event = sample('consent.changed', (e) => e.channel === 'email');

    const row = consentRow(event, SALT);

    expect(row).toMatchObject({
      address_hash: hash(MARIA.email),
      scope_kind: 'program',
      scope_value: 'spring-sale',
      method: 'email_unsubscribe',
      keyword: null,
      evidence_text_length: null,
    });
  });

  it('keeps the evidence text out of the events row too, and its length in', () => {
    const event = sample('consent.changed', (e) => e.evidence.method === 'plain_language');

    const evidence = attributes(eventRow(event, SALT)).evidence;

    expect(evidence).toEqual({
      method: 'plain_language',
      textLength: Array.from(event.evidence.text!).length,
    });
  });
});

describe('Function: decisionRow', () => {
  it('reads an allowed send from message.sent, with its cost', () => {
    const sent = sample('message.sent');

    const row = decisionRow(sent, SALT)!;

    expect(sendDecisionsTable.rowSchema.safeParse(row).success).toBe(true);
    expect(row).toMatchObject({
      event_id: sent.eventId,
      request_id: null,
      decision: 'allow',
      reason: null,
      until: null,
      phone_hash: hash(MARIA.phone),
      program_id: 'spring-sale',
      workflow_id: 'wf-renewal',
      step: 2,
      channel: 'sms',
      message_id: sent.messageId,
      segments: 2,
      price_micros: 15_800n,
      currency: 'USD',
    });
    expect(row.decided_at).toEqual(new Date(sent.occurredAt));
  });

  it('reads a holdout ghost exposure and a cap as suppressions with their reason', () => {
    const holdout = decisionRow(
      sample('send.suppressed', (e) => e.reason === 'holdout'),
      SALT,
    )!;
    const cap = decisionRow(
      sample('send.suppressed', (e) => e.reason === 'cap'),
      SALT,
    )!;

    expect(holdout).toMatchObject({
      decision: 'suppress',
      reason: 'holdout',
      request_id: 'req-holdout-1',
      phone_hash: hash(MARIA.phone),
    });
    expect(cap).toMatchObject({
      decision: 'suppress',
      reason: 'cap',
      kind: 'campaign',
      campaign_id: 'spring-sale-2026',
      step: null,
    });
    for (const row of [holdout, cap]) expect(sendDecisionsTable.rowSchema.safeParse(row).success).toBe(true);
  });

  it('reads a deferral with the time it is retried', () => {
    const row = decisionRow(sample('send.deferred'), SALT)!;

    expect(row).toMatchObject({ decision: 'defer', reason: 'quiet_hours', request_id: 'req-quiet-1' });
    expect(row.until).toEqual(new Date('2026-11-26T16:00:00.000Z'));
  });

  it('reads a send the vendor refused as allowed, with the request id our gate marked', () => {
    const rejected = sample('message.failed', (e) => e.messageId.startsWith('rejected:'));

    expect(decisionRow(rejected, SALT)).toMatchObject({
      decision: 'allow',
      reason: 'vendor_rejected',
      request_id: 'req-7f3a',
      phone_hash: hash('+12125550147'),
    });
  });

  it.each([
    'message.delivered',
    'message.received',
    'message.clicked',
    'email.sent',
    'consent.changed',
    'order.placed',
  ] as const)('has no decision for %s', (type) => {
    expect(decisionRow(sample(type), SALT)).toBeUndefined();
  });

  it('has no decision for a delivery failure the vendor reported later', () => {
    expect(
      decisionRow(
        sample('message.failed', (e) => e.source === 'telnyx'),
        SALT,
      ),
    ).toBeUndefined();
  });
});

describe('Function: alertRow', () => {
  const ALERT_TYPES = [
    'intent.detected',
    'alert.claimed',
    'alert.snoozed',
    'alert.dismissed',
    'alert.escalated',
  ];

  it('gives one row the intent_alerts table accepts per alert event, and none for other events', () => {
    for (const event of events) {
      const row = alertRow(event, SALT);

      if (ALERT_TYPES.includes(event.type)) {
        expect(intentAlertsTable.rowSchema.safeParse(row).success, event.type).toBe(true);
        expect(row).toMatchObject({ event_id: event.eventId, event_type: event.type });
      } else {
        expect(row, event.type).toBeUndefined();
      }
    }
  });

  it('keeps the routing and SLA of a detected intent, with the contact’s phone hashed', () => {
    const detected = sample('intent.detected');

    const row = alertRow(detected, SALT);

    expect(row).toEqual({
      event_id: detected.eventId,
      event_type: 'intent.detected',
      alert_id: 'alert-1',
      occurred_at: new Date(detected.occurredAt),
      priority: 'hot',
      intent: 'meeting_request',
      confidence: 0.92,
      reason: null,
      signal: 'reply',
      source_event_id: 'evt_00000000000000000000000000000004',
      routed_by: 'contact_owner',
      route_id: 'sales-west',
      owner_id: 'owner-7',
      program_id: null,
      contact_id: MARIA.contactId,
      account_id: '9001',
      phone_hash: hash(MARIA.phone),
      sla_due_at: new Date(detected.slaDueAt),
      response_seconds: null,
      within_sla: null,
      by_slack_user_id: null,
      snoozed_until: null,
      overdue_seconds: null,
    });
  });

  it('records who answered, how fast and whether within the SLA; a snooze also until when', () => {
    const claimed = alertRow(sample('alert.claimed'), SALT);
    const snoozed = sample('alert.snoozed');

    expect(claimed).toMatchObject({
      alert_id: 'alert-1',
      priority: 'hot',
      response_seconds: 95,
      within_sla: true,
      by_slack_user_id: 'U024BE7LH',
      snoozed_until: null,
      intent: null,
      sla_due_at: null,
      phone_hash: null,
    });
    expect(alertRow(snoozed, SALT)).toMatchObject({
      alert_id: 'alert-2',
      response_seconds: 30,
      snoozed_until: new Date(snoozed.until),
    });
  });

  it('records how overdue an escalated alert was and where it went', () => {
    expect(alertRow(sample('alert.escalated'), SALT)).toMatchObject({
      alert_id: 'alert-4',
      priority: 'hot',
      route_id: 'sales-west',
      overdue_seconds: 600,
      response_seconds: null,
      by_slack_user_id: null,
    });
  });
});

describe('Function: rowsForEvents', () => {
  it('returns every exported table, empty when no event feeds it', () => {
    const rows = rowsForEvents([sample('order.placed')], SALT);

    expect(Object.keys(rows).sort()).toEqual(EXPORTED_TABLES.map((t) => t.name).sort());
    expect(rows).toMatchObject({ events: [expect.anything()], consent_ledger: [], send_decisions: [] });
  });

  it('counts one events row per event, one ledger row per consent change and one decision per gate answer', () => {
    const rows = rowsForEvents(events, SALT);

    expect(rows.events).toHaveLength(events.length);
    expect(rows.consent_ledger).toHaveLength(events.filter((e) => e.type === 'consent.changed').length);
    // message.sent, the rejected send, two suppressions, one deferral.
    expect(rows.send_decisions).toHaveLength(5);
    // Raised, claimed, snoozed, dismissed, escalated.
    expect(rows.intent_alerts).toHaveLength(5);
  });

  it('refuses to map anything without a salt', () => {
    expect(() => rowsForEvents(events, '')).toThrow(MissingPiiSaltError);
    expect(() => rowsFor(sample('order.placed'), undefined as unknown as string)).toThrow(
      MissingPiiSaltError,
    );
  });
});

describe('Privacy: the rows of a realistic event set', () => {
  it('hold no raw phone number or email in any value', () => {
    // Prepare
    const rows = rowsForEvents(events, SALT);
    const values = Object.values(rows)
      .flat()
      .flatMap((row) => Object.values(row))
      .filter((value): value is string => typeof value === 'string');
    const digitsOf = (phone: string) => phone.replace(/\D/g, '');

    // Assess: the scan sees the rows (it is not vacuous) …
    expect(values.length).toBeGreaterThan(events.length * 5);
    expect(values.some((v) => v.includes(hash(MARIA.phone)))).toBe(true);
    // … and no value holds a raw address, in any spelling.
    for (const value of values) {
      expect(value).not.toMatch(/\+\d{7,15}/);
      expect(value).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/);
      for (const raw of RAW_PII) {
        expect(value.toLowerCase()).not.toContain(raw.toLowerCase());
        if (raw.startsWith('+')) expect(value).not.toContain(digitsOf(raw).slice(1));
      }
    }
  });
});
