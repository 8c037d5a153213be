import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { CurrencySchema, type EventDraft } from '../../../events/index.js';
import { safeEqual } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest, WebhookResponse } from '../../http/webhookRequest.js';
import { toE164 } from '../../phone.js';
import { secretList } from '../../secrets/vendorSecrets.js';
import type { WebhookProvider } from '../provider.js';
import { compact } from './drafts.js';
import { crmId, optionalCrmId } from './ids.js';
import { toMinorUnits } from './money.js';

const NOTIFICATION_PATH = 'Envelope.Body.notifications.Notification';

/**
 * Namespace prefixes are dropped (`sf:StageName` -> `StageName`), values stay strings (an id or
 * an amount must never become a float), and entities are not processed at all: a SOAP message
 * may not carry a DTD, so only the five predefined entities and character references can be
 * legitimate, and `decodeText` resolves those in one pass. No entity can expand into more text.
 */
const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  maxNestedTags: 16,
  isArray: (_name, jPath) => jPath === NOTIFICATION_PATH,
});

/** A Salesforce organization id, 15 or 18 characters, always starting `00D`. */
const OrgIdSchema = z
  .string()
  .regex(/^00D[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/, 'not a Salesforce organization id');

/**
 * The `notifications` element of an Outbound Message: one workflow action, up to 100
 * notifications, each with its own id and the record's selected fields.
 * @example {"OrganizationId":"00D5e000000K3tQEAS","ActionId":"04k5e000000PqRsAAK","Notification":[{"Id":"04l5e00000Cv7QfAAJ","sObject":{"@_type":"sf:Opportunity","Id":"0065e00000Hk2WqAAJ","StageName":"Closed Won"}}]}
 * @see https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_om_outboundmessaging_wsdl.htm
 */
const NotificationsSchema = z.looseObject({
  OrganizationId: OrgIdSchema,
  ActionId: z.string().optional(),
  Notification: z
    .array(
      z.looseObject({
        Id: z.string().min(1),
        sObject: z.looseObject({ '@_type': z.string().min(1), Id: z.string().min(1) }),
      }),
    )
    .min(1)
    .max(100),
});
type Notifications = z.infer<typeof NotificationsSchema>;
type SObject = Notifications['Notification'][number]['sObject'];

const EnvelopeSchema = z.object({
  Envelope: z.object({ Body: z.object({ notifications: NotificationsSchema }) }),
});

/** Parses and checks an Outbound Message; anything we cannot read is MalformedPayloadError. */
export function parseOutboundMessage(rawBody: Buffer): Notifications {
  const text = rawBody.toString('utf8');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new MalformedPayloadError('SOAP messages must not contain a DTD or entity declarations');
  }
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (cause) {
    throw new MalformedPayloadError('body is not well-formed XML', { cause });
  }
  const parsed = EnvelopeSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(
      `expected a Salesforce Outbound Message: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  return parsed.data.Envelope.Body.notifications;
}

/**
 * Outbound Messages carry no signature: Salesforce authenticates with its client certificate
 * (mutual TLS, configured at the edge) and every message names its organization. We accept
 * only organizations on the SALESFORCE_ORG_ID allow-list, comparing the 15-character prefix so
 * the 15- and 18-character forms of an id match (the 3 extra characters are a checksum).
 */
function verifySalesforce(request: WebhookRequest, allowListValue: string | undefined): void {
  const allowed = secretList(allowListValue).map((id) => id.slice(0, 15));
  if (allowed.length === 0)
    throw new SignatureInvalidError('Salesforce organization allow-list is not configured');
  const organization = parseOutboundMessage(request.rawBody).OrganizationId.slice(0, 15);
  // Evaluate every entry so timing does not reveal which one matched.
  const matches = allowed.map((id) => safeEqual(id, organization));
  if (!matches.includes(true)) {
    throw new SignatureInvalidError(`Salesforce organization ${organization} is not in SALESFORCE_ORG_ID`);
  }
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves the predefined entities and character references in one pass (so `&amp;lt;` stays `&lt;`). */
function decodeText(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (entity, name: string) => {
    if (!name.startsWith('#')) return XML_ENTITIES[name]!;
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** A field's text; undefined when absent, empty or `xsi:nil`. */
function field(sObject: SObject, name: string): string | undefined {
  const value = sObject[name];
  const raw =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && typeof (value as Record<string, unknown>)['#text'] === 'string'
        ? ((value as Record<string, unknown>)['#text'] as string)
        : undefined;
  return raw ? decodeText(raw) : undefined;
}

function time(sObject: SObject, name: string): string | undefined {
  const value = field(sObject, name);
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()))
    throw new MalformedPayloadError(`${name} "${value}" is not a date-time`);
  return parsed.toISOString();
}

/** Outbound Messages carry no send time, so the record's own modification time is the event time. */
function occurredAt(sObject: SObject): string {
  const at =
    time(sObject, 'LastModifiedDate') ?? time(sObject, 'SystemModstamp') ?? time(sObject, 'CreatedDate');
  if (!at) {
    throw new MalformedPayloadError(
      `${sObject['@_type']} ${sObject.Id}: add LastModifiedDate to the Outbound Message's fields`,
    );
  }
  return at;
}

function email(sObject: SObject): string | undefined {
  const parsed = z.email().safeParse(field(sObject, 'Email')?.trim().toLowerCase());
  return parsed.success ? parsed.data : undefined;
}

const owner = (sObject: SObject) => optionalCrmId('salesforce', 'owner', field(sObject, 'OwnerId'));
const account = (sObject: SObject) => optionalCrmId('salesforce', 'account', field(sObject, 'AccountId'));

