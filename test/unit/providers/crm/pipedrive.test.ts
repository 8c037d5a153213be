import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import { pipedrive } from '../../../../shared/providers/crm/pipedrive.js';
import { fixtureJson } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const SECRETS = { PIPEDRIVE_USERNAME: 'pipedrive-hooks', PIPEDRIVE_PASSWORD: 'R7v!q2Lx-9wKz' };
const NOW = new Date('2026-11-25T15:04:10Z');

type Request = ReturnType<typeof webhookRequest>;
type Webhook = { meta: Record<string, unknown>; data: Record<string, unknown> | null; previous: unknown };

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A webhook as Pipedrive posts it with the configured basic auth; each test breaks one thing. */
function delivered(
  body: string,
  authorization = basic(SECRETS.PIPEDRIVE_USERNAME, SECRETS.PIPEDRIVE_PASSWORD),
) {
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/crm/pipedrive',
    body,
    headers: { 'content-type': 'application/json', authorization },
  });
}

const payload = (name: string) => fixtureJson<Webhook>('pipedrive', name);
const events = (body: string | Webhook) =>
  pipedrive
    .normalize(delivered(typeof body === 'string' ? body : JSON.stringify(body)))
    .map((d) => canonicalEvent(d, NOW));

describe('Provider: Pipedrive', () => {
  describe('verify', () => {
    const body = () => JSON.stringify(payload('deal-won'));

    it('accepts the configured basic auth credentials', () => {
      expect(() => pipedrive.verify(delivered(body()), SECRETS, NOW)).not.toThrow();
    });

    it('accepts a lower-case scheme, as HTTP allows', () => {
      const request = delivered(
        body(),
        basic(SECRETS.PIPEDRIVE_USERNAME, SECRETS.PIPEDRIVE_PASSWORD).replace('Basic', 'basic'),
      );
      expect(() => pipedrive.verify(request, SECRETS, NOW)).not.toThrow();
    });

    it.each([
      ['a missing Authorization header', (r: Request) => delete r.headers.authorization],
      [
        'a wrong password',
        (r: Request) => (r.headers.authorization = basic(SECRETS.PIPEDRIVE_USERNAME, 'guess')),
      ],
      [
        'a wrong username',
        (r: Request) => (r.headers.authorization = basic('admin', SECRETS.PIPEDRIVE_PASSWORD)),
      ],
      ['a bearer token instead of basic auth', (r: Request) => (r.headers.authorization = 'Bearer abc.def')],
      [
        'credentials without a colon',
        (r: Request) =>
          (r.headers.authorization = `Basic ${Buffer.from('pipedrive-hooks').toString('base64')}`),
      ],
      [
        'the password with a trailing character',
        (r: Request) =>
          (r.headers.authorization = basic(SECRETS.PIPEDRIVE_USERNAME, `${SECRETS.PIPEDRIVE_PASSWORD}x`)),
      ],
    ])('rejects %s', (_name, breakIt) => {
      const request = delivered(body());
      breakIt(request);
      expect(() => pipedrive.verify(request, SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it.each([
      ['no credentials', {}],
      ['a username without a password', { PIPEDRIVE_USERNAME: SECRETS.PIPEDRIVE_USERNAME }],
    ])('rejects everything when %s are configured', (_name, secrets) => {
      expect(() => pipedrive.verify(delivered(body()), secrets, NOW)).toThrow(SignatureInvalidError);
    });
  });

  describe('normalize', () => {
    it('maps a person to crm.contact.upserted with the primary phone in E.164 and the primary email', () => {
      const [contact, ...rest] = events(payload('person-created'));
      expect(rest).toHaveLength(0);
      expect(contact).toMatchObject({
        type: 'crm.contact.upserted',
        source: 'pipedrive',
        vendorRef: 'b0e2a7b4-5c1d-4f36-9a8e-3d71c2f40a11',
        occurredAt: '2026-11-25T14:58:12.904Z',
        contactId: 'pipedrive:contact:8123',
        accountId: 'pipedrive:account:2741',
        phone: '+14155550123',
        email: 'dana.whitfield@northwind-traders.com',
        firstName: 'Dana',
        lastName: 'Whitfield',
        ownerId: 'pipedrive:owner:21977345',
      });
    });

    it('maps an organization to crm.account.upserted', () => {
      const [account] = events(payload('organization-changed'));
      expect(account).toMatchObject({
        type: 'crm.account.upserted',
        accountId: 'pipedrive:account:2741',
        name: 'Northwind Traders',
        ownerId: 'pipedrive:owner:21977345',
      });
    });

    it('maps a deal create to opportunity.created with the amount in cents', () => {
      const [created, ...rest] = events(payload('deal-created'));
      expect(rest).toHaveLength(0);
      expect(created).toMatchObject({
        type: 'opportunity.created',
        opportunityId: 'pipedrive:opportunity:1482',
        contactId: 'pipedrive:contact:8123',
        accountId: 'pipedrive:account:2741',
        pipelineId: 'pipedrive:pipeline:1',
        stage: '1',
        amountMinor: 1_850_050,
        currency: 'USD',
        name: 'Northwind Traders - Annual Platform',
      });
    });

    it('maps a stage move to opportunity.stage_changed from the previous stage', () => {
      const [changed, ...rest] = events(payload('deal-stage-changed'));
      expect(rest).toHaveLength(0);
      expect(changed).toMatchObject({ type: 'opportunity.stage_changed', fromStage: '3', toStage: '4' });
    });

    it('maps a status change to won into opportunity.closed only', () => {
      const [closed, ...rest] = events(payload('deal-won'));
      expect(rest).toHaveLength(0);
      expect(closed).toMatchObject({
        type: 'opportunity.closed',
        outcome: 'won',
        stage: '4',
        amountMinor: 1_850_050,
        vendorRef: '0b8e6d21-4f3a-4c59-a7d2-9e1f0c3b5a48',
      });
    });

    it('maps a lost deal that also moved stage to both events', () => {
      const webhook = payload('deal-won');
      webhook.data!.status = 'lost';
      webhook.previous = { status: 'open', stage_id: 3 };
      expect(events(webhook).map((e) => e.type)).toEqual(['opportunity.stage_changed', 'opportunity.closed']);
    });

    it('ignores deal edits that change neither stage nor status', () => {
      const webhook = payload('deal-stage-changed');
      webhook.previous = { title: 'Northwind - Platform' };
      expect(events(webhook)).toEqual([]);
    });

    it('maps a new meeting to meeting.booked with its UTC time and deal', () => {
      const [booked, ...rest] = events(payload('activity-meeting-created'));
      expect(rest).toHaveLength(0);
      expect(booked).toMatchObject({
        type: 'meeting.booked',
        meetingId: 'pipedrive:meeting:30917',
        scheduledFor: '2026-11-27T16:30:00.000Z',
        opportunityId: 'pipedrive:opportunity:1482',
        contactId: 'pipedrive:contact:8123',
        ownerId: 'pipedrive:owner:21977345',
      });
    });

    it('maps a meeting marked done to meeting.attended', () => {
      const [attended, ...rest] = events(payload('activity-meeting-done'));
      expect(rest).toHaveLength(0);
      expect(attended).toMatchObject({
        type: 'meeting.attended',
        meetingId: 'pipedrive:meeting:30917',
        occurredAt: '2026-11-27T17:20:14.006Z',
      });
    });

    it('ignores activities that are not meetings', () => {
      const webhook = payload('activity-meeting-created');
      webhook.data!.type = 'call';
      expect(events(webhook)).toEqual([]);
    });

    it.each([
      [
        'a delete',
        (w: Webhook) => {
          w.meta.action = 'delete';
          w.data = null;
        },
      ],
      ['an entity we do not model', (w: Webhook) => (w.meta.entity = 'note')],
    ])('ignores %s', (_name, change) => {
      const webhook = payload('deal-won');
      change(webhook);
      expect(events(webhook)).toEqual([]);
    });

    it('gives a retried delivery (higher meta.attempt) the same event id', () => {
      const first = events(payload('deal-won'))[0]!.eventId;
      const retry = payload('deal-won');
      retry.meta.attempt = 3;
      expect(events(retry)[0]!.eventId).toBe(first);
    });

    it.each([
      ['a body that is not JSON', 'meta[action]=change'],
      [
        'a v1 payload',
        JSON.stringify({
          v: 1,
          meta: { v: 1, action: 'updated', object: 'deal', id: 1482 },
          current: {},
          previous: {},
        }),
      ],
      [
        'meta without an id',
        JSON.stringify({ ...payload('deal-won'), meta: { ...payload('deal-won').meta, id: undefined } }),
      ],
      [
        'deal data without an id',
        JSON.stringify({ ...payload('deal-won'), data: { title: 'x', status: 'won' } }),
      ],
      [
        'a deal value that is text',
        JSON.stringify({ ...payload('deal-won'), data: { ...payload('deal-won').data, value: 'lots' } }),
      ],
    ])('refuses %s', (_name, body) => {
      expect(() => pipedrive.normalize(delivered(body))).toThrow(MalformedPayloadError);
    });

    it('names the version when a webhook is not v2', () => {
      const webhook = payload('deal-won');
      webhook.meta.version = '1.0';
      expect(() => pipedrive.normalize(delivered(JSON.stringify(webhook)))).toThrow(/version 2\.0/);
    });
  });
});
