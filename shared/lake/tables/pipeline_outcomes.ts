import { column, defineLakeTable } from '../lakeTable.js';
import { OUTCOME_DAY_PARTITION } from './attribution_credits.js';

/**
 * Every business outcome the attribution job saw, attributed or not, with its flags: the
 * denominator of every "influenced" rate and the rows pipeline and revenue KPIs sum.
 */
export const pipelineOutcomesTable = defineLakeTable({
  name: 'pipeline_outcomes',
  description:
    'One row per outcome (lead qualified, meeting, opportunity created, stage change, closed-won deal, order, renewal, ' +
    'expansion) with its contact, account, amount and milestones, whether messaging influenced it (an eligible touch ' +
    'in its window) and, apart, whether it sourced the opportunity.',
  partitionDescription: OUTCOME_DAY_PARTITION,
  columns: {
    outcome_id: column.string('Event id of the outcome event (joins events.event_id).'),
    outcome_type: column.string(
      'lead_qualified, meeting_booked, meeting_attended, opportunity_created, stage_changed, closed_won, order, renewal or expansion.',
    ),
    source_event_type: column.string('The canonical event it came from, e.g. opportunity.closed.'),
    source: column.string('Who reported it (hubspot, salesforce, shopify…).'),
    occurred_at: column.timestamp('When the outcome happened (UTC).'),
    contact_id: column.string(
      'CRM contact: the event’s own, else the contact whose phone or email hash the CRM last gave.',
      { nullable: true },
    ),
    account_id: column.string('CRM account: the event’s own, else its contact’s latest account.', {
      nullable: true,
    }),
    level: column.string(
      'contact (touches of its contact count) or account (touches of any contact of its account count).',
    ),
    opportunity_id: column.string('CRM opportunity id, for opportunity outcomes and meetings tied to one.', {
      nullable: true,
    }),
    from_stage: column.string('Stage before the change, when the CRM says.', { nullable: true }),
    to_stage: column.string(
      'Stage after the change, or the stage the opportunity was created or closed in.',
      {
        nullable: true,
      },
    ),
    amount_minor: column.bigint(
      'Outcome amount in minor units: order revenue, opportunity amount, renewal ARR, expansion ARR delta. Null when none.',
      { nullable: true },
    ),
    currency: column.string('ISO 4217 currency of amount_minor.', { nullable: true }),
    lead_created_at: column.timestamp(
      'W-shaped lead milestone: the contact’s first lead.qualified, when at or before the outcome.',
      { nullable: true },
    ),
    opportunity_created_at: column.timestamp(
      'W-shaped opportunity milestone: the opportunity’s first opportunity.created (the outcome itself for opportunity_created).',
      { nullable: true },
    ),
    influenced: column.boolean(
      'At least one eligible touch (after windows and dedupe) in the outcome’s window.',
    ),
    eligible_touches: column.int(
      'Number of eligible touches: the touches the models share the credit among.',
    ),
    sourced: column.boolean(
      'A touch of the outcome’s contact or account lies in the opportunity_created window before the opportunity’s creation; null when no creation time is known.',
      { nullable: true },
    ),
    sourcing_touch_event_id: column.string('The first such touch.', { nullable: true }),
    rules_version: column.string('Version of the attribution rules, e.g. rules-2026.1.'),
  },
});
