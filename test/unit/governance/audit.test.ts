import { describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../../events/index.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { auditSends } from '../../../shared/governance/audit.js';

/**
 * Hand-made histories under the checked-in config: program `demo` (opt-in, scope all, 1 SMS a
 * day, 08:00–21:00) and `growth` (not opted out, scope program, 09:00–20:00), global caps of
 * 1 a local day and 3 in 168 h, `renewal-reminder` capped at 2 in 720 h, and the transactional
 * `appointment-confirmation`.
 */
const config = loadConfigFile('config/example.json');
const NEW_YORK = '+12125550123';
const KATHMANDU = '+9779812345678'; // UTC+5:45

let serial = 0;
function nextRef(): string {
  serial += 1;
  return serial.toString(16).padStart(32, '0');
}

interface SendFields {
  to?: string;
  programId?: string;
  workflowId?: string;
  campaignId?: string;
  contactId?: string;
  messageId?: string;
  source?: 'twilio' | 'telnyx';
  receivedAt?: string;
  vendorRef?: string;
}

/** A `message.sent` as sendMessage records it: stamped at the gate's decision. */
function sent(at: string, fields: SendFields = {}): CanonicalEvent {
  const {
    to = NEW_YORK,
    receivedAt = at,
    source = 'twilio',
    messageId = `SM${nextRef()}`,
    vendorRef,
    ...rest
  } = fields;
  const programId = 'programId' in fields ? fields.programId : 'demo';
  const campaign = rest.workflowId ? {} : { campaignId: rest.campaignId ?? 'spring-sale' };
  return canonicalEvent(
    {
      type: 'message.sent',
      source,
      vendorRef: vendorRef ?? `${messageId}:sent`,
      occurredAt: at,
      phone: to,
      channel: 'sms',
      messageId,
      to,
      from: '+14155550199',
      kind: rest.workflowId ? 'flow' : 'campaign',
      ...rest,
      ...campaign,
      programId,
    },
    new Date(receivedAt),
  );
}

function consent(
  status: 'opted_in' | 'opted_out',
  at: string,
  options: { to?: string; receivedAt?: string; scope?: { kind: 'all' | 'program'; value?: string } } = {},
): CanonicalEvent {
  return canonicalEvent(
    {
      type: 'consent.changed',
      source: 'internal',
      vendorRef: `${nextRef()}:consent`,
      occurredAt: at,
      phone: options.to ?? NEW_YORK,
      channel: 'sms',
      status,
      scope: options.scope ?? { kind: 'all' },
      evidence: { method: 'keyword', keyword: status === 'opted_out' ? 'STOP' : 'START' },
    },
    new Date(options.receivedAt ?? at),
  );
}

function crmContact(at: string, timeZone: string, phone = NEW_YORK): CanonicalEvent {
  return canonicalEvent(
    {
      type: 'crm.contact.upserted',
      source: 'hubspot',
      vendorRef: nextRef(),
      occurredAt: at,
      phone,
      contactId: 'crm-1',
      timeZone,
    },
    new Date(at),
  );
}

const idOf = (event: CanonicalEvent) => event.eventId;
const rulesOf = (history: CanonicalEvent[]) => auditSends(history, config).breaches.map((b) => b.rule);

/** 2026-06-10, New York on EDT (UTC-4): 10:00 local is 14:00Z. */
const OPT_IN = consent('opted_in', '2026-06-01T12:00:00Z');

describe('Function: auditSends', () => {
  it('finds nothing in a history the gate would have produced', () => {
    // Prepare: a campaign on two days, a transactional confirmation beside one, then a week's pause.
    const history = [
      OPT_IN,
      sent('2026-06-10T14:00:00Z'),
      sent('2026-06-11T16:00:00Z'),
      sent('2026-06-11T23:30:00Z', { workflowId: 'appointment-confirmation' }),
      sent('2026-06-18T14:00:00Z'),
    ];

    // Act
    const report = auditSends(history, config);

    // Assess
    expect(report).toEqual({ checked: { sends: 4, consentChanges: 1 }, skipped: [], breaches: [] });
  });

  describe('consent', () => {
    it('reports a send after an opt-out, with the send and the opt-out as evidence', () => {
      const stop = consent('opted_out', '2026-06-10T13:00:00Z');
      const send = sent('2026-06-10T14:00:00Z');

      const { breaches } = auditSends([OPT_IN, stop, send], config);

      expect(breaches).toEqual([
        {
          rule: 'consent',
          eventId: send.eventId,
          detail: expect.stringContaining(`after opt-out ${stop.eventId}`),
          evidence: [send.eventId, stop.eventId],
        },
      ]);
    });

    it('reports a send for an opt-in program to a contact who never opted in', () => {
      const send = sent('2026-06-10T14:00:00Z');

      const { breaches } = auditSends([send], config);

      expect(breaches).toEqual([
        expect.objectContaining({
          rule: 'consent',
          evidence: [send.eventId],
          detail: expect.stringContaining('no opt-in'),
        }),
      ]);
    });

    it('accepts a send after the contact opted back in', () => {
      const history = [
        OPT_IN,
        consent('opted_out', '2026-06-05T12:00:00Z'),
        consent('opted_in', '2026-06-09T12:00:00Z'),
        sent('2026-06-10T14:00:00Z'),
      ];

      expect(rulesOf(history)).toEqual([]);
    });

    it('applies each opt-out to the programs its scope names', () => {
      // growth needs no opt-in, but demo's STOP (scope all) covers it; growth's own STOP covers only growth.
      const demoStop = consent('opted_out', '2026-06-10T13:00:00Z', { to: KATHMANDU });
      const growthStop = consent('opted_out', '2026-06-10T13:00:00Z', {
        scope: { kind: 'program', value: 'growth' },
      });
      const history = [
        OPT_IN,
        growthStop,
        demoStop,
        sent('2026-06-10T14:00:00Z', { programId: 'growth' }),
        sent('2026-06-11T15:00:00Z'),
        sent('2026-06-11T06:00:00Z', { to: KATHMANDU, programId: 'growth' }), // 11:45 there
      ];

      const breaches = auditSends(history, config).breaches;

      expect(breaches.map((b) => [b.rule, b.evidence[1]])).toEqual([
        ['consent', growthStop.eventId],
        ['consent', demoStop.eventId],
      ]);
    });

    it.each([
      ['in the same millisecond as the send (the two raced)', '2026-06-10T14:00:00.000Z', []],
      ['a millisecond before the send', '2026-06-10T13:59:59.999Z', ['consent']],
    ])('counts an opt-out from when it was received: %s', (_case, receivedAt, rules) => {
      const stop = consent('opted_out', '2026-06-10T13:00:00Z', { receivedAt });

      expect(rulesOf([OPT_IN, stop, sent('2026-06-10T14:00:00.000Z')])).toEqual(rules);
    });
  });

  describe('caps', () => {
    it('reports the second send of a local day against the global and the program cap', () => {
      const first = sent('2026-06-10T14:00:00Z');
      const second = sent('2026-06-10T18:00:00Z', { campaignId: 'spring-sale' });

      const { breaches } = auditSends([OPT_IN, first, second], config);

      expect(breaches.map((b) => [b.rule, b.eventId, b.evidence])).toEqual([
        ['cap', second.eventId, [first.eventId, second.eventId]],
        ['cap', second.eventId, [first.eventId, second.eventId]],
      ]);
      expect(breaches.map((b) => b.detail)).toEqual([
        expect.stringContaining('global cap globalCaps[0]'),
        expect.stringContaining('program cap programs.demo.caps[0]'),
      ]);
    });

    it("counts the day in the recipient's zone, not UTC", () => {
      // 20:30 on the 10th and 08:30 on the 11th in New York: one UTC day, two local days.
      const history = [OPT_IN, sent('2026-06-11T00:30:00Z'), sent('2026-06-11T12:30:00Z')];

      expect(rulesOf(history)).toEqual([]);
    });

    it('reports the fourth send in 7 days against the rolling global cap', () => {
      const sends = [10, 11, 12, 13].map((day) => sent(`2026-06-${day}T14:00:00Z`));

      const { breaches } = auditSends([OPT_IN, ...sends], config);

      expect(breaches).toEqual([
        expect.objectContaining({
          rule: 'cap',
          eventId: sends[3]!.eventId,
          detail: expect.stringContaining('globalCaps[1] (3 per 168 h'),
          evidence: sends.map(idOf),
        }),
      ]);
    });

    it('reports the third renewal reminder in 30 days against its workflow cap', () => {
      const sends = ['06-01', '06-09', '06-17'].map((day) =>
        sent(`2026-${day}T14:00:00Z`, { workflowId: 'renewal-reminder' }),
      );

      const { breaches } = auditSends([OPT_IN, ...sends], config);

      expect(breaches.map((b) => [b.eventId, b.detail.includes('workflow cap'), b.evidence])).toEqual([
        [sends[2]!.eventId, true, sends.map(idOf)],
      ]);
    });

    it('lets transactional sends past caps, though they use up capacity for the sends after them', () => {
      const confirmations = [
        sent('2026-06-10T14:00:00Z', { workflowId: 'appointment-confirmation' }),
        sent('2026-06-10T15:00:00Z', { workflowId: 'appointment-confirmation' }),
      ];
      const campaign = sent('2026-06-10T16:00:00Z');

      const { breaches } = auditSends([OPT_IN, ...confirmations, campaign], config);

      expect(breaches.map((b) => [b.rule, b.eventId])).toEqual([
        ['cap', campaign.eventId],
        ['cap', campaign.eventId],
      ]);
    });

    it('reads a transactional and a capped send in the same millisecond in the gate’s favour', () => {
      // A release job lets both out at once: the capped one may have gone first.
      const history = [
        OPT_IN,
        sent('2026-06-10T14:00:00Z', { workflowId: 'appointment-confirmation' }),
        sent('2026-06-10T14:00:00Z'),
      ];

      expect(rulesOf(history)).toEqual([]);
    });
  });

  describe('quiet hours', () => {
    it.each([
      ['New York 07:59 EDT', NEW_YORK, 'demo', '2026-06-10T11:59:00Z', ['quiet_hours']],
      ['New York 08:00 EDT', NEW_YORK, 'demo', '2026-06-10T12:00:00Z', []],
      ['New York 20:59 EDT', NEW_YORK, 'demo', '2026-06-11T00:59:00Z', []],
      [
        'New York 21:00 EDT (the end is exclusive)',
        NEW_YORK,
        'demo',
        '2026-06-11T01:00:00Z',
        ['quiet_hours'],
      ],
      [
        'New York 07:30 EST the day before DST starts',
        NEW_YORK,
        'demo',
        '2026-03-07T12:30:00Z',
        ['quiet_hours'],
      ],
      ['New York 08:30 EDT the day DST starts', NEW_YORK, 'demo', '2026-03-08T12:30:00Z', []],
      ['Kathmandu 07:59 (UTC+5:45)', KATHMANDU, 'demo', '2026-06-10T02:14:00Z', ['quiet_hours']],
      ['Kathmandu 08:00 (UTC+5:45)', KATHMANDU, 'demo', '2026-06-10T02:15:00Z', []],
      ["St. John's 08:00 NDT (UTC-2:30)", '+17095550123', 'demo', '2026-06-10T10:30:00Z', []],
      [
        'growth at 08:30, before its 09:00 start',
        NEW_YORK,
        'growth',
        '2026-06-10T12:30:00Z',
        ['quiet_hours'],
      ],
    ])('judges a send at %s', (_case, to, programId, at, rules) => {
      const history = [consent('opted_in', '2026-01-01T00:00:00Z', { to }), sent(at, { to, programId })];

      expect(rulesOf(history)).toEqual(rules);
    });

    it('uses a zone the CRM gave the contact before the send, and names that CRM event', () => {
      // 21:30 in New York is 18:30 in Los Angeles.
      const crm = crmContact('2026-06-01T00:00:00Z', 'America/Los_Angeles');
      const late = sent('2026-06-11T01:30:00Z');
      const night = sent('2026-06-12T12:00:00Z'); // 05:00 in Los Angeles

      const { breaches } = auditSends([OPT_IN, crm, late, night], config);

      expect(breaches).toEqual([
        expect.objectContaining({
          rule: 'quiet_hours',
          eventId: night.eventId,
          detail: expect.stringContaining('05:00 America/Los_Angeles'),
          evidence: [night.eventId, crm.eventId],
        }),
      ]);
    });

    it("falls back to the number's zone when the CRM zone came later or is unknown", () => {
      const send = sent('2026-06-11T01:30:00Z');
      const later = crmContact('2026-06-11T02:00:00Z', 'America/Los_Angeles');
      const bogus = crmContact('2026-06-01T00:00:00Z', 'Mars/Olympus_Mons');

      expect(rulesOf([OPT_IN, later, send])).toEqual(['quiet_hours']);
      expect(auditSends([OPT_IN, bogus, send], config).breaches[0]?.evidence).toEqual([send.eventId]);
    });
  });

  describe('what it judges', () => {
    it('judges one vendor message once, however many events report it', () => {
      const messageId = 'SM00000000000000000000000000000abc';
      const send = sent('2026-06-10T14:00:00Z', { messageId });
      const callback = sent('2026-06-10T14:00:01Z', { messageId, vendorRef: `${messageId}:callback` });

      const report = auditSends([OPT_IN, send, send, callback], config);

      expect(report.checked.sends).toBe(1);
      expect(report.breaches).toEqual([]);
    });

    it('skips sends it cannot tie to a configured program', () => {
      const orphan = sent('2026-06-10T14:00:00Z', { programId: undefined });
      const retired = sent('2026-06-10T15:00:00Z', { programId: 'retired' });

      const report = auditSends([OPT_IN, orphan, retired], config);

      expect(report.checked.sends).toBe(0);
      expect(report.skipped).toEqual([
        { eventId: orphan.eventId, reason: 'no programId' },
        { eventId: retired.eventId, reason: 'program retired is not configured' },
      ]);
    });

    it('judges only sends received in the window, with earlier events as context', () => {
      const before = sent('2026-06-10T13:00:00Z'); // 09:00, the day's first
      const inside = sent('2026-06-10T14:00:00Z', { receivedAt: '2026-06-10T14:00:00Z' });
      const window = { from: '2026-06-10T13:30:00Z', to: '2026-06-11T00:00:00Z' };

      const report = auditSends([OPT_IN, before, inside], config, { window });

      expect(report.checked.sends).toBe(1);
      expect(report.breaches.map((b) => [b.eventId, b.evidence])).toEqual([
        [inside.eventId, [before.eventId, inside.eventId]],
        [inside.eventId, [before.eventId, inside.eventId]],
      ]);
    });

    it('gives the same report whatever order the events come in', () => {
      const history = [
        OPT_IN,
        consent('opted_out', '2026-06-12T12:00:00Z'),
        ...[10, 10, 11, 12, 13].map((day, i) => sent(`2026-06-${day}T${14 + i}:00:00Z`)),
      ];

      expect(auditSends([...history].reverse(), config)).toEqual(auditSends(history, config));
    });
  });
});
