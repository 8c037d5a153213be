import { z } from 'zod';

/**
 * The `ltv` section: the assumptions of the LTV ROI model, each printed beside the result it
 * produced (shared/ltv/model.ts). Absent: zeros that make each term vanish rather than invent value.
 *
 * @example {"grossMargin":0.62,"acvMinor":120000,"attachRate":0.3,"costToServePerHourMinor":4500,"hoursSavedPerTreatedMember":0.05,"expectedLifetimeMonths":24}
 */
export const LtvConfigSchema = z.object({
  /** Gross margin on a retained customer's revenue, 0..1. */
  grossMargin: z.number().min(0).max(1).default(0),
  /** Annual contract value of one renewal, minor units. */
  acvMinor: z.number().int().nonnegative().default(0),
  /** Share of expansion revenue that attaches (is realised and kept), 0..1. */
  attachRate: z.number().min(0).max(1).default(0),
  /** What an hour of service or sales work costs, minor units. */
  costToServePerHourMinor: z.number().int().nonnegative().default(0),
  /** Hours of manual follow-up one treated member saves (reminders that replace calls). */
  hoursSavedPerTreatedMember: z.number().nonnegative().default(0),
  /** How long a retained customer stays, months: turns 90-day revenue into remaining value. */
  expectedLifetimeMonths: z.number().positive().max(600).default(24),
  /** Expected remaining value of one contact, minor units; absent: derived from 90-day revenue. */
  remainingValueMinor: z.number().int().nonnegative().optional(),
});
export type LtvConfig = z.infer<typeof LtvConfigSchema>;

export const DEFAULT_LTV_CONFIG: LtvConfig = LtvConfigSchema.parse({});
