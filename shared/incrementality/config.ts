import { z } from 'zod';
import { OutcomeTypeSchema } from '../attribution/model.js';

/**
 * What a workflow or campaign is for, so each run can say whether it does its job: the outcome it
 * exists to move and the smallest absolute lift in that outcome's conversion rate (treatment minus
 * holdout, e.g. 0.01 = one percentage point) that counts as success.
 *
 * @example {"primaryOutcome":"order","successThreshold":0.01,"windowDays":7}
 */
export const WorkflowGoalSchema = z.object({
  primaryOutcome: OutcomeTypeSchema,
  successThreshold: z.number().min(0).max(1),
  /**
   * Days after the first exposure in which the outcome counts (a reminder works within days, a
   * renewal nudge may take longer). Absent: `incrementality.windowDays`, else attribution's window.
   */
  windowDays: z.number().positive().max(400).optional(),
});
export type WorkflowGoal = z.infer<typeof WorkflowGoalSchema>;

/**
 * The `incrementality` section: how the daily holdouts job builds cohorts and tests lift.
 * Every field has a default, so a config without the section keeps its meaning.
 *
 * @example {"periodDays":90,"preDays":90,"confidence":0.95,"minPerArm":30,"srmAlpha":0.001,"fdrQ":0.05}
 */
export const IncrementalityConfigSchema = z.object({
  /** Members are those first exposed in the `periodDays` before their window could close by `dt`. */
  periodDays: z.number().int().min(1).max(400).default(90),
  /**
   * Outcome window after the exposure, in days. Absent: the attribution window (`days`) of the
   * unit's primary outcome, so "converted" means what attribution means by it.
   */
  windowDays: z.number().positive().max(400).optional(),
  /** Pre-period before the exposure whose revenue is the CUPED covariate. */
  preDays: z.number().int().min(1).max(400).default(90),
  /** The primary outcome of units with no `goal` in config. */
  defaultPrimaryOutcome: OutcomeTypeSchema.default('order'),
  confidence: z.number().gt(0.5).lt(1).default(0.95),
  /** Below this many members in either arm a result is `insufficient_data`. */
  minPerArm: z.number().int().min(2).default(30),
  /**
   * Revenue and profit intervals need this many buyers (members with revenue) in each arm: with
   * fewer, an arm's mean rests on a handful of skewed order values (or on none, when Welch would
   * treat an all-zero holdout as known exactly) and the interval undercovers.
   */
  minBuyersPerArm: z.number().int().min(0).default(10),
  /** Sample ratio mismatch is flagged below this p-value. */
  srmAlpha: z.number().gt(0).lt(0.5).default(0.001),
  /** Benjamini–Hochberg false discovery rate across the units tested in one run. */
  fdrQ: z.number().gt(0).lt(1).default(0.05),
  /** Bootstrap resamples of the revenue difference (seeded by unit and day, so reruns agree). */
  bootstrapResamples: z.number().int().min(0).max(20_000).default(1000),
  /**
   * Profit of an outcome whose event gives no margin (CRM deals, renewals, expansions; orders
   * without marginMinor): amount x this rate. 1 treats such revenue as profit.
   */
  defaultGrossMargin: z.number().min(0).max(1).default(1),
});
export type IncrementalityConfig = z.infer<typeof IncrementalityConfigSchema>;

export const DEFAULT_INCREMENTALITY_CONFIG: IncrementalityConfig = IncrementalityConfigSchema.parse({});
