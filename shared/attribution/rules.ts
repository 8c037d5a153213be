import { z } from 'zod';
import {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  AttributionModelSchema,
  type OutcomeType,
  OutcomeTypeSchema,
  type TouchKind,
} from './model.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * How far before an outcome a touch may be, in days, by touch kind. `days` applies to every
 * kind unless `sendDays`, `clickDays` or `replyDays` overrides it (an order credits a click for
 * 7 days but a send for only 1).
 *
 * @example {"days":7,"sendDays":1}
 */
export const AttributionWindowSchema = z.object({
  days: z.number().positive(),
  sendDays: z.number().positive().optional(),
  clickDays: z.number().positive().optional(),
  replyDays: z.number().positive().optional(),
});
export type AttributionWindow = z.infer<typeof AttributionWindowSchema>;

const percent = z.number().int().min(0).max(100);

/**
 * The versioned attribution rules: change anything here and bump `version`, so numbers stay
 * comparable quarter over quarter and every result says which rules made it.
 * Exact meaning of every field: ./RULES.md.
 */
export const AttributionRulesSchema = z.object({
  /** e.g. rules-2026.1: year, then a sequence number within the year. */
  version: z.string().regex(/^rules-\d{4}\.\d+$/, 'version must look like rules-2026.1'),
  /** One window per outcome type (every type must have one). */
  windows: z.record(OutcomeTypeSchema, AttributionWindowSchema),
  timeDecay: z.object({ halfLifeDays: z.number().positive() }),
  /** Percent of credit for the first, the middle ones together, and the last touch. */
  positionBased: z
    .object({ first: percent.positive(), middle: percent, last: percent.positive() })
    .refine((p) => p.first + p.middle + p.last === 100, 'position-based percents must sum to 100'),
  /** Percent for the first touch, the lead-creation touch, the opportunity-creation touch, and the others together. */
  wShaped: z
    .object({
      first: percent.positive(),
      lead: percent.positive(),
      opportunity: percent.positive(),
      others: percent,
    })
    .refine((w) => w.first + w.lead + w.opportunity + w.others === 100, 'W-shaped percents must sum to 100'),
  dedupe: z.object({
    /** Repeated clicks on one message count once: the first. */
    firstClickPerMessage: z.boolean(),
    /** A touch of a campaign counts only if the campaign's previous eligible touch is at least this long before it; 0 turns it off. */
    campaignGapHours: z.number().nonnegative(),
  }),
  /** Models to compute; rows always come in the canonical model order. */
  models: z.array(AttributionModelSchema).nonempty(),
});
export type AttributionRules = z.infer<typeof AttributionRulesSchema>;

/** The rules the demo and the first reports use. */
export const DEFAULT_ATTRIBUTION_RULES: AttributionRules = AttributionRulesSchema.parse({
  version: 'rules-2026.1',
  windows: {
    lead_qualified: { days: 30 },
    meeting_booked: { days: 14 },
    meeting_attended: { days: 14 },
    opportunity_created: { days: 30 },
    stage_changed: { days: 14 },
    closed_won: { days: 90 },
    order: { days: 7, sendDays: 1 },
    renewal: { days: 90 },
    expansion: { days: 90 },
  },
  timeDecay: { halfLifeDays: 7 },
  positionBased: { first: 40, middle: 20, last: 40 },
  wShaped: { first: 30, lead: 30, opportunity: 30, others: 10 },
  dedupe: { firstClickPerMessage: true, campaignGapHours: 24 },
  models: [...ATTRIBUTION_MODELS],
});

export function parseAttributionRules(input: unknown): AttributionRules {
  return AttributionRulesSchema.parse(input);
}

const KIND_OVERRIDE = { send: 'sendDays', click: 'clickDays', reply: 'replyDays' } as const;

/** Window length in whole milliseconds: round(days × 86 400 000). */
export function windowMs(rules: AttributionRules, outcomeType: OutcomeType, kind: TouchKind): number {
  const window = rules.windows[outcomeType];
  return Math.round((window[KIND_OVERRIDE[kind]] ?? window.days) * DAY_MS);
}

/** How far back before the earliest outcome a job must read touches (the longest window). */
export function maxLookbackMs(rules: AttributionRules): number {
  let longest = 0;
  for (const outcomeType of OutcomeTypeSchema.options) {
    for (const kind of ['send', 'click', 'reply'] as const) {
      longest = Math.max(longest, windowMs(rules, outcomeType, kind));
    }
  }
  return longest;
}

export const halfLifeMs = (rules: AttributionRules): number =>
  Math.round(rules.timeDecay.halfLifeDays * DAY_MS);
export const campaignGapMs = (rules: AttributionRules): number =>
  Math.round(rules.dedupe.campaignGapHours * HOUR_MS);

/** The selected models in canonical order, without repeats. */
export function selectedModels(rules: AttributionRules): AttributionModel[] {
  return ATTRIBUTION_MODELS.filter((model) => rules.models.includes(model));
}

const days = (value: number) => `${value} d`;

function describeWindow(window: AttributionWindow): string {
  const overrides = (['send', 'click', 'reply'] as const)
    .filter((kind) => window[KIND_OVERRIDE[kind]] !== undefined)
    .map((kind) => `${kind} ${days(window[KIND_OVERRIDE[kind]]!)}`);
  return overrides.length === 0 ? days(window.days) : `${days(window.days)} (${overrides.join(', ')})`;
}

/** The rules as text, printed beside every result so a number always says how it was made. */
export function describeRules(rules: AttributionRules): string {
  const { positionBased: p, wShaped: w, dedupe } = rules;
  const lines = [
    `Attribution rules ${rules.version}`,
    '  Eligible: delivered sends, human clicks (bots excluded) and replies, sms and email, of the same contact',
    '            (account-level outcomes: of any contact of the account)',
    '  Window: outcome time minus the window up to the outcome time, both ends included; later touches never count',
    ...OutcomeTypeSchema.options.map(
      (type) => `    ${type.padEnd(20)} ${describeWindow(rules.windows[type])}`,
    ),
    `  Dedupe: ${dedupe.firstClickPerMessage ? 'repeated clicks on one message count once (the first); ' : ''}${
      dedupe.campaignGapHours > 0
        ? `a campaign touch counts only if its previous eligible touch is ${dedupe.campaignGapHours} h or more earlier`
        : 'no campaign dedupe'
    }`,
    '  Order: touch time, then touch event id; amounts split by largest remainder, ties to the earlier touch',
    `  Models: ${selectedModels(rules).join(', ')}`,
    `    time_decay       half-life ${days(rules.timeDecay.halfLifeDays)}`,
    `    position_based   ${p.first}/${p.middle}/${p.last} (1 touch: 100; 2 touches: ${p.first}:${p.last})`,
    `    w_shaped         first ${w.first}, lead creation ${w.lead}, opportunity creation ${w.opportunity}, others ${w.others}` +
      ' (missing roles: the rest rescaled)',
  ];
  return lines.join('\n');
}
