import { addDays, dayStartMs, planDayRange, utcDay } from '../../jobs/days.js';
import { type AttributionRules, DAY_MS, maxLookbackMs, windowMs } from '../rules.js';

/**
 * What one attribution run covers, computed once so the TypeScript engine and the SQL twin read
 * the same lake ranges and credit the same outcomes.
 *
 * - Outcomes: those that happened (occurred_at, UTC) on `from`..`to`. Events land in the lake
 *   partition of the day they ARRIVED, so outcomes are looked for in partitions
 *   `from − 1` (a vendor clock a little ahead of ours) .. `to + lateArrivalDays`.
 * - CRM history (contact upserts for identity and accounts, lead qualifications and opportunity
 *   creations for the W-shaped milestones): every partition up to the same last day, so a
 *   milestone or a phone number set long ago still counts.
 * - Touches: from the touch horizon (see `touchHorizonMs`) on. Reading more touches than an
 *   outcome can use never changes its rows (windows bound them), so the result of a day does not
 *   depend on which range it was run in.
 */
export interface AttributionPlan {
  rules: AttributionRules;
  /** First and last outcome day (YYYY-MM-DD, UTC), and every day between. */
  from: string;
  to: string;
  days: string[];
  /** Outcomes with fromMs ≤ occurred_at < toMs. */
  fromMs: number;
  toMs: number;
  /** First partition searched for outcomes. */
  outcomeFromDt: string;
  /** Last partition read for anything. */
  scanToDt: string;
  /** The longest window of any outcome type and touch kind. */
  lookbackMs: number;
  /** The longest opportunity_created window: how far before an opportunity's creation `sourced` looks. */
  sourcingMs: number;
}

/** A run may cover at most this many outcome days (a backfill runs in slices). */
export const MAX_RUN_DAYS = 400;

export interface PlanOptions {
  /** First outcome day. @default the day before `to` */
  from?: string;
  /** Last outcome day. @default today (UTC) */
  to?: string;
  /** @default 3 */
  lateArrivalDays?: number;
}

export function planAttribution(rules: AttributionRules, options: PlanOptions, now: Date): AttributionPlan {
  const { from, to, days } = planDayRange(options, {
    to: utcDay(now.getTime()),
    daysBack: 1,
    maxDays: MAX_RUN_DAYS,
  });
  const sourcingMs = Math.max(
    ...(['send', 'click', 'reply'] as const).map((k) => windowMs(rules, 'opportunity_created', k)),
  );
  return {
    rules,
    from,
    to,
    days,
    fromMs: dayStartMs(from),
    toMs: dayStartMs(to) + DAY_MS,
    outcomeFromDt: addDays(from, -1),
    scanToDt: addDays(to, options.lateArrivalDays ?? 3),
    lookbackMs: maxLookbackMs(rules),
    sourcingMs,
  };
}

/**
 * The earliest touch time any outcome of the run can use: `lookbackMs` before the first outcome
 * day, or `sourcingMs` before the earliest opportunity creation an outcome refers to (a deal
 * created months before it closed is sourced by touches of that time).
 */
export function touchHorizonMs(plan: AttributionPlan, earliestCreationMs: number | null): number {
  const byWindow = plan.fromMs - plan.lookbackMs;
  return earliestCreationMs === null ? byWindow : Math.min(byWindow, earliestCreationMs - plan.sourcingMs);
}

/** First partition that can hold a touch at or after `horizonMs` (a day early for vendor clock skew). */
export const touchFromDt = (horizonMs: number): string => addDays(utcDay(horizonMs), -1);
