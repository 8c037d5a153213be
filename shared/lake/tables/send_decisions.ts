import { column, defineLakeTable } from '../lakeTable.js';
import { ARRIVAL_DAY_PARTITION } from './events.js';

/**
 * What the send gate decided for each send, so suppression rates, caps and holdout lift are
 * read from one table: allow rows from message.sent (and sends the vendor then rejected),
 * suppress rows from send.suppressed (including holdout ghost exposures), defer rows from
 * send.deferred.
 */
export const sendDecisionsTable = defineLakeTable({
  name: 'send_decisions',
  description:
    'One row per send-gate decision: allow (the message went to the vendor), suppress (holdout ghost exposure, cap, ' +
    'quiet hours, consent, collision, invalid number) or defer (moved past quiet hours). Treatment vs holdout = allow vs suppress/holdout.',
  partitionDescription: ARRIVAL_DAY_PARTITION,
  columns: {
    event_id: column.string(
      'Id of the event the decision was read from (message.sent, message.failed, send.suppressed or send.deferred).',
    ),
    request_id: column.string(
      'The send request id (idempotency key of the send API). Null for allow rows from message.sent, which carry the vendor message id instead.',
      { nullable: true },
    ),
    decided_at: column.timestamp(
      'When the decision took effect (UTC). For a holdout ghost exposure, when the real send would have gone out, so treatment and holdout share one clock.',
    ),
    decision: column.string('allow, suppress or defer.'),
    reason: column.string(
      'For suppress: holdout, cap, quiet_hours, consent, collision or invalid_number. For defer: quiet_hours. ' +
        'For allow: null, or vendor_rejected when the vendor refused the allowed send.',
      { nullable: true },
    ),
    until: column.timestamp('For defer: when the send is retried (end of quiet hours, UTC).', {
      nullable: true,
    }),
    phone_hash: column.string('Salted SHA-256 (hex) of the recipient’s E.164 phone number.', {
      nullable: true,
    }),
    contact_id: column.string('CRM contact id of the recipient, when known.', { nullable: true }),
    program_id: column.string('Messaging program of the send.', { nullable: true }),
    kind: column.string('campaign or flow.', { nullable: true }),
    campaign_id: column.string('Campaign id, for campaign sends.', { nullable: true }),
    workflow_id: column.string('Workflow id, for flow sends.', { nullable: true }),
    step: column.int('Step number within the workflow, for flow sends.', { nullable: true }),
    template_id: column.string('Message template id.', { nullable: true }),
    variant: column.string('Content variant, e.g. personalized or generic.', { nullable: true }),
    channel: column.string('sms or email.'),
    message_id: column.string('Vendor message id, for allow rows.', { nullable: true }),
    segments: column.int('Billable SMS segments of the sent message, for allow rows when known.', {
      nullable: true,
    }),
    price_micros: column.bigint(
      'Vendor price of the sent message in millionths of the currency unit (fees are fractions of a cent), when known.',
      { nullable: true },
    ),
    currency: column.string('ISO 4217 currency of price_micros.', { nullable: true }),
  },
});
