import { readLakeColumns } from '../../lake/lakeColumns.js';
import type { ObjectStore } from '../../lake/objectStore.js';
import { eventsTable } from '../../lake/tables/events.js';

/** Account id -> tier. */
export type AccountTiers = ReadonlyMap<string, string>;

const COLUMNS = ['event_id', 'type', 'occurred_at', 'account_id', 'attributes'] as const;

/**
 * Where the tier lands in the lake: `events` rows of type crm.account.upserted carry it in
 * `attributes` ("tier", from HubSpot's company property, Salesforce's Tier__c or Type…). An
 * account's tier is the one its latest upsert naming a tier gives (by occurred_at, then event
 * id), as the attribution job picks a contact's account: today's tier, not the tier at the
 * time of each outcome.
 */
export async function readAccountTiers(store: ObjectStore, toDt?: string): Promise<AccountTiers> {
  const latest = new Map<string, { tier: string; at: number; eventId: string }>();
  for await (const batch of readLakeColumns(store, eventsTable, { toDt }, COLUMNS)) {
    const type = batch.column('type');
    const account = batch.column('account_id');
    const attributes = batch.column('attributes');
    for (let i = 0; i < batch.length; i += 1) {
      if (type[i] !== 'crm.account.upserted' || typeof account[i] !== 'string') continue;
      const text = attributes[i];
      if (typeof text !== 'string' || !text.includes('"tier"')) continue;
      const tier = (JSON.parse(text) as { tier?: unknown }).tier;
      if (typeof tier !== 'string' || tier === '') continue;
      const at = batch.column('occurred_at')[i] as number;
      const eventId = batch.column('event_id')[i] as string;
      const seen = latest.get(account[i] as string);
      if (!seen || at > seen.at || (at === seen.at && eventId > seen.eventId)) {
        latest.set(account[i] as string, { tier, at, eventId });
      }
    }
  }
  return new Map([...latest].map(([account, { tier }]) => [account, tier]));
}
