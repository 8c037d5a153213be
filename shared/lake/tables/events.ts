import { column, defineLakeTable } from '../lakeTable.js';

/** What `dt` means for every table the lake export writes from canonical events. */
export const ARRIVAL_DAY_PARTITION =
  'The UTC day the event arrived (receivedAt), not the day it happened: an event that arrives ' +
  'late lands in the day it arrived, so re-exporting a day is complete and idempotent and a ' +
  'day once exported only changes when it is re-exported. Filter on occurred_at for business ' +
  'time, and on dt to prune files.';

/**
 * Every canonical event, one row each: the fields all events share as typed columns, the
 * rest as JSON. Phone numbers and emails appear only as salted hashes (see shared/lake/pii.ts).
 */
export const eventsTable = defineLakeTable({
  name: 'events',
  description:
    'Every canonical event the system received, one row per event id: common fields as columns, ' +
    'the type-specific rest in `attributes`. No raw phone numbers, emails, names or message bodies.',
  partitionDescription: ARRIVAL_DAY_PARTITION,
  columns: {
    event_id: column.string(
      'Deterministic event id (evt_ + 32 hex) derived from source, type and vendor_ref; unique.',
    ),
    type: column.string('Canonical event type, e.g. message.sent, consent.changed, opportunity.closed.'),
    v: column.int('Version of the canonical event schema the event was written with.'),
    source: column.string(
      'Who reported the fact: a vendor (twilio, hubspot, sendgrid…) or internal (our send gate, click tracker, consent rules).',
    ),
    vendor_ref: column.string(
      'The vendor’s own id for the fact (message SID, webhook event id…); any address quoted in it is replaced by sha256:<hash>.',
    ),
    occurred_at: column.timestamp(
      'When the fact happened, by the vendor’s clock (UTC). For a holdout ghost exposure: when the real send would have gone out.',
    ),
    received_at: column.timestamp('When we received the event (UTC); its day is the partition dt.'),
    phone_hash: column.string('Salted SHA-256 (hex) of the contact’s E.164 phone number.', {
      nullable: true,
    }),
    email_hash: column.string('Salted SHA-256 (hex) of the contact’s trimmed, lower-cased email.', {
      nullable: true,
    }),
    contact_id: column.string('CRM contact id the event is about, when known.', { nullable: true }),
    account_id: column.string('CRM account (company) id the event is about, when known.', { nullable: true }),
    channel: column.string('sms or email, for touches, consent changes and send decisions.', {
      nullable: true,
    }),
    program_id: column.string('Messaging program (configured sender + rules) the touch belongs to.', {
      nullable: true,
    }),
    kind: column.string('campaign (a one-off blast) or flow (a workflow with steps).', { nullable: true }),
    campaign_id: column.string('Campaign id, for campaign touches.', { nullable: true }),
    workflow_id: column.string('Workflow id, for flow touches.', { nullable: true }),
    step: column.int('Step number within the workflow (0-based), for flow touches.', { nullable: true }),
    template_id: column.string('Message template id.', { nullable: true }),
    variant: column.string('Content variant, e.g. personalized or generic.', { nullable: true }),
    message_id: column.string('Vendor message id of the SMS or email the event is about.', {
      nullable: true,
    }),
    amount_minor: column.bigint(
      'The event’s money amount in minor units (cents): order revenue, invoice amount, opportunity amount, subscription ARR after the change. Null when the event has none.',
      { nullable: true },
    ),
    currency: column.string('ISO 4217 currency of amount_minor; null when amount_minor is null.', {
      nullable: true,
    }),
    attributes: column.json(
      'Every other field of the event as a JSON object (e.g. cost, errorCode, stage, outcome, utm). Addresses are hashed (fromHash, toHash); an inbound SMS body is replaced by bodyLength and bodyConsentAction/bodyKeyword; consent evidence text by textLength; person names are dropped.',
    ),
  },
});
