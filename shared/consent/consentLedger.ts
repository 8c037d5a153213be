import type { z } from 'zod';
import type { ConsentChangedSchema } from '../../events/consent.js';

/**
 * One line of the consent ledger: the `consent.changed` canonical event itself, so the ledger,
 * the event log and the lake all hold the same fact with the same id and evidence.
 */
export type ConsentEntry = z.infer<typeof ConsentChangedSchema>;
export type ConsentChannel = ConsentEntry['channel'];

/** The address a ledger is kept for: a phone (E.164) for SMS, a lower-cased email for email. */
export function ledgerAddress(channel: ConsentChannel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}

/** The address an entry belongs to, or undefined when the event lacks the one its channel needs. */
export function entryAddress(entry: Pick<ConsentEntry, 'channel' | 'phone' | 'email'>): string | undefined {
  const raw = entry.channel === 'sms' ? entry.phone : entry.email;
  return raw === undefined ? undefined : ledgerAddress(entry.channel, raw);
}

export class ConsentAddressMissingError extends Error {
  constructor(entry: Pick<ConsentEntry, 'eventId' | 'channel'>) {
    super(
      `consent entry ${entry.eventId} has no ${entry.channel === 'sms' ? 'phone' : 'email'} to key it by`,
    );
    this.name = 'ConsentAddressMissingError';
  }
}

/**
 * The append-only consent ledger: every opt-in and opt-out with its evidence, per channel and
 * address. Nothing is ever updated or deleted; the current state is derived (`currentConsent`).
 */
export interface ConsentLedger {
  /**
   * Records an entry once: appending the same entry again (a retried batch, a replayed
   * webhook) changes nothing and answers `appended: false`.
   * Throws ConsentAddressMissingError when the entry has no address for its channel.
   */
  append(entry: ConsentEntry): Promise<{ appended: boolean }>;
  /** Every entry for the address, oldest first (by `occurredAt`, then `eventId`). */
  history(channel: ConsentChannel, address: string): Promise<ConsentEntry[]>;
}
