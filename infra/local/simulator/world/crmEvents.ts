import type { SimOutcome } from '../../../../shared/sim/behaviour.js';
import type { JourneySpec } from '../../../../shared/sim/catalog.js';
import type { SimAccount, SimContact, SimDeal, SimDealMove, SimOrder } from '../../../../shared/sim/world.js';

/**
 * The world's CRM and commerce facts as items of our generic webhook envelope: each item is a
 * canonical event draft with the sender's own stable `id`, so a repost is stored once.
 */
export type GenericItem = { id: string; type: string } & Record<string, unknown>;

const iso = (at: number) => new Date(at).toISOString();
const CURRENCY = 'USD';

export function accountItem(account: SimAccount, at: number): GenericItem {
  return {
    id: `${account.accountId}:upsert`,
    type: 'crm.account.upserted',
    occurredAt: iso(at),
    accountId: account.accountId,
    name: account.name,
    tier: account.tier,
    ownerId: account.ownerId,
  };
}

export function contactItem(contact: SimContact, at: number): GenericItem {
  return {
    id: `${contact.contactId}:upsert`,
    type: 'crm.contact.upserted',
    occurredAt: iso(at),
    contactId: contact.contactId,
    accountId: contact.accountId,
    phone: contact.phone,
    email: contact.email,
    firstName: contact.firstName,
    lastName: contact.lastName,
    ownerId: contact.ownerId,
    lifecycleStage: 'lead',
    timeZone: contact.timeZone,
  };
}

const identity = (contact: SimContact) => ({
  contactId: contact.contactId,
  accountId: contact.accountId,
  phone: contact.phone,
  email: contact.email,
});

export function priorOrderItem(contact: SimContact, order: SimOrder): GenericItem {
  return {
    id: order.orderId,
    type: 'order.placed',
    occurredAt: iso(order.at),
    ...identity(contact),
    orderId: order.orderId,
    currency: CURRENCY,
    revenueMinor: order.revenueMinor,
    marginMinor: order.marginMinor,
    discountMinor: 0,
  };
}

export function dealCreatedItem(deal: SimDeal): GenericItem {
  return {
    id: `${deal.opportunityId}:created`,
    type: 'opportunity.created',
    occurredAt: iso(deal.createdAt),
    accountId: deal.accountId,
    opportunityId: deal.opportunityId,
    name: `Deal ${deal.opportunityId}`,
    ownerId: deal.ownerId,
    pipelineId: 'default',
    amountMinor: deal.amountMinor,
    currency: CURRENCY,
    stage: 'appointmentscheduled',
  };
}

export function dealMoveItem(deal: SimDeal, move: SimDealMove): GenericItem {
  const common = {
    id: `${deal.opportunityId}:${move.to}`,
    occurredAt: iso(move.at),
    accountId: deal.accountId,
    opportunityId: deal.opportunityId,
    ownerId: deal.ownerId,
    pipelineId: 'default',
    amountMinor: deal.amountMinor,
    currency: CURRENCY,
  };
  if (move.kind === 'stage')
    return { ...common, type: 'opportunity.stage_changed', fromStage: move.from, toStage: move.to };
  return { ...common, type: 'opportunity.closed', outcome: move.kind, stage: move.to };
}

/** The appointment the reminder journey reminds of, booked an hour before its first text. */
export function appointmentBookedItem(contact: SimContact, at: number): GenericItem {
  return {
    id: `${contact.contactId}:appointment:booked`,
    type: 'meeting.booked',
    occurredAt: iso(at),
    ...identity(contact),
    meetingId: `${contact.contactId}-appointment`,
    ownerId: contact.ownerId,
  };
}

/** The outcome event a journey's conversion is recorded by. */
export function outcomeItem(contact: SimContact, journey: JourneySpec, outcome: SimOutcome): GenericItem {
  const base = {
    id: `${contact.contactId}:${journey.id}:outcome`,
    occurredAt: iso(outcome.at),
    ...identity(contact),
  };
  switch (journey.outcome) {
    case 'order':
      return {
        ...base,
        type: 'order.placed',
        orderId: `${contact.contactId}-${journey.id}`,
        currency: CURRENCY,
        revenueMinor: outcome.revenueMinor,
        marginMinor: outcome.marginMinor,
        discountMinor: outcome.discountMinor,
        ...(outcome.discountMinor > 0 ? { discountCode: journey.id.toUpperCase().replace(/-/g, '') } : {}),
      };
    case 'renewal':
      return {
        ...base,
        type: 'subscription.renewed',
        subscriptionId: `${contact.contactId}-subscription`,
        currency: CURRENCY,
        arrMinor: outcome.revenueMinor,
      };
    case 'meeting_booked':
      return {
        ...base,
        type: 'meeting.booked',
        meetingId: `${contact.contactId}-${journey.id}-meeting`,
        ownerId: contact.ownerId,
      };
    case 'meeting_attended':
      return {
        ...base,
        type: 'meeting.attended',
        meetingId: `${contact.contactId}-appointment`,
        ownerId: contact.ownerId,
      };
    case 'lead_qualified':
      return { ...base, type: 'lead.qualified', fromStage: 'lead', toStage: 'marketingqualifiedlead' };
  }
}
