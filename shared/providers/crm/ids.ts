/**
 * CRM object ids in canonical events: `<vendor>:<kind>:<vendor's own id>`, for example
 * `hubspot:contact:51`, `salesforce:opportunity:0065e00000AbCdEAAV`, `pipedrive:account:7`.
 *
 * Why: the three CRMs number their objects independently (HubSpot and Pipedrive both use small
 * integers), so a bare `123` could be a HubSpot contact, a Pipedrive person or a deal. The
 * prefix makes every id unambiguous across vendors and object kinds, so identity links,
 * attribution joins and the lake never mix them up.
 *
 * - `kind` is our domain's word, never the vendor's: a HubSpot company, a Salesforce Account
 *   and a Pipedrive organization are all `account`; a HubSpot deal, a Salesforce Opportunity
 *   and a Pipedrive deal are all `opportunity`; a Pipedrive person is a `contact`.
 * - The vendor id is kept verbatim (Salesforce ids stay the 18-character, case-sensitive form
 *   Outbound Messages send).
 * - Stage and pipeline *values* (`closedwon`, `Negotiation/Review`, Pipedrive stage `3`) are
 *   attributes, not identity keys, and stay as the CRM sends them.
 * - The generic CRM endpoint passes the sender's ids through untouched: that sender owns its
 *   own namespace.
 */
export type CrmVendor = 'hubspot' | 'salesforce' | 'pipedrive';
export type CrmObjectKind = 'contact' | 'account' | 'opportunity' | 'meeting' | 'owner' | 'pipeline';

export function crmId(vendor: CrmVendor, kind: CrmObjectKind, id: string | number): string {
  return `${vendor}:${kind}:${id}`;
}

/** Like `crmId`, but for optional references (`AccountId`, `org_id`) that may be absent or null. */
export function optionalCrmId(
  vendor: CrmVendor,
  kind: CrmObjectKind,
  id: string | number | null | undefined,
): string | undefined {
  if (id === null || id === undefined || id === '') return undefined;
  return crmId(vendor, kind, id);
}
