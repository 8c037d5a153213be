import { column, defineLakeTable } from '../lakeTable.js';
import { ARRIVAL_DAY_PARTITION } from './events.js';

/**
 * The consent ledger as an append-only history: one row per consent.changed event, with its
 * evidence, so an audit can show when and how one (hashed) number opted in or out.
 */
export const consentLedgerTable = defineLakeTable({
  name: 'consent_ledger',
  description:
    'Every consent change (opt-in or opt-out) with its scope and evidence, one row per consent.changed event. ' +
    'The current state of an address is its latest row per scope by occurred_at.',
  partitionDescription: ARRIVAL_DAY_PARTITION,
  columns: {
    event_id: column.string('Id of the consent.changed event (joins events.event_id).'),
    occurred_at: column.timestamp(
      'When the consent changed: the time of the reply, form or CRM change that is its evidence (UTC).',
    ),
    channel: column.string('sms or email: the channel the consent is for.'),
    address_hash: column.string(
      'Salted SHA-256 (hex) of the address the consent is for: the E.164 phone for sms, the lower-cased email for email.',
    ),
    contact_id: column.string('CRM contact id, when known.', { nullable: true }),
    status: column.string('opted_in or opted_out.'),
    scope_kind: column.string(
      'What the change applies to: all (everything we send), program (one program) or sender (one sender number).',
    ),
    scope_value: column.string(
      'The program id for scope program; the salted hash of the sender number for scope sender (a number, even our own, is never stored raw); null for all.',
      { nullable: true },
    ),
    method: column.string(
      'How consent was expressed: keyword, plain_language, carrier, crm, form, api or email_unsubscribe.',
    ),
    keyword: column.string('The keyword that matched (STOP, START, BAJA…), for method keyword.', {
      nullable: true,
    }),
    source_event_id: column.string(
      'Id of the event that is the evidence (the inbound message, CRM update or unsubscribe), when there is one.',
      { nullable: true },
    ),
    evidence_text_length: column.int(
      'Length in characters of the evidence text the contact wrote; the text itself stays in DynamoDB (it may hold personal data).',
      { nullable: true },
    ),
  },
});
