import { z } from 'zod';

const Minor = z.number().int().nonnegative();
const Country = z.string().regex(/^([A-Z]{2}|DEFAULT)$/, 'ISO 3166 alpha-2 country or DEFAULT');

/**
 * Program cost beyond the per-message fees (those stay in `fees`, FeesSchema, and are reused
 * here, never repeated). Monthly amounts are in minor units of `fees.currency`. A month's amount
 * is spread evenly over its days, and each day's share over that day's messages (see
 * shared/cost/costModel.ts), so any grouping of messages sums to the same total.
 *
 * @example {"smsCountry":"US","platformMonthlyMinor":50000,"toolingMonthlyMinor":20000,"labor":{"demo":{"hoursPerMonth":20,"hourlyRateMinor":6000}},"defaultMarginRate":0.35}
 */
export const CostsSchema = z.object({
  /**
   * Destination country whose per-segment fee prices an SMS the vendor gave no price for. The
   * lake holds only salted hashes of phone numbers, so the country of one recipient is not known
   * after export; a program texting several countries should rely on vendor prices.
   */
  smsCountry: Country.default('US'),
  /** Messaging platform subscription per month (e.g. the vendor's monthly number and service fees). */
  platformMonthlyMinor: Minor.default(0),
  /** Other tools per month (link shortener, CDP seat, monitoring). */
  toolingMonthlyMinor: Minor.default(0),
  /** People per program: hours a month times an hourly rate. */
  labor: z
    .record(z.string(), z.object({ hoursPerMonth: z.number().nonnegative(), hourlyRateMinor: Minor }))
    .default({}),
  /** Margin as a share of revenue for outcomes that report no margin (deals, renewals, orders without one). */
  defaultMarginRate: z.number().min(0).max(1).default(1),
});
export type CostsConfig = z.infer<typeof CostsSchema>;

export const DEFAULT_COSTS: CostsConfig = CostsSchema.parse({});
