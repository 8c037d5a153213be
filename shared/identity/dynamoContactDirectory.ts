import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ContactDirectory } from './contactDirectory.js';
import {
  type AccountProfile,
  AccountProfileSchema,
  type ContactProfile,
  ContactProfileSchema,
  type IdentityUpdate,
  mergeOpportunitySnapshot,
  type OpportunitySnapshot,
  opportunityOwners,
  provisionalContactId,
} from './contactProfile.js';

const phoneKey = (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'LINK' });
const emailKey = (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: 'LINK' });
const contactKey = (id: string) => ({ pk: `CONTACT#${id}`, sk: 'PROFILE' });
const accountKey = (id: string) => ({ pk: `ACCOUNT#${id}`, sk: 'PROFILE' });

const ignoreConditionFailure = (error: unknown) => {
  if (!(error instanceof ConditionalCheckFailedException)) throw error;
};

/**
 * A profile item's fields. Profiles are stored as top-level attributes, so one UpdateItem
 * merges them; items written before that kept them in a `profile` map, read beneath.
 */
function profileOf(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, profile, ...fields } = item;
  return { ...(profile as Record<string, unknown> | undefined), ...fields };
}

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };
const cacheKey = (key: Key) => `${key.pk}|${key.sk}`;

/**
 * Identity in the single table: PHONE#/EMAIL# link items point at a contact; CONTACT# and
 * ACCOUNT# items hold profiles. Every write is conditional, so replays and concurrent
 * processors converge on the same state without transactions.
 *
 * Given a `readCache` (one per Lambda invocation, see `forInvocation`), item reads are
 * remembered, absent items included, and every write through this instance drops the items it
 * touches: the events of one queue batch that share a phone or a contact read it once.
 */
