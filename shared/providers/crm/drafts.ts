/**
 * Drops keys whose value is undefined, so a draft carries only what the CRM sent: an absent
 * field means "not in this message", never "cleared", and stores need not marshal undefined.
 */
export function compact<T extends Record<string, unknown>>(draft: T): T {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined)) as T;
}
