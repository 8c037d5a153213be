import type { OutcomeType } from '../attribution/model.js';

/**
 * The inputs and members of a holdout comparison. Times are epoch milliseconds, money is integer
 * minor units of one currency.
 */
export type Arm = 'treatment' | 'holdout';

/** What was tested: a flow (workflow) or a campaign of a program, or the whole program (`*`). */
export interface TestedUnit {
  /** The workflow id of a flow, the campaign id of a campaign, `*` for a program. */
  id: string;
  kind: 'flow' | 'campaign' | 'program';
  programId: string | null;
}

/**
 * One send-gate decision that put a contact in an arm. Intent-to-treat: every request the gate
 * answered past the holdout check counts for the treatment (sent, deferred, capped, quiet hours,
 * collision), and every holdout ghost exposure for the holdout, stamped when the send would have
 * gone out — so both arms start their clocks alike.
 */
export interface Exposure {
  unit: TestedUnit;
  /** The contact id, else `phone:<hash>` (such members cannot be joined to outcomes). */
  memberKey: string;
  at: number;
  arm: Arm;
  channel: string;
  variant: string | null;
}

/** A business outcome of one contact (pipeline_outcomes), with its profit. */
export interface MemberOutcome {
  memberKey: string;
  type: OutcomeType;
  at: number;
  amountMinor: number;
  profitMinor: number;
  /** The opportunity stage reached, for stage changes. */
  toStage: string | null;
}

/** Things that happened to a contact other than outcomes. */
export interface ContactSignal {
  memberKey: string;
  at: number;
  kind: 'opt_out' | 'engaged' | 'churn' | 'email';
}

/** One member of one unit's cohort, with what happened inside its window. */
export interface CohortMember {
  unit: TestedUnit;
  memberKey: string;
  arm: Arm;
  exposedAt: number;
  windowEnd: number;
  variant: string | null;
  /** At least one primary outcome in the window. */
  converted: boolean;
  conversions: number;
  revenueMinor: number;
  profitMinor: number;
  /** Revenue in the pre-period before the exposure: the CUPED covariate. */
  preRevenueMinor: number;
  /** A stage change (or the next pipeline milestone) in the window. */
  progressed: boolean;
  /** Days from the exposure to that first progression, when there was one. */
  daysToNextStep: number | null;
  optedOut: boolean;
  engaged: boolean;
  /** Received an email of any program in the window before or at the exposure (email+SMS cohorts). */
  emailed: boolean;
  /** Meeting booked in the window (cross-channel outcome). */
  meeting: boolean;
  /** Deal won in the window. */
  won: boolean;
}
