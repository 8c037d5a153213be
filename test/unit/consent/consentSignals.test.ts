import { describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent, type EventDraft } from '../../../events/index.js';
import { parseConfig } from '../../../shared/config/programConfig.js';
import {
  consentChangesFor,
  EVIDENCE_TEXT_MAX,
  helpReplyFor,
} from '../../../shared/consent/consentSignals.js';

const program = (from: string, scope: 'all' | 'program' | 'sender', extra: Record<string, unknown> = {}) => ({
  name: `Program on ${from}`,
  from,
  consent: { required: 'opt_in', scope },
  helpText: `Help for ${from}. Reply STOP to opt out.`,
  ...extra,
});

const config = parseConfig({
  version: 1,
  programs: {
    demo: program('+14155550199', 'all', {
      keywords: { optOut: ['BAJA', 'PARAR'], optIn: ['ALTA'], help: ['AYUDA'] },
      optOutConfirmation: 'Demo: you are unsubscribed. Reply START to resubscribe.',
    }),
    growth: program('+14155550198', 'program'),
    alerts: program('+14155550197', 'sender'),
    'shared-a': program('+14155550196', 'program'),
    'shared-b': program('+14155550196', 'program'),
  },
});

const CONTACT = '+14155550123';
const receivedAt = new Date('2026-11-25T10:00:01.000Z');
const received = (body: string, to = '+14155550199', sid = 'SM0f3c2a1b4d5e6f708192a3b4c5d6e7f8') =>
  canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: sid,
      occurredAt: '2026-11-25T10:00:00.000Z',
      channel: 'sms',
      messageId: sid,
      phone: CONTACT,
      contactId: 'ct_42',
      from: CONTACT,
      to,
      body,
    },
    receivedAt,
  );

const only = (drafts: EventDraft[]) => {
  expect(drafts).toHaveLength(1);
  const [draft] = drafts;
  if (draft?.type !== 'consent.changed') throw new Error('expected a consent.changed draft');
  return draft;
};

