import { z } from 'zod';
import { AttributionModelSchema, OutcomeTypeSchema } from '../attribution/model.js';

/**
 * The `scorecards` section of the program config. Every field has a default, so a config
 * without the section scores with the definitions in shared/scorecards/definitions.ts.
 *
 * @example {"engine":"duckdb","model":"linear","replyWindowHours":168,"engagement":{"stageWeights":{"contractsent":3}}}
 */
export const ScorecardConfigSchema = z.object({
  /**
   * Who computes the rows: `lambda` the TypeScript job in the function (reads every message of
   * the history into memory), `athena` its SQL twin on Athena (AWS), `duckdb` the same SQL on
   * DuckDB (laptop only: `npm run job`, `npm start`). All three write the same rows.
   */
  engine: z.enum(['lambda', 'duckdb', 'athena']).default('lambda'),
  /** Which attribution model's credits make conversions, revenue and profit. */
  model: AttributionModelSchema.default('linear'),
  /** A reply or opt-out belongs to the latest message to that address at most this long before it. */
  replyWindowHours: z
    .number()
    .positive()
    .max(24 * 90)
    .default(168),
  /** Outcome types that count as conversions. */
  qualifiedOutcomes: z
    .array(OutcomeTypeSchema)
    .nonempty()
    .default(['order', 'closed_won', 'opportunity_created', 'meeting_booked', 'renewal', 'expansion']),
  engagement: z
    .object({
      /** Points a recipient earns, once each: a human click, a reply, a conversion. */
      points: z
        .object({
          click: z.number().nonnegative(),
          reply: z.number().nonnegative(),
          conversion: z.number().nonnegative(),
        })
        .default({ click: 1, reply: 2, conversion: 5 }),
      /** Account tier -> weight; absent: alerts.tierWeights. Unknown tiers weigh 1. */
      tierWeights: z.record(z.string(), z.number().nonnegative()).optional(),
      /** Latest deal stage of the recipient's account -> weight. Unknown stages weigh 1. */
      stageWeights: z.record(z.string(), z.number().nonnegative()).default({}),
    })
    .default({ points: { click: 1, reply: 2, conversion: 5 }, stageWeights: {} }),
  /** Events reach the lake on their arrival day: a scored day reads partitions this many days later. */
  lateArrivalDays: z.number().int().min(0).max(30).default(3),
});
export type ScorecardConfig = z.infer<typeof ScorecardConfigSchema>;

export const DEFAULT_SCORECARD_CONFIG: ScorecardConfig = ScorecardConfigSchema.parse({});
