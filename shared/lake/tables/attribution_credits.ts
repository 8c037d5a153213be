import { column, defineLakeTable } from '../lakeTable.js';

/** What `dt` means for both attribution tables. */
export const OUTCOME_DAY_PARTITION =
  'The UTC day the outcome happened (its occurred_at), whichever day it arrived: the attribution job ' +
  'rewrites whole outcome days, so rerunning a day replaces its rows instead of adding to them.';

/**
 * The attribution core's output (shared/attribution/RULES.md): the share of each outcome each
 * eligible touch gets under each model, with the touch's program, campaign and channel copied
 * beside it so reports group credits without joining `events` again.
 */
export const attributionCreditsTable = defineLakeTable({
  name: 'attribution_credits',
  description:
    'One row per outcome x eligible touch x attribution model: the credit (0..1) the touch gets and that share ' +
    'of the outcome amount, in the outcome currency. Per outcome and model the credits sum to 1 and the amounts ' +
    'to the outcome amount exactly. Rules: shared/attribution/RULES.md, version in rules_version.',
  partitionDescription: OUTCOME_DAY_PARTITION,
  columns: {
    outcome_id: column.string(
      'Event id of the outcome (joins pipeline_outcomes.outcome_id and events.event_id).',
    ),
    outcome_type: column.string(
      'lead_qualified, meeting_booked, meeting_attended, opportunity_created, stage_changed, closed_won, order, renewal or expansion.',
    ),
    outcome_at: column.timestamp('When the outcome happened (UTC).'),
    touch_event_id: column.string('Event id of the credited touch (joins events.event_id).'),
    touch_at: column.timestamp('When the touch happened (UTC).'),
    touch_kind: column.string('send (a delivered message), click (a human click) or reply.'),
    channel: column.string('sms or email: the channel of the touch.', { nullable: true }),
    program_id: column.string('Messaging program of the touch.', { nullable: true }),
    kind: column.string('campaign or flow: what sent the touch.', { nullable: true }),
    campaign_id: column.string('Campaign of the touch, for campaign touches.', { nullable: true }),
    workflow_id: column.string('Workflow of the touch, for flow touches.', { nullable: true }),
    step: column.int('Workflow step of the touch, for flow touches.', { nullable: true }),
    model: column.string('first_touch, last_touch, linear, time_decay, position_based or w_shaped.'),
    credit: column.double('Share of the outcome this touch gets under this model, 0..1.'),
    credited_amount_minor: column.bigint(
      'That share of the outcome amount in minor units of `currency`, split by largest remainder so the parts sum exactly; null when the outcome has no amount.',
      { nullable: true },
    ),
    currency: column.string(
      'ISO 4217 currency of credited_amount_minor (the outcome’s own; never converted).',
      {
        nullable: true,
      },
    ),
    rules_version: column.string('Version of the attribution rules that made the row, e.g. rules-2026.1.'),
  },
});
