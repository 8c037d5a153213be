import { z } from 'zod';

/**
 * What the attribution core reads and writes. Inputs are flat rows a job can fill straight
 * from lake columns (nulls allowed where a column is nullable); outputs are the rows of the
 * `attribution_credits` and `pipeline_outcomes` tables. Formulas: see ./RULES.md.
 *
 * Times are integer milliseconds since the Unix epoch (UTC), not ISO strings: the engine
 * compares and subtracts them in its hot loop, a Parquet/DuckDB timestamp converts with
 * `epoch_ms(ts)` / `to_unixtime(ts) * 1000`, and `Date#getTime()` is the lake reader's value.
 */
export const EpochMsSchema = z.number().int().min(0).max(8.64e15);

export const TouchChannelSchema = z.enum(['sms', 'email']);

/** `send` means a delivered send (the job maps message.delivered / email.delivered to it). */
export const TouchKindSchema = z.enum(['send', 'click', 'reply']);
export type TouchKind = z.infer<typeof TouchKindSchema>;

const optionalId = z.string().min(1).nullish();

/**
 * One SMS or email touch.
 *
 * Matching: a contact-level outcome takes touches of its `contactId`; an account-level one
 * takes touches whose account is its account, a touch's account being `accountId` or else the
 * account the contact→account map gives its contact. `phoneHash` is carried for the job's
 * identity resolution (phone → contact) and never matched on here.
 *
 * @example {"touchEventId":"evt_5d41402abc4b2a76b9719d911017c592","contactId":"c-101","channel":"sms","kind":"click","at":1767262800000,"programId":"growth","campaignId":"spring-sale","messageId":"SM9f2c0e","bot":false}
 */
export const TouchSchema = z.object({
  touchEventId: z.string().min(1),
  contactId: optionalId,
  accountId: optionalId,
  phoneHash: optionalId,
  channel: TouchChannelSchema,
  kind: TouchKindSchema,
  at: EpochMsSchema,
  programId: optionalId,
  campaignId: optionalId,
  workflowId: optionalId,
  step: z.number().int().nonnegative().nullish(),
  messageId: optionalId,
  /** Clicks flagged by the click classifier (scanners, prefetchers); such touches never count. */
  bot: z.boolean().nullish(),
});
export type Touch = z.infer<typeof TouchSchema>;

/**
 * Outcome types the rules give a window for. The job maps CRM and commerce events to them:
 * lead.qualified, meeting.booked/attended, opportunity.created/stage_changed, opportunity.closed
 * (won), order.placed, subscription.renewed/expanded.
 */
export const OutcomeTypeSchema = z.enum([
  'lead_qualified',
  'meeting_booked',
  'meeting_attended',
  'opportunity_created',
  'stage_changed',
  'closed_won',
  'order',
  'renewal',
  'expansion',
]);
export type OutcomeType = z.infer<typeof OutcomeTypeSchema>;

export const OutcomeLevelSchema = z.enum(['contact', 'account']);
export type OutcomeLevel = z.infer<typeof OutcomeLevelSchema>;

const ACCOUNT_LEVEL: ReadonlySet<OutcomeType> = new Set([
  'opportunity_created',
  'stage_changed',
  'closed_won',
  'renewal',
  'expansion',
]);

/** The level a job should give an outcome type: opportunities and subscriptions belong to the account. */
export function defaultOutcomeLevel(outcomeType: OutcomeType): OutcomeLevel {
  return ACCOUNT_LEVEL.has(outcomeType) ? 'account' : 'contact';
}

/**
 * A business outcome to credit. `amountMinor` is integer minor units of `currency` (cents;
 * yen for JPY). Milestones are CRM times used by the W-shaped model and the `sourced` flag.
 *
 * @example {"outcomeId":"opp-7:won","outcomeType":"closed_won","at":1769936400000,"accountId":"acme","level":"account","amountMinor":1250000,"currency":"USD","milestones":{"leadCreatedAt":1765000000000,"opportunityCreatedAt":1766000000000}}
 */
export const OutcomeSchema = z
  .object({
    outcomeId: z.string().min(1),
    outcomeType: OutcomeTypeSchema,
    at: EpochMsSchema,
    contactId: optionalId,
    accountId: optionalId,
    level: OutcomeLevelSchema,
    amountMinor: z.number().int().nullish(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. USD')
      .nullish(),
    milestones: z
      .object({ leadCreatedAt: EpochMsSchema.nullish(), opportunityCreatedAt: EpochMsSchema.nullish() })
      .nullish(),
  })
  .refine((outcome) => outcome.amountMinor == null || outcome.currency != null, {
    message: 'an amount needs its currency',
    path: ['currency'],
  });
export type Outcome = z.infer<typeof OutcomeSchema>;

/** The six models, in the order rows are written for each outcome. */
export const ATTRIBUTION_MODELS = [
  'first_touch',
  'last_touch',
  'linear',
  'time_decay',
  'position_based',
  'w_shaped',
] as const;
export const AttributionModelSchema = z.enum(ATTRIBUTION_MODELS);
export type AttributionModel = z.infer<typeof AttributionModelSchema>;

/**
 * One row of `attribution_credits`: the share of one outcome one touch gets under one model.
 * `creditedAmountMinor` and `currency` are null when the outcome has no amount; the amount
 * stays in the outcome's own currency (reports convert, see currency.ts).
 */
export interface CreditRow {
  outcomeId: string;
  outcomeType: OutcomeType;
  touchEventId: string;
  touchAt: number;
  model: AttributionModel;
  credit: number;
  creditedAmountMinor: number | null;
  currency: string | null;
  rulesVersion: string;
}

/**
 * Per outcome: `influenced` = at least one eligible touch; `sourced` = a touch would have been
 * eligible for the opportunity's creation (null when no creation time is known), reported
 * apart because a touch can influence a deal it did not source.
 */
export interface OutcomeFlags {
  outcomeId: string;
  outcomeType: OutcomeType;
  influenced: boolean;
  eligibleTouches: number;
  sourced: boolean | null;
  sourcingTouchEventId: string | null;
  rulesVersion: string;
}

/** Input the engine cannot use as given (duplicate outcome ids, a time that is not an integer). */
export class AttributionInputError extends Error {
  override readonly name = 'AttributionInputError';
}
