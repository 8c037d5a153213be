import { z } from 'zod';
import { OutcomeKpiConfigSchema } from '../../outcomes/config.js';
import { CurrencyRatesSchema } from '../currency.js';
import { OutcomeTypeSchema } from '../model.js';
import {
  type AttributionRules,
  AttributionRulesSchema,
  AttributionWindowSchema,
  DEFAULT_ATTRIBUTION_RULES,
} from '../rules.js';

const rulesShape = AttributionRulesSchema.shape;

/**
 * Changes to the default rules. Any change must come with its own `version`, so a number made
 * under other rules can never pass for one made under the defaults. Windows are merged per
 * outcome type; every other section replaces the default section whole.
 *
 * @example {"version":"rules-2026.2","windows":{"order":{"days":3,"sendDays":1}},"timeDecay":{"halfLifeDays":3}}
 */
export const AttributionRulesOverrideSchema = z.object({
  version: rulesShape.version,
  windows: z.partialRecord(OutcomeTypeSchema, AttributionWindowSchema).optional(),
  timeDecay: rulesShape.timeDecay.optional(),
  positionBased: rulesShape.positionBased.optional(),
  wShaped: rulesShape.wShaped.optional(),
  dedupe: rulesShape.dedupe.optional(),
  models: rulesShape.models.optional(),
});
export type AttributionRulesOverride = z.infer<typeof AttributionRulesOverrideSchema>;

/** The default rules with `override` applied (not yet validated as a whole). */
export function mergeRules(override: AttributionRulesOverride | undefined): AttributionRules {
  if (!override) return DEFAULT_ATTRIBUTION_RULES;
  const base = DEFAULT_ATTRIBUTION_RULES;
  return {
    version: override.version,
    windows: { ...base.windows, ...override.windows },
    timeDecay: override.timeDecay ?? base.timeDecay,
    positionBased: override.positionBased ?? base.positionBased,
    wShaped: override.wShaped ?? base.wShaped,
    dedupe: override.dedupe ?? base.dedupe,
    models: override.models ?? base.models,
  } as AttributionRules;
}

const sameRules = (a: AttributionRules, b: AttributionRules) =>
  JSON.stringify({ ...a, version: '' }) === JSON.stringify({ ...b, version: '' });

/**
 * The `attribution` section of the program config: which engine runs the daily job, the
 * rules, and the exchange rates reports convert with.
 *
 * @example {"engine":"lambda","rules":{"version":"rules-2026.2","timeDecay":{"halfLifeDays":3}},"currencyRates":{"base":"USD","rates":{"EUR":1.08}}}
 */
export const AttributionConfigSchema = z
  .object({
    /** lambda: the TypeScript core reads the lake in the function; athena: the SQL twin runs on Athena. */
    engine: z.enum(['lambda', 'athena']).default('lambda'),
    rules: AttributionRulesOverrideSchema.optional(),
    /** Rates the job's summary converts influenced revenue with (rows keep their own currency). */
    currencyRates: CurrencyRatesSchema.optional(),
    /**
     * Events reach the lake on the day they arrive: an outcome day is read from partitions up to
     * this many days later, so a rerun after late webhooks picks them up.
     */
    lateArrivalDays: z.number().int().min(0).max(30).default(3),
    /** Outcome KPIs written after the days: the CRM's stage order, the progression window. */
    kpis: OutcomeKpiConfigSchema.optional(),
  })
  .superRefine((config, ctx) => {
    if (!config.rules) return;
    const merged = mergeRules(config.rules);
    const parsed = AttributionRulesSchema.safeParse(merged);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['rules', ...issue.path] });
      }
      return;
    }
    if (
      merged.version === DEFAULT_ATTRIBUTION_RULES.version &&
      !sameRules(merged, DEFAULT_ATTRIBUTION_RULES)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `rules differ from the defaults: give them a new version (not ${DEFAULT_ATTRIBUTION_RULES.version})`,
        path: ['rules', 'version'],
      });
    }
  });
export type AttributionConfig = z.infer<typeof AttributionConfigSchema>;

/** The section as the job uses it when the config has none. */
export const DEFAULT_ATTRIBUTION_CONFIG: AttributionConfig = AttributionConfigSchema.parse({});

/** The validated rules a config asks for (the defaults when it asks for none). */
export function configuredRules(config: AttributionConfig | undefined): AttributionRules {
  return AttributionRulesSchema.parse(mergeRules(config?.rules));
}