type Base = { source: 'salesforce'; vendorRef: string; occurredAt: string };

function contactDraft(sObject: SObject, base: Base): EventDraft {
  return compact({
    ...base,
    type: 'crm.contact.upserted' as const,
    contactId: crmId('salesforce', 'contact', sObject.Id),
    accountId: account(sObject),
    email: email(sObject),
    // SMS goes to the mobile number when the record has one.
    phone: toE164(field(sObject, 'MobilePhone')) ?? toE164(field(sObject, 'Phone')),
    firstName: field(sObject, 'FirstName'),
    lastName: field(sObject, 'LastName'),
    ownerId: owner(sObject),
  });
}

function accountDraft(sObject: SObject, base: Base): EventDraft {
  return compact({
    ...base,
    type: 'crm.account.upserted' as const,
    accountId: crmId('salesforce', 'account', sObject.Id),
    name: field(sObject, 'Name'),
    ownerId: owner(sObject),
    tier: field(sObject, 'Tier__c') ?? field(sObject, 'Type'),
  });
}

/** Same instant, give or take the second a same-transaction field update may add. */
function isNewRecord(sObject: SObject): boolean {
  const created = time(sObject, 'CreatedDate');
  const modified = time(sObject, 'LastModifiedDate');
  return (
    created !== undefined && modified !== undefined && Date.parse(modified) - Date.parse(created) <= 1000
  );
}

/** IsClosed/IsWon when the message carries them, else the standard closed stage names. */
function closedOutcome(sObject: SObject, stage: string | undefined): 'won' | 'lost' | undefined {
  const isClosed = field(sObject, 'IsClosed');
  if (isClosed !== undefined) {
    if (isClosed !== 'true') return undefined;
    return field(sObject, 'IsWon') === 'true' || stage === 'Closed Won' ? 'won' : 'lost';
  }
  if (stage === 'Closed Won') return 'won';
  if (stage === 'Closed Lost') return 'lost';
  return undefined;
}

/**
 * Outbound Messages send the record's current field values, never the previous ones, and fire
 * on every edit that matches the workflow rule. So:
 * - a record whose CreatedDate equals its LastModifiedDate is `opportunity.created`
 *   (vendorRef = the opportunity id: a record is created once);
 * - otherwise the current stage is an `opportunity.stage_changed` with `toStage` and no
 *   `fromStage` (vendorRef = the notification id); downstream compares it with the last stage
 *   it knows, so a repeat of the same stage is not a transition. Best practice: fire the rule
 *   on `ISNEW() || ISCHANGED(StageName)`;
 * - a closed record is also `opportunity.closed`, with vendorRef = opportunity id + outcome, so
 *   later edits of a closed deal (each a new notification) do not count its revenue again.
 */
function opportunityDrafts(sObject: SObject, base: Base): EventDraft[] {
  const stage = field(sObject, 'StageName');
  const currency = CurrencySchema.safeParse(field(sObject, 'CurrencyIsoCode')).data;
  const opportunity = {
    source: base.source,
    opportunityId: crmId('salesforce', 'opportunity', sObject.Id),
    accountId: account(sObject),
    name: field(sObject, 'Name'),
    ownerId: owner(sObject),
    amountMinor: toMinorUnits(field(sObject, 'Amount'), currency),
    currency,
  };
  const drafts: EventDraft[] = [];
  if (isNewRecord(sObject)) {
    drafts.push(
      compact({
        ...opportunity,
        type: 'opportunity.created' as const,
        vendorRef: sObject.Id,
        occurredAt: time(sObject, 'CreatedDate')!,
        stage,
      }),
    );
  } else if (stage) {
    drafts.push(
      compact({ ...opportunity, ...base, type: 'opportunity.stage_changed' as const, toStage: stage }),
    );
  }
  const outcome = closedOutcome(sObject, stage);
  if (outcome) {
    drafts.push(
      compact({
        ...opportunity,
        ...base,
        type: 'opportunity.closed' as const,
        vendorRef: `${sObject.Id}:${outcome}`,
        outcome,
        stage,
      }),
    );
  }
  return drafts;
}

function normalizeSalesforce(request: WebhookRequest): EventDraft[] {
  const message = parseOutboundMessage(request.rawBody);
  return message.Notification.flatMap(({ Id: notificationId, sObject }) => {
    // `xsi:type="sf:Opportunity"`: the prefix is the sObject namespace, the rest the type.
    const type = sObject['@_type'].split(':').pop();
    if (type !== 'Contact' && type !== 'Account' && type !== 'Opportunity') return [];
    const base: Base = { source: 'salesforce', vendorRef: notificationId, occurredAt: occurredAt(sObject) };
    if (type === 'Contact') return [contactDraft(sObject, base)];
    if (type === 'Account') return [accountDraft(sObject, base)];
    return opportunityDrafts(sObject, base);
  });
}

/** The acknowledgement Salesforce waits for; without `<Ack>true</Ack>` it retries for 24 hours. */
export const SALESFORCE_ACK =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>';

function respondSalesforce(): WebhookResponse {
  return { status: 200, headers: { 'content-type': 'text/xml' }, body: SALESFORCE_ACK };
}

/**
 * Salesforce Outbound Messages (workflow rule or flow actions) for Contact, Account and
 * Opportunity; other sObject types are ignored.
 * @see https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_om_outboundmessaging_understanding.htm
 */
export const salesforce: WebhookProvider = {
  family: 'crm',
  vendor: 'salesforce',
  contentTypes: ['text/xml'],
  verify: (request, secrets) => verifySalesforce(request, secrets.SALESFORCE_ORG_ID),
  normalize: normalizeSalesforce,
  respond: respondSalesforce,
};
