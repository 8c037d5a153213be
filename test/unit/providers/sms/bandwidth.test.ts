import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../../shared/http/webhookRequest.js';
import { bandwidth } from '../../../../shared/providers/sms/bandwidth.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const USERNAME = 'bw-callbacks';
/** Basic auth allows ':' in the password (not in the user id), so the fixture password has one. */
const PASSWORD = 'k9:Tq4v!x2Lr8';
const SECRETS = { BANDWIDTH_USERNAME: USERNAME, BANDWIDTH_PASSWORD: PASSWORD };
const FIXTURES = [
  'message-received',
  'message-sending',
  'message-delivered',
  'message-failed-4775',
  'message-failed-9902',
];

type Callback = { type: string; to?: string; message: Record<string, unknown> };
const events = (name: string) => fixtureJson<Callback[]>('bandwidth', name);
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A callback as Bandwidth posts it, with the application's callback credentials. */
function posted(body: unknown, authorization = basic(USERNAME, PASSWORD)) {
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/sms/bandwidth',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      authorization,
      'user-agent': 'BandwidthAPI/v2',
    },
  });
}

const normalized = (name: string) => bandwidth.normalize(posted(events(name)));

describe('Provider: Bandwidth', () => {
  describe('basic auth', () => {
    it('accepts the configured callback credentials, a password with a colon included', () => {
      expect(() => bandwidth.verify(posted(events('message-delivered')), SECRETS, new Date())).not.toThrow();
    });

    it('accepts the scheme in any case', () => {
      const request = posted(
        events('message-delivered'),
        basic(USERNAME, PASSWORD).replace('Basic', 'basic'),
      );
      expect(() => bandwidth.verify(request, SECRETS, new Date())).not.toThrow();
    });

    it.each([
      ['a missing Authorization header', (r: WebhookRequest) => delete r.headers.authorization],
      [
        'a wrong password',
        (r: WebhookRequest) => (r.headers.authorization = basic(USERNAME, `${PASSWORD}x`)),
      ],
      ['a wrong user', (r: WebhookRequest) => (r.headers.authorization = basic('someone-else', PASSWORD))],
      ['the password alone', (r: WebhookRequest) => (r.headers.authorization = basic('', PASSWORD))],
      [
        'credentials without a colon',
        (r: WebhookRequest) =>
          (r.headers.authorization = `Basic ${Buffer.from(USERNAME + PASSWORD).toString('base64')}`),
      ],
      [
        'the right secret under another scheme',
        (r: WebhookRequest) =>
          (r.headers.authorization = r.headers.authorization!.replace('Basic', 'Bearer')),
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = posted(events('message-delivered'));
      breakIt(request);
      expect(() => bandwidth.verify(request, SECRETS, new Date())).toThrow(SignatureInvalidError);
    });

    it('rejects everything when the credentials are not configured', () => {
      const request = posted(events('message-delivered'));
      expect(() => bandwidth.verify(request, { BANDWIDTH_USERNAME: USERNAME }, new Date())).toThrow(
        /not configured/,
      );
    });
  });

  describe('normalize', () => {
    it('maps message-received to message.received at Bandwidth’s event time', () => {
      expect(normalized('message-received')).toEqual([
        {
          type: 'message.received',
          source: 'bandwidth',
          vendorRef: '1795618800000tnlbgm3wn14942us:message-received',
          occurredAt: '2026-11-25T15:00:00.412Z',
          phone: '+14155550123',
          channel: 'sms',
          messageId: '1795618800000tnlbgm3wn14942us',
          from: '+14155550123',
          to: '+14155550199',
          body: "Here's the signed quote",
          mediaUrls: [
            'https://messaging.bandwidth.com/api/v2/users/9900001/media/1795618800000tnlbgm3wn14942us/0/quote.pdf',
          ],
        },
      ]);
    });

    it('maps message-sending to message.sent with the touch identity from the JSON tag', () => {
      expect(normalized('message-sending')).toEqual([
        {
          type: 'message.sent',
          source: 'bandwidth',
          vendorRef: '1795618860123dv91j6xjhc8d8aq2:message-sending',
          occurredAt: '2026-11-25T15:01:01.950Z',
          phone: '+14155550123',
          channel: 'sms',
          messageId: '1795618860123dv91j6xjhc8d8aq2',
          programId: 'renewals',
          kind: 'flow',
          workflowId: 'wf_renewal_30d',
          step: 2,
          templateId: 'tpl_renewal_v3',
          variant: 'personalized',
          to: '+14155550123',
          from: '+14155550199',
          cost: { segments: 1 },
        },
      ]);
    });

    it('maps message-delivered to message.delivered', () => {
      expect(normalized('message-delivered')[0]).toMatchObject({
        type: 'message.delivered',
        vendorRef: '1795618860123dv91j6xjhc8d8aq2:message-delivered',
        occurredAt: '2026-11-25T15:01:04.318Z',
        to: '+14155550123',
      });
    });

    it.each([
      ['message-failed-4775', '4775', 'destination-rejected-due-to-user-opt-out', true],
      ['message-failed-9902', '9902', 'delivery-receipt-expired', false],
    ])('maps %s to message.failed (error %s)', (name, errorCode, errorMessage, carrierOptOut) => {
      expect(normalized(name)[0]).toMatchObject({
        type: 'message.failed',
        errorCode,
        errorMessage,
        carrierOptOut,
      });
    });

    it.each(FIXTURES)('produces a valid canonical event from %s', (name) => {
      const drafts = normalized(name);
      expect(drafts).toHaveLength(1);
      expect(() => canonicalEvent(drafts[0]!, new Date())).not.toThrow();
    });

    it('keeps one fact per recipient of a group message', () => {
      // Prepare: Bandwidth sends one message-delivered per recipient under the same message id.
      const [first] = events('message-delivered');
      first!.message.to = ['+14155550123', '+14155550124'];
      const second = structuredClone(first!);
      second.to = '+14155550124';
      // Act
      const refs = bandwidth.normalize(posted([first, second])).map((draft) => draft.vendorRef);
      // Assess
      expect(refs).toEqual([
        '1795618860123dv91j6xjhc8d8aq2:message-delivered:+14155550123',
        '1795618860123dv91j6xjhc8d8aq2:message-delivered:+14155550124',
      ]);
    });

    it('ignores event types it does not model and keeps the rest of the batch', () => {
      const [read] = events('message-delivered');
      read!.type = 'message-read';
      const drafts = bandwidth.normalize(posted([read, ...events('message-failed-9902')]));
      expect(drafts.map((draft) => draft.type)).toEqual(['message.failed']);
    });

    it.each([
      ['a free-form tag', 'v2 lab'],
      ['a JSON tag without our keys', '{"crm":"hubspot"}'],
      ['no tag', undefined],
    ])('carries no touch identity for %s', (_name, tag) => {
      const [callback] = events('message-delivered');
      callback!.message.tag = tag;
      const [draft] = bandwidth.normalize(posted([callback]));
      expect(draft).not.toHaveProperty('programId');
      expect(draft).not.toHaveProperty('kind');
    });

    it.each([
      ['a body that is not JSON', 'type=message-received'],
      ['a single object instead of an array', JSON.stringify(events('message-delivered')[0])],
      ['an empty array', '[]'],
      [
        'an event without message.id',
        JSON.stringify([{ ...events('message-delivered')[0], message: { from: '+1' } }]),
      ],
      ['an unparseable time', JSON.stringify([{ ...events('message-delivered')[0], time: 'yesterday' }])],
      [
        'an inbound from that is not a phone',
        JSON.stringify([
          {
            ...events('message-received')[0],
            message: { ...events('message-received')[0]!.message, from: 'ABC' },
          },
        ]),
      ],
      [
        'a JSON tag with a kind the model does not know',
        JSON.stringify([
          {
            ...events('message-delivered')[0],
            message: { ...events('message-delivered')[0]!.message, tag: '{"kind":"blast"}' },
          },
        ]),
      ],
    ])('refuses %s', (_name, body) => {
      expect(() => bandwidth.normalize(posted(body))).toThrow(MalformedPayloadError);
    });
  });
});
