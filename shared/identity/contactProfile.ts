import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CanonicalEvent } from '../../events/index.js';

/**
 * What we know of a person. A CRM contact has the CRM's id; a phone that texted us before
 * the CRM named it gets a provisional contact, merged into the CRM contact later.
 */
export const ContactProfileSchema = z.object({
  contactId: z.string(),
  provisional: z.boolean(),
  phone: z.string().optional(),
  email: z.string().optional(),
  accountId: z.string().optional(),
  ownerId: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  lifecycleStage: z.string().optional(),
  /** Explicit IANA zone from the CRM; absent means "derive from the phone number". */
  timeZone: z.string().optional(),
  mergedInto: z.string().optional(),
  updatedAt: z.string(),
});
export type ContactProfile = z.infer<typeof ContactProfileSchema>;

export const AccountProfileSchema = z.object({
  accountId: z.string(),
  name: z.string().optional(),
  ownerId: z.string().optional(),
  tier: z.string().optional(),
  updatedAt: z.string(),
});
export type AccountProfile = z.infer<typeof AccountProfileSchema>;

/** A stable provisional id for a phone the CRM has not named yet. */
export function provisionalContactId(phone: string): string {
  return `prov:${createHash('sha256').update(phone).digest('hex').slice(0, 20)}`;
}

/** The latest we know of an opportunity, kept under its account and contact for routing. */
export interface OpportunitySnapshot {
  opportunityId: string;
  accountId?: string;
  contactId?: string;
  ownerId?: string;
  stage?: string;
  amountMinor?: number;
  currency?: string;
  closed: boolean;
  updatedAt: string;
}

/** The directory entries an opportunity is filed under: its contact's and its account's. */
export function opportunityOwners(snapshot: OpportunitySnapshot): string[] {
  return [
    snapshot.contactId && `CONTACT#${snapshot.contactId}`,
    snapshot.accountId && `ACCOUNT#${snapshot.accountId}`,
  ].filter((owner): owner is string => Boolean(owner));
}

/**
 * Later facts win: an older stage change arriving late does not reopen or rewind a deal, and a
 * closed deal stays closed. Undefined when the stored snapshot is newer and must be kept.
 */
export function mergeOpportunitySnapshot(
  existing: OpportunitySnapshot | undefined,
  incoming: OpportunitySnapshot,
): OpportunitySnapshot | undefined {
  if (existing && existing.updatedAt > incoming.updatedAt) return undefined;
  return { ...existing, ...incoming, closed: incoming.closed || (existing?.closed ?? false) };
}

export type IdentityUpdate =
  | { kind: 'opportunity'; snapshot: OpportunitySnapshot }
  | { kind: 'contact'; profile: Omit<ContactProfile, 'provisional' | 'mergedInto'> }
  | { kind: 'account'; profile: AccountProfile }
  | { kind: 'phoneSeen'; phone: string; at: string };

const defined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** What an event tells us about who is who. Pure. */
export function identityUpdatesFor(event: CanonicalEvent): IdentityUpdate[] {
  switch (event.type) {
    case 'crm.contact.upserted':
      return [
        {
          kind: 'contact',
          profile: defined({
            contactId: event.contactId,
            phone: event.phone,
            email: event.email,
            accountId: event.accountId,
            ownerId: event.ownerId,
            firstName: event.firstName,
            lastName: event.lastName,
            lifecycleStage: event.lifecycleStage,
            timeZone: event.timeZone,
            updatedAt: event.occurredAt,
          }),
        },
      ];
    case 'crm.account.upserted':
      return [
        {
          kind: 'account',
          profile: defined({
            accountId: event.accountId,
            name: event.name,
            ownerId: event.ownerId,
            tier: event.tier,
            updatedAt: event.occurredAt,
          }),
        },
      ];
    case 'opportunity.created':
    case 'opportunity.stage_changed':
    case 'opportunity.closed':
      return [
        {
          kind: 'opportunity',
          snapshot: defined({
            opportunityId: event.opportunityId,
            accountId: event.accountId,
            contactId: event.contactId,
            ownerId: event.ownerId,
            stage: event.type === 'opportunity.stage_changed' ? event.toStage : event.stage,
            amountMinor: event.amountMinor,
            currency: event.currency,
            closed: event.type === 'opportunity.closed',
            updatedAt: event.occurredAt,
          }),
        },
      ];
    default:
      // Any other event naming a phone without a CRM contact makes sure the phone resolves.
      return event.phone && !event.contactId
        ? [{ kind: 'phoneSeen', phone: event.phone, at: event.occurredAt }]
        : [];
  }
}
