import { column, defineLakeTable } from '../lakeTable.js';
import { OUTCOME_DAY_PARTITION } from './attribution_credits.js';

const onOutcomesRows = (what: string) => column.int(`${what} Null on amounts rows.`, { nullable: true });
const onAmountsRows = (what: string) =>
  column.bigint(`${what} In minor units of currency; null on outcomes rows.`, { nullable: true });

/**
 * Outcome KPIs per day and group (README, "Outcome KPIs"; computed in shared/outcomes/kpis.ts): what the attribution job's
 * outcomes and credits say about meetings, opportunities, stage progression, time to the next
 * step and influenced pipeline and revenue, grouped the ways sales and marketing ask.
 */
export const outcomeKpisTable = defineLakeTable({
  name: 'outcome_kpis',
  description:
    'Outcome KPIs per outcome day and group: meetings booked and attended, opportunities created, deals won, ' +
    'stage changes and forward moves, time from a touch to its next step (stage change or meeting), pipeline and ' +
    'revenue in all and influenced. Touch groups (program, kind, workflow, step) hold the outcomes one of whose ' +
    'eligible touches is in the group, so an outcome touched by two programs counts in both and their rows do ' +
    'not add up; outcome groups (all, channel_mix, account_tier, stage) put every outcome of the day in exactly ' +
    'one group, touched or not. Ratios (show rate, forward share) are for the queries: sum the counts first.',
  partitionDescription: OUTCOME_DAY_PARTITION,
  columns: {
    group_by: column.string(
      'What the rows are grouped by: all, program, kind (campaign vs flow), workflow, step, channel_mix, account_tier or stage.',
    ),
    group_key: column.string(
      'The group: all; a program id; campaign or flow; a workflow id; workflow:step (e.g. wf-onboard:2); ' +
        'sms_only, email_only, both or none (channels among the outcome’s eligible touches); the account’s tier; ' +
        'the stage the outcome reached (to_stage). (none) when the touch or outcome has no such value.',
    ),
    kind: column.string(
      'outcomes (counts and time to next step, currency null) or amounts (one row per currency: the outcomes with an amount in it and their sums).',
    ),
    currency: column.string('ISO 4217 currency of the amount columns; null on outcomes rows.', {
      nullable: true,
    }),
    outcomes: column.int(
      'Outcomes of any type in the group (amounts rows: the opportunities created and deals won with an amount in this currency).',
    ),
    influenced: column.int('Of those, outcomes with at least one eligible touch.'),
    meetings_booked: onOutcomesRows('meeting_booked outcomes.'),
    meetings_booked_influenced: onOutcomesRows('Of those, influenced ones.'),
    meetings_attended: onOutcomesRows(
      'meeting_attended outcomes (show rate = attended / booked over a range of days).',
    ),
    meetings_attended_influenced: onOutcomesRows('Of those, influenced ones.'),
    opportunities_created: column.int(
      'opportunity_created outcomes (amounts rows: those with an amount in this currency).',
    ),
    opportunities_created_influenced: column.int('Of those, influenced ones.'),
    deals_won: column.int('closed_won outcomes (amounts rows: those with an amount in this currency).'),
    deals_won_influenced: column.int('Of those, influenced ones.'),
    stage_changes: onOutcomesRows('stage_changed outcomes.'),
    forward_moves: column.int(
      'stage_changed outcomes whose to_stage comes after from_stage in the configured stage order (no from_stage: the stage ' +
        'the opportunity’s previous outcome left it in, within the longest stage-change or meeting window, 14 days by default). Null on amounts rows and when no stage order is configured.',
      { nullable: true },
    ),
    forward_moves_after_touch: column.int(
      'Of those, moves with an eligible touch (of the group, for touch groups) at most progression_days before them.',
      { nullable: true },
    ),
    next_step_touches: onOutcomesRows(
      'Touches whose next step (the first stage change or meeting they are eligible for) falls on this day and in this group.',
    ),
    next_step_median_hours: column.double(
      'Median hours from those touches to their next step (linear interpolation, as quantile_cont). Null without touches or on amounts rows.',
      { nullable: true },
    ),
    next_step_p75_hours: column.double('75th percentile of the same, interpolated likewise.', {
      nullable: true,
    }),
    pipeline_minor: onAmountsRows('Amount of the opportunities created.'),
    pipeline_influenced_minor: onAmountsRows('Amount of the influenced opportunities created.'),
    revenue_minor: onAmountsRows('Amount of the deals won.'),
    revenue_influenced_minor: onAmountsRows('Amount of the influenced deals won.'),
    progression_days: column.int('The window after a touch within which a forward move follows it.'),
    rules_version: column.string('Version of the attribution rules the outcomes were credited under.'),
  },
});
