import { z } from 'zod';
import type { EventDraft } from '../../../events/index.js';
import { hmac, safeEqual, withinWindow } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { toE164 } from '../../phone.js';
import { secretList } from '../../secrets/vendorSecrets.js';
import { parseJsonBody } from '../genericPayload.js';
import type { WebhookProvider } from '../provider.js';
import { crmId } from './ids.js';

/** How far `X-HubSpot-Request-Timestamp` may be from our clock, either way (HubSpot: 5 minutes). */
export const HUBSPOT_TOLERANCE_SECONDS = 300;

/**
 * The characters HubSpot decodes in the request URI before it signs (v3). Anything else stays
 * percent-encoded, so a full `decodeURIComponent` would compute the wrong string.
 */
const SIGNED_URI_DECODES: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** The request URI as HubSpot signs it: the public URL with the table above decoded. */
export function hubspotSignedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => SIGNED_URI_DECODES[m.toUpperCase()]!);
}

/** base64 HMAC-SHA256(client secret, method + URI + raw body + timestamp): `X-HubSpot-Signature-v3`. */
export function signHubSpotV3(
  clientSecret: string,
  method: string,
  uri: string,
  rawBody: string | Buffer,
  timestamp: string,
): string {
  const source = Buffer.concat([
    Buffer.from(`${method}${uri}`),
    Buffer.from(rawBody),
    Buffer.from(timestamp),
  ]);
  return hmac('sha256', clientSecret, source).toString('base64');
}

function verifyHubSpot(request: WebhookRequest, secretsValue: string | undefined, now: Date): void {
  const secrets = secretList(secretsValue);
  if (secrets.length === 0) throw new SignatureInvalidError('HubSpot client secret is not configured');
  const signature = request.headers['x-hubspot-signature-v3'];
  const timestamp = request.headers['x-hubspot-request-timestamp'];
  if (!signature || !timestamp) {
    throw new SignatureInvalidError('missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header');
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new SignatureInvalidError('X-HubSpot-Request-Timestamp must be epoch milliseconds');
  }
  if (!withinWindow(Number(timestamp) / 1000, now, HUBSPOT_TOLERANCE_SECONDS)) {
    throw new SignatureInvalidError('X-HubSpot-Request-Timestamp is outside the 5-minute window');
  }
  // HubSpot's docs decode a few characters before signing; @hubspot/api-client's
  // Signature.isValid signs whatever URL it is handed. Both forms need the secret, so accept either.
  const uris = [...new Set([hubspotSignedUri(request.url), request.url])];
  const method = request.method.toUpperCase();
  const match = secrets.some((secret) =>
    uris.some((uri) => safeEqual(signature, signHubSpotV3(secret, method, uri, request.rawBody, timestamp))),
  );
  if (!match) throw new SignatureInvalidError('X-HubSpot-Signature-v3 does not match the request');
}

/**
 * One event of a HubSpot webhook batch (legacy `contact.*`/`company.*`/`deal.*` subscriptions,
 * or the newer `object.*` ones with `objectTypeId`). `eventId` stays the same across retries;
 * `attemptNumber` grows.
 * @example {"eventId":1873492650,"subscriptionId":2481733,"portalId":44015577,"appId":3120451,"occurredAt":1795619045000,"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":18339207405,"propertyName":"dealstage","propertyValue":"closedwon","changeSource":"CRM_UI"}
 * @see https://developers.hubspot.com/docs/api/webhooks
 */
const HubSpotEventSchema = z.looseObject({
  eventId: z.number().int(),
  subscriptionId: z.number().int(),
  portalId: z.number().int(),
  appId: z.number().int().optional(),
  occurredAt: z.number().int().positive(),
  subscriptionType: z.string().min(1),
  attemptNumber: z.number().int().nonnegative().optional(),
  objectId: z.number().int().optional(),
  objectTypeId: z.string().optional(),
  propertyName: z.string().optional(),
  propertyValue: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  changeSource: z.string().optional(),
  associationType: z.string().optional(),
  fromObjectId: z.number().int().optional(),
  toObjectId: z.number().int().optional(),
  associationRemoved: z.boolean().optional(),
});
type HubSpotEvent = z.infer<typeof HubSpotEventSchema>;

/** HubSpot batches up to 100 events in one request body, always as a JSON array. */
const HubSpotBatchSchema = z.array(HubSpotEventSchema).min(1).max(100);

type HubSpotObject = 'contact' | 'company' | 'deal';
const OBJECT_TYPE_IDS: Record<string, HubSpotObject> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };

/** `contact.propertyChange` and `object.propertyChange` + `0-1` are the same fact. */
function subscriptionOf(event: HubSpotEvent): { object: HubSpotObject; action: string } | undefined {
  const [prefix, action] = event.subscriptionType.split('.', 2);
  if (!prefix || !action) return undefined;
  const object = prefix === 'object' ? OBJECT_TYPE_IDS[event.objectTypeId ?? ''] : prefix;
  if (object === 'contact' || object === 'company' || object === 'deal') return { object, action };
  return undefined;
}

function textValue(event: HubSpotEvent): string | undefined {
  const value = event.propertyValue;
  if (value === null || value === undefined || value === '') return undefined;
  return String(value);
}

type Base = { source: 'hubspot'; vendorRef: string; occurredAt: string };

