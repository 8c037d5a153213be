import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../../events/index.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../../../shared/http/errors.js';
import { SALESFORCE_ACK, salesforce } from '../../../../shared/providers/crm/salesforce.js';
import { fixtureText } from '../../../support/fixtures.js';
import { webhookRequest } from '../../../support/request.js';

const ORG_18 = '00D5e000000K3tQEAS';
const ORG_15 = '00D5e000000K3tQ';
const SECRETS = { SALESFORCE_ORG_ID: ORG_18 };
const NOW = new Date('2026-11-25T15:04:10Z');

/** An Outbound Message as Salesforce posts it; tests change the XML to break one thing. */
function outbound(xml: string) {
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/crm/salesforce',
    body: xml,
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
  });
}

const xml = (name = 'opportunity-closed-won') => fixtureText('salesforce', `${name}.xml`);
const events = (name: string) => salesforce.normalize(outbound(xml(name))).map((d) => canonicalEvent(d, NOW));

describe('Provider: Salesforce', () => {
  describe('verify', () => {
    it('accepts a message from an allowed organization', () => {
      expect(() => salesforce.verify(outbound(xml()), SECRETS, NOW)).not.toThrow();
    });

    it.each([
      ['the 15-character id', ORG_15],
      ['the 18-character id among several', `00D000000000001, ${ORG_18}`],
    ])('matches an allow-list holding %s', (_name, allowList) => {
      expect(() => salesforce.verify(outbound(xml()), { SALESFORCE_ORG_ID: allowList }, NOW)).not.toThrow();
    });

    it('rejects a message from another organization', () => {
      const other = xml().replace(ORG_18, '00D5e000000K3tRAAS');
      expect(() => salesforce.verify(outbound(other), SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('compares ids case-sensitively, as Salesforce ids are', () => {
      const other = xml().replace(ORG_18, ORG_18.toLowerCase().replace(/^00d/, '00D'));
      expect(() => salesforce.verify(outbound(other), SECRETS, NOW)).toThrow(SignatureInvalidError);
    });

    it('rejects everything when no organization is configured', () => {
      expect(() => salesforce.verify(outbound(xml()), {}, NOW)).toThrow(SignatureInvalidError);
    });

    it.each([
      ['a body that is not XML', 'OrganizationId=00D5e000000K3tQEAS'],
      ['XML that is not well-formed', xml().replace('</notifications>', '')],
      ['a SOAP body without notifications', '<Envelope><Body><other/></Body></Envelope>'],
      ['a message without an OrganizationId', xml().replace(/<OrganizationId>.*<\/OrganizationId>/, '')],
      ['an OrganizationId that is not one', xml().replace(ORG_18, 'not-an-org-id')],
    ])('refuses %s before anything is stored', (_name, body) => {
      expect(() => salesforce.verify(outbound(body), SECRETS, NOW)).toThrow(MalformedPayloadError);
    });

    it('refuses a DTD, so no entity can expand (billion laughs)', () => {
      const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${xml()
        .replace(/^<\?xml[^>]*>/, '')
        .replace('<sf:Name>Northwind', '<sf:Name>&lol2;Northwind')}`;
      expect(() => salesforce.verify(outbound(laughs), SECRETS, NOW)).toThrow(/DTD/);
      expect(() => salesforce.normalize(outbound(laughs))).toThrow(MalformedPayloadError);
    });
  });

  describe('normalize', () => {
    it('maps a closed-won opportunity to a stage change and a won close, amount in cents', () => {
      const [stage, closed, ...rest] = events('opportunity-closed-won');
      expect(rest).toHaveLength(0);
      const common = {
        source: 'salesforce',
        opportunityId: 'salesforce:opportunity:0065e00000Hk2WqAAJ',
        accountId: 'salesforce:account:0015e00000QmT9vAAF',
        ownerId: 'salesforce:owner:0055e000004kLpDAAU',
        name: 'Northwind Traders - Annual Platform',
        amountMinor: 1_850_000,
        currency: 'USD',
        occurredAt: '2026-11-25T15:04:05.000Z',
      };
      expect(stage).toMatchObject({
        ...common,
        type: 'opportunity.stage_changed',
        toStage: 'Closed Won',
        vendorRef: '04l5e00000Cv7QfAAJ',
      });
      expect(stage).not.toHaveProperty('fromStage');
      expect(closed).toMatchObject({
        ...common,
        type: 'opportunity.closed',
        outcome: 'won',
        stage: 'Closed Won',
      });
    });

    it('counts a close once even when later edits of the closed deal send new notifications', () => {
      const first = events('opportunity-closed-won');
      const later = salesforce
        .normalize(
          outbound(
            xml()
              .replace('04l5e00000Cv7QfAAJ', '04l5e00000Cv7ZzAAJ')
              .replace('2026-11-25T15:04:05.000Z', '2026-11-26T08:00:00.000Z'),
          ),
        )
        .map((d) => canonicalEvent(d, NOW));
      expect(later[1]!.eventId).toBe(first[1]!.eventId);
      expect(later[0]!.eventId).not.toBe(first[0]!.eventId);
    });

    it('maps a lost close from IsClosed without IsWon', () => {
      const lost = xml()
        .replace('<sf:IsWon>true</sf:IsWon>', '<sf:IsWon>false</sf:IsWon>')
        .replace('Closed Won', 'Closed Lost');
      const [, closed] = salesforce.normalize(outbound(lost));
      expect(closed).toMatchObject({ type: 'opportunity.closed', outcome: 'lost', stage: 'Closed Lost' });
    });

    it('maps a new opportunity (CreatedDate = LastModifiedDate) to opportunity.created, rounding half up', () => {
      const [created, ...rest] = events('opportunity-created');
      expect(rest).toHaveLength(0);
      expect(created).toMatchObject({
        type: 'opportunity.created',
        stage: 'Prospecting',
        amountMinor: 240_000,
        currency: 'EUR',
        vendorRef: '0065e00000Hk2XbAAJ',
        occurredAt: '2026-11-25T14:58:12.000Z',
      });
    });

    it('maps a later edit to opportunity.stage_changed with the current stage only', () => {
      const [changed, ...rest] = events('opportunity-stage-changed');
      expect(rest).toHaveLength(0);
      expect(changed).toMatchObject({
        type: 'opportunity.stage_changed',
        toStage: 'Negotiation/Review',
        amountMinor: 240_000,
        vendorRef: '04l5e00000Cv7T9AAJ',
      });
    });

    it('maps every Contact notification of a batch, mobile first, entities decoded, bad email dropped', () => {
      const [dana, renee, ...rest] = events('contacts');
      expect(rest).toHaveLength(0);
      expect(dana).toMatchObject({
        type: 'crm.contact.upserted',
        vendorRef: '04l5e00000Cv7U4AAJ',
        contactId: 'salesforce:contact:0035e00000Xa1bZAAR',
        accountId: 'salesforce:account:0015e00000QmT9vAAF',
        email: 'dana.whitfield@northwind-traders.com',
        phone: '+14155550123',
        firstName: 'Dana',
        lastName: 'Whitfield',
        ownerId: 'salesforce:owner:0055e000004kLpDAAU',
      });
      expect(renee).toMatchObject({ firstName: 'Renée', lastName: "O'Brien", phone: '+442079460958' });
      expect(renee).not.toHaveProperty('email');
      expect(renee).not.toHaveProperty('accountId');
    });

    it('maps an Account to crm.account.upserted, preferring Tier__c over Type', () => {
      const [account] = events('account');
      expect(account).toMatchObject({
        type: 'crm.account.upserted',
        accountId: 'salesforce:account:0015e00000QmT9vAAF',
        name: 'Northwind Traders & Co. <EMEA>',
        tier: 'Enterprise',
      });
    });

    it('ignores sObject types it does not model', () => {
      const lead = xml('account').replaceAll('sf:Account', 'sf:Lead');
      expect(salesforce.normalize(outbound(lead))).toEqual([]);
    });

    it('refuses a record without any modification time, naming the field to add', () => {
      const bare = xml('account').replace(/<sf:LastModifiedDate>.*<\/sf:LastModifiedDate>/, '');
      expect(() => salesforce.normalize(outbound(bare))).toThrow(/LastModifiedDate/);
    });

    it('refuses a message with no Notification', () => {
      const empty = xml('account').replace(/<Notification>[\s\S]*<\/Notification>/, '');
      expect(() => salesforce.normalize(outbound(empty))).toThrow(MalformedPayloadError);
    });
  });

  describe('respond', () => {
    it('acknowledges with the SOAP notificationsResponse Salesforce expects', () => {
      const response = salesforce.respond!(outbound(xml()));
      expect(response).toMatchObject({
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: SALESFORCE_ACK,
      });
      const ack = new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(response.body!);
      expect(ack.Envelope.Body.notificationsResponse.Ack).toBe('true');
    });
  });
});
