import { column, defineLakeTable } from '../lakeTable.js';
import { ARRIVAL_DAY_PARTITION } from './events.js';

/**
 * The life of every intent alert, one row per alert event (raised, claimed, snoozed, dismissed,
 * escalated) rather than one mutable row per alert: the export writes each arrival day from
 * that day's events alone, so a rerun of a day is complete and idempotent. SLA scorecards join
 * an alert's intent.detected row to its response rows on alert_id.
 */
export const intentAlertsTable = defineLakeTable({
  name: 'intent_alerts',
  description:
    'One row per intent-alert event: intent.detected (the alert was raised and routed, with intent, priority, owner and SLA), ' +
    'alert.claimed / alert.snoozed / alert.dismissed (first response, its delay and whether it met the SLA) and alert.escalated ' +
    '(nobody claimed it in time). Join on alert_id; the customer appears only as ids and a phone hash.',
  partitionDescription: ARRIVAL_DAY_PARTITION,
  columns: {
    event_id: column.string('Id of the canonical event the row was read from; unique.'),
    event_type: column.string(
      'intent.detected, alert.claimed, alert.snoozed, alert.dismissed or alert.escalated.',
    ),
    alert_id: column.string(
      'Alert id, derived from the reply or click that raised it (a replay raises the same alert).',
    ),
    occurred_at: column.timestamp('When this happened (UTC): the alert was raised, answered or escalated.'),
    priority: column.string('hot, warm or normal.'),
    intent: column.string(
      'For intent.detected: meeting_request, pricing, ready_to_buy, purchase_blocker, question, positive, negative, complaint, wrong_number, opt_out, help or other.',
      { nullable: true },
    ),
    confidence: column.double('For intent.detected: classifier confidence, 0 to 1.', { nullable: true }),
    reason: column.string(
      'For intent.detected: what blocks the purchase (size, shipping, availability, price), when the intent names one.',
      { nullable: true },
    ),
    signal: column.string('For intent.detected: reply or click.', { nullable: true }),
    source_event_id: column.string('For intent.detected: the reply or click event that raised the alert.', {
      nullable: true,
    }),
    routed_by: column.string(
      'For intent.detected: how the owner was chosen (contact_owner, account_owner, team_round_robin, program_channel).',
      { nullable: true },
    ),
    route_id: column.string(
      'For intent.detected and alert.escalated: the route (team or channel) the alert went to.',
      {
        nullable: true,
      },
    ),
    owner_id: column.string('For intent.detected: CRM owner the alert was routed to, when one was.', {
      nullable: true,
    }),
    program_id: column.string('For intent.detected: messaging program of the touch replied to or clicked.', {
      nullable: true,
    }),
    account_id: column.string('CRM account id the alert is about, when known.', { nullable: true }),
    phone_hash: column.string('Salted SHA-256 (hex) of the contact’s E.164 phone number.', {
      nullable: true,
    }),
    sla_due_at: column.timestamp('For intent.detected: when a first response is due (UTC).', {
      nullable: true,
    }),
    response_seconds: column.double(
      'For claimed, snoozed and dismissed: seconds from the alert to this first response.',
      { nullable: true },
    ),
    within_sla: column.boolean(
      'For claimed, snoozed and dismissed: whether the response came before sla_due_at.',
      {
        nullable: true,
      },
    ),
    by_slack_user_id: column.string(
      'For claimed, snoozed and dismissed: Slack user id of the employee who responded (staff, not customer data).',
      { nullable: true },
    ),
    snoozed_until: column.timestamp('For alert.snoozed: when the alert comes back (UTC).', {
      nullable: true,
    }),
    overdue_seconds: column.double('For alert.escalated: seconds past sla_due_at when it was escalated.', {
      nullable: true,
    }),
  },
});
