import { column, defineLakeTable } from '../lakeTable.js';
import { AS_OF_DAY_PARTITION } from './holdout_cohorts.js';

const num = (description: string) => column.double(description, { nullable: true });

/**
 * Does SMS grow or erode lifetime value: per program, the LTV metrics of treatment vs holdout
 * and of engaged vs unengaged treated contacts, and the LTV ROI model with its assumptions.
 */
export const ltvCohortsTable = defineLakeTable({
  name: 'ltv_cohorts',
  description:
    'One row per program x cohort: cohort_by=arm (treatment, holdout), engagement (engaged, unengaged: treated ' +
    'contacts who clicked or replied, or not) with repeat purchase rates, the revenue curve, orders per quarter, ' +
    '90-day revenue, renewal and churn rates; cohort_by=model: the LTV ROI model (treatment vs holdout) with every ' +
    'assumption in `assumptions`.',
  partitionDescription: AS_OF_DAY_PARTITION,
  columns: {
    program_id: column.string('Messaging program.', { nullable: true }),
    cohort_by: column.string('arm, engagement or model.'),
    cohort: column.string('treatment, holdout, engaged, unengaged, or treatment_vs_holdout for the model.'),
    members: column.int('Contacts first exposed (sent or held out) in the period.'),
    customers: column.int('Of them, with at least one order after exposure.'),
    repeat_rate_30d: num(
      'Customers observed 30 days after their first order who ordered again within 30 days.',
    ),
    repeat_rate_60d: num('Same within 60 days.'),
    repeat_rate_90d: num('Same within 90 days.'),
    revenue_per_member_7d_minor: num(
      'Cumulative revenue per member 7 days after exposure (members observed that long).',
    ),
    revenue_per_member_14d_minor: num('Same at 14 days.'),
    revenue_per_member_30d_minor: num('Same at 30 days.'),
    revenue_per_member_60d_minor: num('Same at 60 days.'),
    revenue_per_member_90d_minor: num('Same at 90 days.'),
    orders_per_member_quarter: num('Orders per member per quarter of observed time.'),
    revenue_rolling_90d_minor: num('Revenue per member in the 90 days up to dt.'),
    renewal_rate: num('Members who renewed / members who renewed or churned.'),
    churn_rate: num('Members who churned / members.'),
    expansion_per_member_minor: num('Expansion revenue per member.'),
    ltv_reduced_churn_minor: num('Model: (churn holdout − treatment) x treated x ACV x gross margin.'),
    ltv_extra_renewals_minor: num('Model: (renewal rate treatment − holdout) x treated x ACV.'),
    ltv_expansion_minor: num('Model: (expansion per member treatment − holdout) x treated x attach rate.'),
    ltv_time_saved_minor: num('Model: treated x hours saved per member x cost to serve per hour.'),
    ltv_value_minor: num('Model: the sum of the four terms.'),
    program_cost_minor: num('Model: program cost to date (scorecards), when known.'),
    ltv_roi: num('Model: (value − program cost) / program cost.'),
    assumptions: column.json(
      'Model: the ltv config the terms used (gross margin, ACV, attach rate, cost to serve…).',
      {
        nullable: true,
      },
    ),
    currency: column.string('ISO 4217 currency of the money columns.'),
  },
});
