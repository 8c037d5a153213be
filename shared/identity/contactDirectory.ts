import type {
  AccountProfile,
  ContactProfile,
  IdentityUpdate,
  OpportunitySnapshot,
} from './contactProfile.js';

/** Who a phone or email belongs to, and what we know of contacts and accounts. */
export interface ContactDirectory {
  /** The contact a phone belongs to, creating a provisional one for an unknown phone. */
  resolvePhone(phone: string, at: string): Promise<ContactProfile>;
  /** Read-only: the contact a phone is linked to, if any. */
  lookupPhone(phone: string): Promise<ContactProfile | undefined>;
  /** Read-only: the contact an email address is linked to, if any. */
  lookupEmail(email: string): Promise<ContactProfile | undefined>;
  findContact(contactId: string): Promise<ContactProfile | undefined>;
  findAccount(accountId: string): Promise<AccountProfile | undefined>;
  /** The most recently updated open opportunity of the contact, else of the account. */
  latestOpenOpportunity(keys: {
    contactId?: string;
    accountId?: string;
  }): Promise<OpportunitySnapshot | undefined>;
  /** Applies an update idempotently: replays and out-of-order older updates change nothing. */
  apply(update: IdentityUpdate): Promise<void>;
}
