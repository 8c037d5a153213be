import { column, defineLakeTable } from '../lakeTable.js';

/** What `dt` means for the tables the holdouts job writes. */
export const AS_OF_DAY_PARTITION =
  'The UTC day the holdouts job measured as of (everything up to the end of that day): each run ' +
  'rewrites its day whole, so a rerun replaces the day instead of adding to it. Compare days to see ' +
  'how an estimate moved as members matured.';

/**
 * Who was in each holdout comparison and what happened to them: the rows lift_results is
 * computed from, so an analyst can recompute any lift in SQL.
 */
export const holdoutCohortsTable = defineLakeTable({
  name: 'holdout_cohorts',
  description:
    'One row per tested unit (workflow or campaign) x member: the arm (treatment = the gate let the send ' +
    'through, holdout = a ghost exposure), the first exposure in the period, and the outcomes inside the ' +
    'window after it. Only members whose window closed by dt.',
  partitionDescription: AS_OF_DAY_PARTITION,
  columns: {
    workflow_id: column.string('The workflow id of a flow, or the campaign id of a campaign.'),
    kind: column.string('flow or campaign.'),
    program_id: column.string('Messaging program of the unit.', { nullable: true }),
    member_key: column.string(
      'The CRM contact id, or phone:<salted hash> for recipients without one (these join no outcome).',
    ),
    arm: column.string('treatment or holdout.'),
    exposed_at: column.timestamp(
      'First exposure in the period (UTC): the send decision, or for a holdout the moment the send would have gone out.',
    ),
    window_end: column.timestamp('End of the outcome window (exclusive, UTC).'),
    variant: column.string('Content variant of the first exposure.', { nullable: true }),
    converted: column.boolean('At least one primary outcome in the window.'),
    conversions: column.int('Primary outcomes in the window.'),
    revenue_minor: column.bigint('Revenue of orders, won deals, renewals and expansions in the window.'),
    profit_minor: column.bigint(
      'Their profit: margin minus discount, else amount x the configured gross margin.',
    ),
    pre_revenue_minor: column.bigint('Revenue in the pre-period before the exposure (CUPED covariate).'),
    currency: column.string('ISO 4217 currency of the money columns.'),
    progressed: column.boolean(
      'Reached a next pipeline step (lead, meeting, opportunity, stage change, win) in the window.',
    ),
    days_to_next_step: column.double('Days from the exposure to that step.', { nullable: true }),
    opted_out: column.boolean('Opted out in the window.'),
    engaged: column.boolean('Clicked (human) or replied in the window.'),
    emailed: column.boolean('Received an email around the exposure (email+SMS vs email-only cohorts).'),
    meeting: column.boolean('Booked a meeting in the window.'),
    won: column.boolean('Won a deal in the window.'),
  },
});
