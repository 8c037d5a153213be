import { z } from 'zod';
import { CurrencySchema, type EventDraft } from '../../../events/index.js';
import { safeEqual } from '../../crypto/compare.js';
import { MalformedPayloadError, SignatureInvalidError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { toE164 } from '../../phone.js';
import { parseJsonBody } from '../genericPayload.js';
import type { WebhookProvider } from '../provider.js';
import { compact } from './drafts.js';
import { crmId, optionalCrmId } from './ids.js';
import { toMinorUnits } from './money.js';

/**
 * Pipedrive neither signs nor timestamps its webhooks; the documented protection is HTTP basic
 * auth with credentials set on the webhook. Both halves are compared in constant time and both
 * are always compared. A replay is harmless: `meta.id` makes it the same event id.
 */
function verifyPipedrive(
  request: WebhookRequest,
  username: string | undefined,
  password: string | undefined,
): void {
  if (!username || !password)
    throw new SignatureInvalidError('Pipedrive basic auth credentials are not configured');
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) throw new SignatureInvalidError('missing HTTP basic Authorization header');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new SignatureInvalidError('Authorization header is not user:password');
  const userMatches = safeEqual(decoded.slice(0, colon), username);
  const passwordMatches = safeEqual(decoded.slice(colon + 1), password);
  if (!(userMatches && passwordMatches))
    throw new SignatureInvalidError('Pipedrive basic auth credentials do not match');
}

const Id = z.number().int().positive();
const OptionalId = Id.nullish();
/** Webhooks v2 send booleans; tolerate the 0/1 flags of API v1 objects too. */
const Flag = z
  .union([z.boolean(), z.literal(0), z.literal(1)])
  .nullish()
  .transform((value) => value === true || value === 1);

/**
 * The envelope of a Pipedrive webhooks v2 call: `meta` says what happened to which object,
 * `data` is the object now, `previous` holds the old values of the fields that changed.
 * @example {"meta":{"action":"change","entity":"deal","entity_id":"1482","id":"6f2d3e0c-…","timestamp":"2026-11-25T15:04:05.112Z","version":"2.0"},"data":{"id":1482,"stage_id":4},"previous":{"stage_id":3}}
 * @see https://pipedrive.readme.io/docs/guide-for-webhooks-v2
 */
const PipedriveWebhookSchema = z.looseObject({
  meta: z.looseObject({
    action: z.string().min(1),
    entity: z.string().min(1),
    entity_id: z.union([z.string(), z.number()]).optional(),
    /** The webhook event's own id: the same on every retry of this notification. */
    id: z.string().min(1),
    timestamp: z.union([z.string(), z.number()]).optional(),
    version: z.literal('2.0', { error: 'only Pipedrive webhooks version 2.0 are accepted' }),
  }),
  data: z.record(z.string(), z.unknown()).nullish(),
  previous: z.record(z.string(), z.unknown()).nullish(),
});
type PipedriveWebhook = z.infer<typeof PipedriveWebhookSchema>;

const ContactPoint = z.looseObject({
  value: z.string().nullish(),
  primary: Flag,
  label: z.string().nullish(),
});

const PersonSchema = z.looseObject({
  id: Id,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  owner_id: OptionalId,
  org_id: OptionalId,
  emails: z.array(ContactPoint).nullish(),
  phones: z.array(ContactPoint).nullish(),
});

const OrganizationSchema = z.looseObject({ id: Id, name: z.string().nullish(), owner_id: OptionalId });

const DealSchema = z.looseObject({
  id: Id,
  title: z.string().nullish(),
  value: z.number().nullish(),
  currency: z.string().nullish(),
  status: z.string().nullish(),
  stage_id: OptionalId,
  pipeline_id: OptionalId,
  owner_id: OptionalId,
  person_id: OptionalId,
  org_id: OptionalId,
});

const ActivitySchema = z.looseObject({
  id: Id,
  type: z.string().nullish(),
  done: Flag,
  due_date: z.string().nullish(),
  due_time: z.string().nullish(),
  owner_id: OptionalId,
  deal_id: OptionalId,
  person_id: OptionalId,
  org_id: OptionalId,
});

