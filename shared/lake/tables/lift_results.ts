import { column, defineLakeTable } from '../lakeTable.js';
import { AS_OF_DAY_PARTITION } from './holdout_cohorts.js';

const num = (description: string) => column.double(description, { nullable: true });

/**
 * The holdouts job's answer per tested unit: lift with intervals, incremental vs attributed ROI,
 * the verdict and the recommendation. Cross-channel comparisons (email+SMS vs email-only,
 * personalized vs generic) are rows of the same shape with another `comparison`.
 */
export const liftResultsTable = defineLakeTable({
  name: 'lift_results',
  description:
    'One row per comparison x unit x segment. comparison=holdout: treatment vs holdout of a workflow or campaign ' +
    '(the lift statistics, incremental ROI beside attributed ROI, verdict). email_sms_vs_email_only and ' +
    'personalized_vs_generic: the same statistics between those cohorts, by segment (stage, tier, intent). ' +
    'Numbers are null when status is insufficient_data.',
  partitionDescription: AS_OF_DAY_PARTITION,
  columns: {
    comparison: column.string('holdout, email_sms_vs_email_only or personalized_vs_generic.'),
    workflow_id: column.string('Workflow id of a flow, campaign id of a campaign, or * for a whole program.'),
    kind: column.string('flow, campaign or program.'),
    program_id: column.string('Messaging program.', { nullable: true }),
    category: column.string('Workflow category from config (reminder, onboarding, …).', { nullable: true }),
    segment_by: column.string('all, stage, tier or intent.'),
    segment: column.string('The segment value, or all.'),
    primary_outcome: column.string(
      'The outcome whose conversion rate is tested (the goal’s primary outcome).',
    ),
    window_days: column.double('Outcome window after the exposure, days.'),
    period_from: column.date('First exposure day of the period.'),
    treated: column.int('Members in the treatment (or first named) cohort.'),
    holdout: column.int('Members in the holdout (or second named) cohort.'),
    conversions_treated: column.int('Treated members who converted.'),
    conversions_holdout: column.int('Holdout members who converted.'),
    conv_rate_treated: num('Conversion rate of the treated.'),
    conv_rate_holdout: num('Conversion rate of the holdout.'),
    lift_abs: num('Absolute lift: treated rate minus holdout rate.'),
    lift_abs_ci_low: num('Lower end of its interval (Newcombe hybrid score).'),
    lift_abs_ci_high: num('Upper end of its interval.'),
    lift_rel: num('Relative lift: treated rate / holdout rate − 1.'),
    lift_rel_ci_low: num('Lower end of its interval (log ratio).'),
    lift_rel_ci_high: num('Upper end of its interval.'),
    p_value: num('Two-sided p-value of the conversion difference.'),
    q_value: num('Benjamini–Hochberg adjusted p-value across the units of the run.'),
    bh_discovery: column.boolean('A discovery at the configured false discovery rate.', { nullable: true }),
    mde_abs: num('Smallest absolute lift these sizes detect with 80% power.'),
    expected_holdout_share: num('The configured holdout rate (the SRM test’s expected share).'),
    srm_chi_square: num('Sample ratio mismatch chi-square.'),
    srm_p_value: num('Its p-value; below the configured alpha (0.001) the split is suspect.'),
    srm_mismatch: column.boolean('The split differs from the configured one (p below alpha).', {
      nullable: true,
    }),
    crossovers: column.int('Members exposed in both arms (kept in their first).'),
    revenue_per_treated_minor: num('Mean revenue per treated member, minor units.'),
    revenue_per_holdout_minor: num('Mean revenue per holdout member.'),
    revenue_lift_minor: num(
      'Revenue per member, treated minus holdout; this and every revenue and profit interval is null with fewer than minBuyersPerArm buyers in an arm.',
    ),
    revenue_lift_ci_low: num('Welch interval, low.'),
    revenue_lift_ci_high: num('Welch interval, high.'),
    revenue_p_value: num('Welch p-value of the revenue difference.'),
    revenue_boot_ci_low: num('Seeded percentile bootstrap interval of the revenue difference, low.'),
    revenue_boot_ci_high: num('Bootstrap interval, high.'),
    revenue_cuped_ci_low: num('Welch interval after CUPED on pre-period revenue, low.'),
    revenue_cuped_ci_high: num('CUPED interval, high.'),
    cuped_variance_reduction: num('Share of revenue variance CUPED removed (1 − var(adjusted)/var).'),
    profit_lift_minor: num('Profit per member, treated minus holdout.'),
    profit_lift_ci_low: num('Welch interval, low.'),
    profit_lift_ci_high: num('Welch interval, high.'),
    progression_rate_treated: num('Share of treated reaching a next pipeline step in the window.'),
    progression_rate_holdout: num('Same for the holdout.'),
    progression_lift: num('Difference of the two.'),
    progression_lift_ci_low: num('Newcombe interval, low.'),
    progression_lift_ci_high: num('Newcombe interval, high.'),
    days_to_next_step_treated: num('Mean days from exposure to the next step, treated (those who took one).'),
    days_to_next_step_holdout: num('Same for the holdout.'),
    days_to_next_step_reduction: num(
      'Holdout days minus treated days: how much sooner the messages moved people.',
    ),
    incremental_conversions: num('Lift x treated members.'),
    incremental_conversions_ci_low: num('Interval, low.'),
    incremental_conversions_ci_high: num('Interval, high.'),
    incremental_revenue_minor: num('Revenue lift per member x treated members.'),
    incremental_revenue_ci_low: num('Interval, low.'),
    incremental_revenue_ci_high: num('Interval, high.'),
    incremental_profit_minor: num('Profit lift per member x treated members.'),
    incremental_profit_ci_low: num('Interval, low.'),
    incremental_profit_ci_high: num('Interval, high.'),
    program_cost_minor: num('Program cost of the unit to date (scorecards cost_minor), when known.'),
    roi_incremental: num('(Incremental profit − program cost) / program cost.'),
    roi_incremental_ci_low: num('Interval, low.'),
    roi_incremental_ci_high: num('Interval, high.'),
    roi_attributed: num(
      'Attributed ROI from the scorecards (last-touch credit, not lift), beside it for the gap.',
    ),
    opt_outs_treated: column.int('Treated members who opted out in the window.'),
    opt_out_rate_treated: num('Their share.'),
    opt_out_rate_holdout: num('Opt-out share in the holdout.'),
    opt_out_leakage_minor: num(
      'Opt-outs priced as lost lifetime value: opted-out treated x expected remaining value.',
    ),
    currency: column.string('ISO 4217 currency of the money columns.'),
    success_threshold: num('The goal: smallest absolute lift that counts as success.'),
    verdict: column.string('meeting, missing or undecided (against the goal); n/a on cross-channel rows.'),
    recommendation: column.string(
      'scale, keep or retire (from incremental ROI and its interval); n/a on cross-channel rows.',
    ),
    verdict_reason: column.string('Why, in words.'),
    status: column.string('ok or insufficient_data.'),
    reason: column.string('Why the data are insufficient.', { nullable: true }),
  },
});