describe('Function: consentChangesFor', () => {
  describe('replies', () => {
    it('turns STOP into an opt-out with its evidence, stamped at the reply', () => {
      // Prepare
      const reply = received('STOP');
      // Act
      const draft = only(consentChangesFor(reply, config));
      // Assess
      expect(draft).toEqual({
        type: 'consent.changed',
        source: 'internal',
        vendorRef: `${reply.eventId}:consent`,
        occurredAt: reply.occurredAt,
        contactId: 'ct_42',
        channel: 'sms',
        status: 'opted_out',
        scope: { kind: 'all' },
        phone: CONTACT,
        evidence: { method: 'keyword', keyword: 'STOP', text: 'STOP', sourceEventId: reply.eventId },
      });
      expect(() => canonicalEvent(draft, receivedAt)).not.toThrow();
    });

    it('derives the same consent event id from a replayed reply, and another from another reply', () => {
      const first = canonicalEvent(only(consentChangesFor(received('STOP'), config)), receivedAt);
      const replay = canonicalEvent(only(consentChangesFor(received('STOP'), config)), new Date());
      const other = canonicalEvent(
        only(
          consentChangesFor(received('STOP', '+14155550199', 'SM00000000000000000000000000000002'), config),
        ),
        receivedAt,
      );
      expect(replay.eventId).toBe(first.eventId);
      expect(other.eventId).not.toBe(first.eventId);
    });

    it.each([
      ['a program scoped to everything', '+14155550199', { kind: 'all' }],
      ['a program scoped to itself', '+14155550198', { kind: 'program', value: 'growth' }],
      ['a program scoped to its sender', '+14155550197', { kind: 'sender', value: '+14155550197' }],
      ['a number no program sends from', '+14155550100', { kind: 'all' }],
      ['a number two programs share', '+14155550196', { kind: 'sender', value: '+14155550196' }],
      ['a program number written without +1', '4155550198', { kind: 'program', value: 'growth' }],
    ])('scopes an opt-out sent to %s', (_, to, scope) => {
      expect(only(consentChangesFor(received('stop', to), config)).scope).toEqual(scope);
    });

    it.each([
      ['START', '+14155550199', 'opted_in', 'keyword', 'START'],
      ['unstop', '+14155550198', 'opted_in', 'keyword', 'UNSTOP'],
      ['Baja', '+14155550199', 'opted_out', 'keyword', 'BAJA'],
      ['ALTA', '+14155550199', 'opted_in', 'keyword', 'ALTA'],
      ['Baja', '+14155550198', 'opted_out', 'plain_language', undefined], // no Spanish keywords there
      ['please stop texting me', '+14155550199', 'opted_out', 'plain_language', undefined],
    ])('reads %j sent to %s as %s by %s', (body, to, status, method, keyword) => {
      const draft = only(consentChangesFor(received(body, to), config));
      expect(draft.status).toBe(status);
      expect(draft.evidence.method).toBe(method);
      expect(draft.evidence.keyword).toBe(keyword);
    });

    it.each([
      ['HELP', '+14155550199'],
      ['AYUDA', '+14155550199'],
      ['ALTA', '+14155550198'], // a keyword of another program
      ['see you at 3', '+14155550199'],
      ["please don't stop", '+14155550199'],
    ])('changes no consent for %j', (body, to) => {
      expect(consentChangesFor(received(body, to), config)).toEqual([]);
    });

    it(`keeps the first ${EVIDENCE_TEXT_MAX} characters of the reply, never half an emoji`, () => {
      const body = `Please stop texting me. ${'a'.repeat(EVIDENCE_TEXT_MAX - 25)}🙏🙏 and more after that`;
      const text = only(consentChangesFor(received(body), config)).evidence.text ?? '';
      expect(Array.from(text)).toHaveLength(EVIDENCE_TEXT_MAX);
      expect(text.endsWith('🙏')).toBe(true);
      expect(body.startsWith(text)).toBe(true);
    });
  });

  describe('carrier and vendor opt-outs', () => {
    const failed = (fields: Partial<Extract<EventDraft, { type: 'message.failed' }>>) =>
      canonicalEvent(
        {
          type: 'message.failed',
          source: 'twilio',
          vendorRef: 'SM11111111111111111111111111111111:failed',
          occurredAt: '2026-11-25T11:00:00.000Z',
          channel: 'sms',
          messageId: 'SM11111111111111111111111111111111',
          to: CONTACT,
          phone: CONTACT,
          errorCode: '21610',
          errorMessage: 'Attempt to send to unsubscribed recipient',
          carrierOptOut: true,
          ...fields,
        },
        receivedAt,
      );

    it('opts out the recipient of a send the carrier refused, scoped like its program', () => {
      const event = failed({ programId: 'growth' });
      expect(only(consentChangesFor(event, config))).toMatchObject({
        vendorRef: `${event.eventId}:consent`,
        channel: 'sms',
        status: 'opted_out',
        phone: CONTACT,
        scope: { kind: 'program', value: 'growth' },
        occurredAt: event.occurredAt,
        evidence: {
          method: 'carrier',
          sourceEventId: event.eventId,
          text: '21610: Attempt to send to unsubscribed recipient',
        },
      });
    });

    it('opts out of everything when the failed send names no known program', () => {
      expect(only(consentChangesFor(failed({}), config)).scope).toEqual({ kind: 'all' });
      expect(only(consentChangesFor(failed({ programId: 'gone' }), config)).scope).toEqual({ kind: 'all' });
    });

    it('ignores failures that are not opt-outs', () => {
      expect(consentChangesFor(failed({ carrierOptOut: false, errorCode: '30003' }), config)).toEqual([]);
    });
  });

  describe('email unsubscribes', () => {
    const unsubscribed = (fields: Partial<Extract<EventDraft, { type: 'email.unsubscribed' }>>) =>
      canonicalEvent(
        {
          type: 'email.unsubscribed',
          source: 'sendgrid',
          vendorRef: 'sg_event_id_7f2b',
          occurredAt: '2026-11-25T12:00:00.000Z',
          channel: 'email',
          messageId: 'sg_message_id_1',
          email: 'ana@example.com',
          ...fields,
        },
        receivedAt,
      );

    it('opts the address out of all email', () => {
      const event = unsubscribed({});
      expect(only(consentChangesFor(event, config))).toMatchObject({
        channel: 'email',
        status: 'opted_out',
        email: 'ana@example.com',
        scope: { kind: 'all' },
        evidence: { method: 'email_unsubscribe', sourceEventId: event.eventId },
      });
    });

    it("narrows a group unsubscribe to the group's program when it is known", () => {
      const draft = only(consentChangesFor(unsubscribed({ scope: 'group', programId: 'growth' }), config));
      expect(draft.scope).toEqual({ kind: 'program', value: 'growth' });
      const unknown = only(consentChangesFor(unsubscribed({ scope: 'group', programId: 'gone' }), config));
      expect(unknown.scope).toEqual({ kind: 'all' });
    });

    it('has nothing to key a change by without the address', () => {
      expect(consentChangesFor(unsubscribed({ email: undefined }), config)).toEqual([]);
    });
  });

  it('derives nothing from other events', () => {
    const sent: CanonicalEvent = canonicalEvent(
      {
        type: 'message.sent',
        source: 'twilio',
        vendorRef: 'SM22222222222222222222222222222222',
        occurredAt: '2026-11-25T09:00:00.000Z',
        channel: 'sms',
        messageId: 'SM22222222222222222222222222222222',
        to: CONTACT,
        from: '+14155550199',
      },
      receivedAt,
    );
    expect(consentChangesFor(sent, config)).toEqual([]);
  });
});

describe('Function: helpReplyFor', () => {
  it.each([
    ['HELP', '+14155550199', 'Help for +14155550199. Reply STOP to opt out.'],
    ['info', '+14155550198', 'Help for +14155550198. Reply STOP to opt out.'],
    ['Ayuda', '+14155550199', 'Help for +14155550199. Reply STOP to opt out.'],
    ['STOP', '+14155550199', 'Demo: you are unsubscribed. Reply START to resubscribe.'],
    ['no más mensajes', '+14155550199', 'Demo: you are unsubscribed. Reply START to resubscribe.'],
  ])('answers %j sent to %s from that number', (body, to, text) => {
    expect(helpReplyFor(received(body, to), config)).toEqual({ to: CONTACT, from: to, body: text });
  });

  it.each([
    ['STOP', '+14155550198'], // no confirmation configured
    ['HELP', '+14155550100'], // no program sends from there
    ['START', '+14155550199'],
    ['see you at 3', '+14155550199'],
  ])('stays silent for %j sent to %s', (body, to) => {
    expect(helpReplyFor(received(body, to), config)).toBeUndefined();
  });
});