function contactDrafts(event: HubSpotEvent, action: string, base: Base): EventDraft[] {
  if (action === 'associationChange') return contactCompanyLink(event, base);
  if (event.objectId === undefined) return [];
  const contactId = crmId('hubspot', 'contact', event.objectId);
  if (action === 'creation') return [{ ...base, type: 'crm.contact.upserted', contactId }];
  if (action !== 'propertyChange') return [];
  const value = textValue(event);
  if (value === undefined) return [];
  switch (event.propertyName) {
    case 'lifecyclestage':
      return [
        { ...base, type: 'lead.qualified', contactId, toStage: value },
        { ...base, type: 'crm.contact.upserted', contactId, lifecycleStage: value },
      ];
    case 'email': {
      const email = z.email().safeParse(value.trim().toLowerCase());
      return email.success ? [{ ...base, type: 'crm.contact.upserted', contactId, email: email.data }] : [];
    }
    case 'phone':
    case 'mobilephone': {
      const phone = toE164(value);
      return phone ? [{ ...base, type: 'crm.contact.upserted', contactId, phone }] : [];
    }
    case 'firstname':
      return [{ ...base, type: 'crm.contact.upserted', contactId, firstName: value }];
    case 'lastname':
      return [{ ...base, type: 'crm.contact.upserted', contactId, lastName: value }];
    case 'hubspot_owner_id':
      return [
        { ...base, type: 'crm.contact.upserted', contactId, ownerId: crmId('hubspot', 'owner', value) },
      ];
    default:
      return [];
  }
}

/**
 * A contact<->company association sets the contact's account. Removals are ignored: the event
 * model has no "unset account", and the next association names the new one.
 * Deal associations are ignored too: there is no opportunity-updated event to carry them.
 */
function contactCompanyLink(event: HubSpotEvent, base: Base): EventDraft[] {
  if (event.associationRemoved || event.fromObjectId === undefined || event.toObjectId === undefined)
    return [];
  const ids =
    event.associationType === 'CONTACT_TO_COMPANY'
      ? { contact: event.fromObjectId, company: event.toObjectId }
      : event.associationType === 'COMPANY_TO_CONTACT'
        ? { contact: event.toObjectId, company: event.fromObjectId }
        : undefined;
  if (!ids) return [];
  return [
    {
      ...base,
      type: 'crm.contact.upserted',
      contactId: crmId('hubspot', 'contact', ids.contact),
      accountId: crmId('hubspot', 'account', ids.company),
    },
  ];
}

function companyDrafts(event: HubSpotEvent, action: string, base: Base): EventDraft[] {
  if (action === 'associationChange') return contactCompanyLink(event, base);
  if (event.objectId === undefined) return [];
  const accountId = crmId('hubspot', 'account', event.objectId);
  if (action === 'creation') return [{ ...base, type: 'crm.account.upserted', accountId }];
  if (action !== 'propertyChange') return [];
  const value = textValue(event);
  if (value === undefined) return [];
  switch (event.propertyName) {
    case 'name':
      return [{ ...base, type: 'crm.account.upserted', accountId, name: value }];
    case 'hubspot_owner_id':
      return [
        { ...base, type: 'crm.account.upserted', accountId, ownerId: crmId('hubspot', 'owner', value) },
      ];
    case 'hs_ideal_customer_profile':
      return [{ ...base, type: 'crm.account.upserted', accountId, tier: value }];
    default:
      return [];
  }
}

/** HubSpot's default pipeline closes deals into these two stages; custom pipelines use numeric ids. */
const CLOSED_STAGES: Record<string, 'won' | 'lost'> = { closedwon: 'won', closedlost: 'lost' };

/**
 * Deals: creation and `dealstage` changes. An `amount` change is ignored on purpose: it carries
 * no currency (`deal_currency_code` is another property) and no stage, and the event model has
 * no "opportunity updated" type; inventing a stage change for it would corrupt funnel timings.
 */
function dealDrafts(event: HubSpotEvent, action: string, base: Base): EventDraft[] {
  if (event.objectId === undefined) return [];
  const opportunityId = crmId('hubspot', 'opportunity', event.objectId);
  if (action === 'creation') return [{ ...base, type: 'opportunity.created', opportunityId }];
  if (action !== 'propertyChange' || event.propertyName !== 'dealstage') return [];
  const stage = textValue(event);
  if (stage === undefined) return [];
  const drafts: EventDraft[] = [
    { ...base, type: 'opportunity.stage_changed', opportunityId, toStage: stage },
  ];
  const outcome = CLOSED_STAGES[stage];
  if (outcome) drafts.push({ ...base, type: 'opportunity.closed', opportunityId, outcome, stage });
  return drafts;
}

function normalizeHubSpot(request: WebhookRequest): EventDraft[] {
  const parsed = HubSpotBatchSchema.safeParse(parseJsonBody(request));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(
      `expected a HubSpot event array: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  return parsed.data.flatMap((event) => {
    const subscription = subscriptionOf(event);
    if (!subscription) return [];
    const base: Base = {
      source: 'hubspot',
      // eventId is stable across retries but HubSpot does not promise it is unique on its own;
      // the portal and subscription scope it.
      vendorRef: `${event.portalId}:${event.subscriptionId}:${event.eventId}`,
      occurredAt: new Date(event.occurredAt).toISOString(),
    };
    if (subscription.object === 'contact') return contactDrafts(event, subscription.action, base);
    if (subscription.object === 'company') return companyDrafts(event, subscription.action, base);
    return dealDrafts(event, subscription.action, base);
  });
}

/**
 * HubSpot CRM webhooks (app subscriptions), verified with signature v3.
 * @see https://developers.hubspot.com/docs/api/webhooks/validating-requests
 * @see https://developers.hubspot.com/docs/api/webhooks
 */
export const hubspot: WebhookProvider = {
  family: 'crm',
  vendor: 'hubspot',
  contentTypes: ['application/json'],
  verify: (request, secrets, now) => verifyHubSpot(request, secrets.HUBSPOT_CLIENT_SECRET, now),
  normalize: normalizeHubSpot,
};