function parseData<T extends z.ZodType>(schema: T, webhook: PipedriveWebhook): z.infer<T> {
  const parsed = schema.safeParse(webhook.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(
      `Pipedrive ${webhook.meta.entity} data: ${issue?.path.join('.') || 'data'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

/** Pipedrive sends ISO strings in v2 (`2026-11-25T15:04:05Z`), `YYYY-MM-DD HH:MM:SS` UTC in older objects, or epoch numbers. */
function pipedriveTime(value: unknown): string | undefined {
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString();
  if (typeof value !== 'string' || value === '') return undefined;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** Primary entry first, else the first one: the number a rep would dial. */
function primaryValue(points: z.infer<typeof ContactPoint>[] | null | undefined): string | undefined {
  const list = points ?? [];
  return (list.find((p) => p.primary && p.value) ?? list.find((p) => p.value))?.value ?? undefined;
}

/** True when the change touched `key` and it holds a different value now. */
const changed = (webhook: PipedriveWebhook, key: string, now: unknown): boolean =>
  webhook.previous != null && key in webhook.previous && webhook.previous[key] !== now;

type Base = { source: 'pipedrive'; vendorRef: string; occurredAt: string };

function personDrafts(webhook: PipedriveWebhook, base: Base): EventDraft[] {
  const person = parseData(PersonSchema, webhook);
  const email = z.email().safeParse(primaryValue(person.emails)?.trim().toLowerCase());
  return [
    compact({
      ...base,
      type: 'crm.contact.upserted' as const,
      contactId: crmId('pipedrive', 'contact', person.id),
      accountId: optionalCrmId('pipedrive', 'account', person.org_id),
      email: email.success ? email.data : undefined,
      phone: toE164(primaryValue(person.phones)),
      firstName: person.first_name ?? undefined,
      lastName: person.last_name ?? undefined,
      ownerId: optionalCrmId('pipedrive', 'owner', person.owner_id),
    }),
  ];
}

function organizationDrafts(webhook: PipedriveWebhook, base: Base): EventDraft[] {
  const organization = parseData(OrganizationSchema, webhook);
  return [
    compact({
      ...base,
      type: 'crm.account.upserted' as const,
      accountId: crmId('pipedrive', 'account', organization.id),
      name: organization.name ?? undefined,
      ownerId: optionalCrmId('pipedrive', 'owner', organization.owner_id),
    }),
  ];
}

/**
 * Deals: a create is `opportunity.created`; a change whose `previous` holds another stage_id is
 * `opportunity.stage_changed` (from -> to); a status that turned won/lost (or a deal created
 * already closed) is `opportunity.closed`. Other edits (title, value) are not modelled.
 * Stages are Pipedrive stage ids as strings; naming them is config, not transport.
 */
function dealDrafts(webhook: PipedriveWebhook, base: Base): EventDraft[] {
  const deal = parseData(DealSchema, webhook);
  const currency = CurrencySchema.safeParse(deal.currency).data;
  const stage = deal.stage_id == null ? undefined : String(deal.stage_id);
  const opportunity = {
    ...base,
    contactId: optionalCrmId('pipedrive', 'contact', deal.person_id),
    accountId: optionalCrmId('pipedrive', 'account', deal.org_id),
    opportunityId: crmId('pipedrive', 'opportunity', deal.id),
    name: deal.title ?? undefined,
    ownerId: optionalCrmId('pipedrive', 'owner', deal.owner_id),
    pipelineId: optionalCrmId('pipedrive', 'pipeline', deal.pipeline_id),
    amountMinor: toMinorUnits(deal.value, currency),
    currency,
  };
  const drafts: EventDraft[] = [];
  const created = webhook.meta.action === 'create';
  if (created) drafts.push(compact({ ...opportunity, type: 'opportunity.created' as const, stage }));
  if (!created && stage && changed(webhook, 'stage_id', deal.stage_id)) {
    const from = webhook.previous?.stage_id;
    drafts.push(
      compact({
        ...opportunity,
        type: 'opportunity.stage_changed' as const,
        fromStage: from == null ? undefined : String(from),
        toStage: stage,
      }),
    );
  }
  const outcome = deal.status === 'won' || deal.status === 'lost' ? deal.status : undefined;
  if (outcome && (created || changed(webhook, 'status', deal.status))) {
    drafts.push(compact({ ...opportunity, type: 'opportunity.closed' as const, outcome, stage }));
  }
  return drafts;
}

/** Pipedrive's `due_time` is UTC; a meeting with only a date keeps just the date. */
function scheduledFor(date: string | null | undefined, time: string | null | undefined): string | undefined {
  if (!date) return undefined;
  if (!time) return date;
  return pipedriveTime(`${date}T${time.length === 5 ? `${time}:00` : time}Z`) ?? date;
}

/**
 * Activities of type `meeting`: created (or retyped to meeting) is `meeting.booked`; marked
 * done is `meeting.attended`. Reschedules and other activity types are ignored.
 */
function activityDrafts(webhook: PipedriveWebhook, base: Base): EventDraft[] {
  const activity = parseData(ActivitySchema, webhook);
  if (activity.type !== 'meeting') return [];
  const meeting = {
    ...base,
    contactId: optionalCrmId('pipedrive', 'contact', activity.person_id),
    accountId: optionalCrmId('pipedrive', 'account', activity.org_id),
    meetingId: crmId('pipedrive', 'meeting', activity.id),
    ownerId: optionalCrmId('pipedrive', 'owner', activity.owner_id),
    opportunityId: optionalCrmId('pipedrive', 'opportunity', activity.deal_id),
  };
  const created = webhook.meta.action === 'create';
  const drafts: EventDraft[] = [];
  if (created || changed(webhook, 'type', activity.type)) {
    drafts.push(
      compact({
        ...meeting,
        type: 'meeting.booked' as const,
        scheduledFor: scheduledFor(activity.due_date, activity.due_time),
      }),
    );
  }
  if (activity.done && (created || changed(webhook, 'done', true))) {
    drafts.push(compact({ ...meeting, type: 'meeting.attended' as const }));
  }
  return drafts;
}

function normalizePipedrive(request: WebhookRequest): EventDraft[] {
  const body = parseJsonBody(request);
  if (body && typeof body === 'object' && 'current' in body) {
    throw new MalformedPayloadError('Pipedrive webhooks v1 payload: recreate the webhook with version 2.0');
  }
  const parsed = PipedriveWebhookSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(
      `expected a Pipedrive webhooks v2 body: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  const webhook = parsed.data;
  // Deletes carry no fact we model; the entity types listed below are the ones we do.
  if (webhook.meta.action !== 'create' && webhook.meta.action !== 'change') return [];
  const occurredAt =
    pipedriveTime(webhook.meta.timestamp) ??
    pipedriveTime(webhook.data?.update_time) ??
    pipedriveTime(webhook.data?.add_time);
  if (!occurredAt) throw new MalformedPayloadError('Pipedrive webhook has no meta.timestamp or update_time');
  const base: Base = { source: 'pipedrive', vendorRef: webhook.meta.id, occurredAt };
  switch (webhook.meta.entity) {
    case 'person':
      return personDrafts(webhook, base);
    case 'organization':
      return organizationDrafts(webhook, base);
    case 'deal':
      return dealDrafts(webhook, base);
    case 'activity':
      return activityDrafts(webhook, base);
    default:
      return [];
  }
}

/**
 * Pipedrive webhooks v2 (person, organization, deal, activity), authenticated by HTTP basic auth.
 * @see https://pipedrive.readme.io/docs/guide-for-webhooks-v2
 */
export const pipedrive: WebhookProvider = {
  family: 'crm',
  vendor: 'pipedrive',
  contentTypes: ['application/json'],
  verify: (request, secrets) =>
    verifyPipedrive(request, secrets.PIPEDRIVE_USERNAME, secrets.PIPEDRIVE_PASSWORD),
  normalize: normalizePipedrive,
};
