import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Canonical event schema version; bump with a new schema, never edit an old one in place. */
export const EVENT_VERSION = 1 as const;

/** Vendors that can be the `source` of a canonical event. `internal` is our own send gate and click tracker. */
export const VendorSchema = z.enum([
  'twilio',
  'telnyx',
  'vonage',
  'plivo',
  'bandwidth',
  'hubspot',
  'salesforce',
  'pipedrive',
  'sendgrid',
  'generic',
  'internal',
]);
export type Vendor = z.infer<typeof VendorSchema>;

export const E164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, 'phone must be E.164, e.g. +14155550100');
export const IsoTimeSchema = z.iso.datetime({ offset: true });
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD');

/** Money is integer minor units (cents) plus currency, so sums never drift. */
export const MoneySchema = z.object({ amountMinor: z.number().int(), currency: CurrencySchema });
export type Money = z.infer<typeof MoneySchema>;

/** Fields every canonical event carries. */
export const baseFields = {
  eventId: z.string().regex(/^evt_[0-9a-f]{32}$/),
  v: z.literal(EVENT_VERSION),
  occurredAt: IsoTimeSchema,
  receivedAt: IsoTimeSchema,
  source: VendorSchema,
  /** The vendor's own id for the fact (message SID, event id, deal id + change time). */
  vendorRef: z.string().min(1),
  phone: E164Schema.optional(),
  email: z.email().optional(),
  contactId: z.string().min(1).optional(),
  accountId: z.string().min(1).optional(),
};

export const UtmSchema = z
  .object({
    source: z.string().optional(),
    medium: z.string().optional(),
    campaign: z.string().optional(),
    content: z.string().optional(),
    term: z.string().optional(),
  })
  .partial();

/**
 * The campaign identity a touch carries, the same for SMS and email, so attribution can
 * treat both channels alike. A campaign is a one-off blast; a flow is a workflow with steps.
 */
export const touchFields = {
  channel: z.enum(['sms', 'email']),
  messageId: z.string().min(1),
  programId: z.string().optional(),
  kind: z.enum(['campaign', 'flow']).optional(),
  campaignId: z.string().optional(),
  workflowId: z.string().optional(),
  step: z.number().int().nonnegative().optional(),
  templateId: z.string().optional(),
  variant: z.string().optional(),
  utm: UtmSchema.optional(),
};

/** Cost of one message as the vendor reported it. */
export const CostSchema = z.object({
  segments: z.number().int().positive().optional(),
  priceMinor: z.number().int().optional(),
  /** Vendor fees are fractions of a cent: millionths of the currency unit keep them exact. */
  priceMicros: z.number().int().optional(),
  currency: CurrencySchema.optional(),
});

/**
 * Deterministic event id: the same vendor fact always maps to the same id, so a replayed or
 * retried webhook is a conditional-write no-op instead of a second event.
 */
export function deriveEventId(source: Vendor, type: string, vendorRef: string): string {
  const digest = createHash('sha256').update(`${source}\u0000${type}\u0000${vendorRef}`).digest('hex');
  return `evt_${digest.slice(0, 32)}`;
}
