import type { CanonicalEvent } from '../../events/index.js';
import { BadRequestError } from '../http/errors.js';
import { toE164 } from '../phone.js';
import type { EventStore, TimelineKey } from '../store/eventStore.js';

/**
 * Reads `phone` (E.164) or `contactId` from a timeline query. A '+' in an unencoded query
 * string arrives as a space, so a leading space before digits is read as '+'.
 */
export function timelineKey(query: Record<string, string | undefined>): TimelineKey {
  if (query.phone !== undefined) {
    const raw = query.phone.replace(/^ (?=\d)/, '+');
    const phone = toE164(raw);
    if (!phone)
      throw new BadRequestError(`phone "${query.phone}" is not a valid number; use E.164, e.g. +14155550100`);
    return { phone };
  }
  if (query.contactId) return { contactId: query.contactId };
  throw new BadRequestError('give phone=<E.164> or contactId=<id>');
}

/** A contact's events, oldest first, for ops and support. */
export async function contactTimeline(
  query: Record<string, string | undefined>,
  store: EventStore,
): Promise<{ events: CanonicalEvent[] }> {
  const limitRaw = query.limit ?? '500';
  const limit = Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new BadRequestError('limit must be 1..1000');
  return { events: await store.timeline(timelineKey(query), { limit }) };
}
