/**
 * The single operational table's key schema, defined once for the CDK table and the local
 * dynalite table. Secondary indexes are sparse: an item is indexed only when it has the key.
 */
export const TABLE_KEY = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const TABLE_INDEXES = {
  /** A phone number's events in time order: gsi1pk = PHONE#<E.164>, gsi1sk = <occurredAt>#<eventId>. */
  byPhone: { indexName: 'byPhone', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** A CRM contact's events in time order: gsi2pk = CONTACT#<contactId>. */
  byContact: { indexName: 'byContact', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Events by arrival day, for the lake export: gsi3pk = DAY#<YYYY-MM-DD>, gsi3sk = <receivedAt>#<eventId>. */
  byDay: { indexName: 'byDay', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
} as const;

/** Items that may expire (idempotency records, short-lived locks) set this epoch-seconds attribute. */
export const TTL_ATTRIBUTE = 'expiresAt';