export class DynamoContactDirectory implements ContactDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly readCache?: Map<string, Promise<Item | undefined>>,
  ) {}

  /** The same directory with a fresh read cache, to live as long as one invocation. */
  forInvocation(): DynamoContactDirectory {
    return new DynamoContactDirectory(this.client, this.tableName, new Map());
  }

  async resolvePhone(phone: string, at: string): Promise<ContactProfile> {
    const link = await this.get(phoneKey(phone));
    if (link) {
      const profile = await this.findContact(String(link.contactId));
      if (profile) return profile;
    }
    const profile = await this.createProvisional(phone, at);
    // Another processor may have linked the phone first: the stored link wins.
    const stored = await this.get(phoneKey(phone));
    return (await this.findContact(String(stored?.contactId ?? profile.contactId))) ?? profile;
  }

  /**
   * What `phoneSeen` needs: the phone resolves to someone. A linked phone costs one read (none
   * when this invocation read it already); the profile behind it is not needed.
   */
  private async ensurePhone(phone: string, at: string): Promise<void> {
    if (!(await this.get(phoneKey(phone)))) await this.createProvisional(phone, at);
  }

  /** The contact before the link, so a link never points at a profile that is not there. */
  private async createProvisional(phone: string, at: string): Promise<ContactProfile> {
    const contactId = provisionalContactId(phone);
    const profile: ContactProfile = { contactId, provisional: true, phone, updatedAt: at };
    await this.write(contactKey(contactId), () =>
      this.client
        .send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...contactKey(contactId), ...profile },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch(ignoreConditionFailure),
    );
    await this.write(phoneKey(phone), () =>
      this.client
        .send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...phoneKey(phone), contactId, provisional: true },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch(ignoreConditionFailure),
    );
    return profile;
  }

  async lookupPhone(phone: string): Promise<ContactProfile | undefined> {
    const link = await this.get(phoneKey(phone));
    return link ? this.findContact(String(link.contactId)) : undefined;
  }

  async lookupEmail(email: string): Promise<ContactProfile | undefined> {
    const link = await this.get(emailKey(email));
    return link ? this.findContact(String(link.contactId)) : undefined;
  }

  async findContact(contactId: string): Promise<ContactProfile | undefined> {
    const item = await this.get(contactKey(contactId));
    return item ? ContactProfileSchema.parse(profileOf(item)) : undefined;
  }

  async findAccount(accountId: string): Promise<AccountProfile | undefined> {
    const item = await this.get(accountKey(accountId));
    return item ? AccountProfileSchema.parse(profileOf(item)) : undefined;
  }

  async latestOpenOpportunity(keys: {
    contactId?: string;
    accountId?: string;
  }): Promise<OpportunitySnapshot | undefined> {
    for (const owner of [
      keys.contactId && `CONTACT#${keys.contactId}`,
      keys.accountId && `ACCOUNT#${keys.accountId}`,
    ]) {
      if (!owner) continue;
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :opp)',
          ExpressionAttributeValues: { ':pk': owner, ':opp': 'OPP#' },
        }),
      );
      const open = (page.Items ?? [])
        .map((item) => item.snapshot as OpportunitySnapshot)
        .filter((o) => !o.closed)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      if (open[0]) return open[0];
    }
    return undefined;
  }

  async apply(update: IdentityUpdate): Promise<void> {
    if (update.kind === 'opportunity') {
      const { snapshot } = update;
      for (const owner of opportunityOwners(snapshot)) {
        await this.mergeSnapshot({ pk: owner, sk: `OPP#${snapshot.opportunityId}` }, snapshot);
      }
      return;
    }
    if (update.kind === 'phoneSeen') {
      await this.ensurePhone(update.phone, update.at);
      return;
    }
    if (update.kind === 'account') {
      await this.mergeProfile(accountKey(update.profile.accountId), update.profile);
      return;
    }
    const { profile } = update;
    await this.mergeProfile(contactKey(profile.contactId), { ...profile, provisional: false });
    if (profile.phone) await this.linkPhone(profile.phone, profile.contactId, profile.updatedAt);
    const email = profile.email;
    if (email) {
      await this.write(emailKey(email), () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...emailKey(email), contactId: profile.contactId },
          }),
        ),
      );
    }
  }

  /** mergeOpportunitySnapshot decides; the condition keeps a concurrent newer write. */
  private async mergeSnapshot(key: { pk: string; sk: string }, snapshot: OpportunitySnapshot): Promise<void> {
    const merged = mergeOpportunitySnapshot(
      (await this.get(key))?.snapshot as OpportunitySnapshot | undefined,
      snapshot,
    );
    if (!merged) return;
    await this.write(key, () =>
      this.client
        .send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, snapshot: merged },
            ConditionExpression: 'attribute_not_exists(pk) OR #s.updatedAt <= :t',
            ExpressionAttributeNames: { '#s': 'snapshot' },
            ExpressionAttributeValues: { ':t': snapshot.updatedAt },
          }),
        )
        .catch(ignoreConditionFailure),
    );
  }

  /** Points a phone at a CRM contact; a provisional contact it pointed at is marked merged. */
  private async linkPhone(phone: string, contactId: string, at: string): Promise<void> {
    // The put hands back the link it replaced: no read before the write.
    const { Attributes: previous } = await this.write(phoneKey(phone), () =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...phoneKey(phone), contactId, provisional: false },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    if (previous?.provisional === true && previous.contactId !== contactId) {
      await this.mergeProfile(contactKey(String(previous.contactId)), {
        mergedInto: contactId,
        updatedAt: at,
      });
    }
  }

  /**
   * Sets the given fields unless the stored profile was updated by a later event, so an
   * out-of-order older CRM webhook cannot overwrite newer facts. One UpdateItem: the fields are
   * top-level attributes, so nothing has to exist first; the condition also reads the
   * `updatedAt` of a profile still in the older nested layout.
   */
  private async mergeProfile(
    key: Key,
    fields: Record<string, unknown> & { updatedAt: string },
  ): Promise<void> {
    const { updatedAt, ...rest } = fields;
    const entries = Object.entries(rest).filter(([, v]) => v !== undefined);
    const names: Record<string, string> = { '#p': 'profile', '#u': 'updatedAt' };
    const values: Record<string, unknown> = { ':t': updatedAt };
    const sets = entries.map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:v${i}`] = value;
      return `#f${i} = :v${i}`;
    });
    await this.write(key, () =>
      this.client
        .send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `SET ${[...sets, '#u = :t'].join(', ')}`,
            ConditionExpression:
              '(attribute_not_exists(#u) AND (attribute_not_exists(#p.#u) OR #p.#u <= :t)) OR #u <= :t',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        )
        .catch(ignoreConditionFailure),
    );
  }

  /** Runs a write of `key`; what this invocation had read of it is forgotten, won or lost. */
  private async write<T>(key: Key, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } finally {
      this.readCache?.delete(cacheKey(key));
    }
  }

  private get(key: Key): Promise<Item | undefined> {
    const read = () =>
      this.client
        .send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))
        .then((result) => result.Item);
    if (!this.readCache) return read();
    // The promise is kept, not its value: records of a batch run side by side, and a read that
    // a write overlaps is dropped with the write (see `write`), whenever it settles.
    const cached = cacheKey(key);
    let pending = this.readCache.get(cached);
    if (!pending) {
      pending = read();
      this.readCache.set(cached, pending);
      const failed = pending;
      failed.catch(() => {
        if (this.readCache?.get(cached) === failed) this.readCache.delete(cached);
      });
    }
    return pending;
  }
}
