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
 * Identity in the single table: PHONE#/EMAIL# link items point at a contact; CONTACT# and
 * ACCOUNT# items hold profiles. Every write is conditional, so replays and concurrent
 * processors converge on the same state without transactions.
 */
export class DynamoContactDirectory implements ContactDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async resolvePhone(phone: string, at: string): Promise<ContactProfile> {
    const link = await this.get(phoneKey(phone));
    if (link) {
      const profile = await this.findContact(String(link.contactId));
      if (profile) return profile;
    }
    const contactId = provisionalContactId(phone);
    const profile: ContactProfile = { contactId, provisional: true, phone, updatedAt: at };
    await this.client
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...contactKey(contactId), profile },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch(ignoreConditionFailure);
    await this.client
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...phoneKey(phone), contactId, provisional: true },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch(ignoreConditionFailure);
    // Another processor may have linked the phone first: the stored link wins.
    const stored = await this.get(phoneKey(phone));
    return (await this.findContact(String(stored?.contactId ?? contactId))) ?? profile;
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
    return item ? ContactProfileSchema.parse(item.profile) : undefined;
  }

  async findAccount(accountId: string): Promise<AccountProfile | undefined> {
    const item = await this.get(accountKey(accountId));
    return item ? AccountProfileSchema.parse(item.profile) : undefined;
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
      await this.resolvePhone(update.phone, update.at);
      return;
    }
    if (update.kind === 'account') {
      await this.mergeProfile(accountKey(update.profile.accountId), update.profile);
      return;
    }
    const { profile } = update;
    await this.mergeProfile(contactKey(profile.contactId), { ...profile, provisional: false });
    if (profile.phone) await this.linkPhone(profile.phone, profile.contactId, profile.updatedAt);
    if (profile.email) {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...emailKey(profile.email), contactId: profile.contactId },
        }),
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
    await this.client
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, snapshot: merged },
          ConditionExpression: 'attribute_not_exists(pk) OR #s.updatedAt <= :t',
          ExpressionAttributeNames: { '#s': 'snapshot' },
          ExpressionAttributeValues: { ':t': snapshot.updatedAt },
        }),
      )
      .catch(ignoreConditionFailure);
  }

  /** Points a phone at a CRM contact; a provisional contact it pointed at is marked merged. */
  private async linkPhone(phone: string, contactId: string, at: string): Promise<void> {
    const previous = await this.get(phoneKey(phone));
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...phoneKey(phone), contactId, provisional: false },
      }),
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
   * out-of-order older CRM webhook cannot overwrite newer facts.
   */
  private async mergeProfile(
    key: { pk: string; sk: string },
    fields: Record<string, unknown>,
  ): Promise<void> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const names: Record<string, string> = { '#p': 'profile' };
    const values: Record<string, unknown> = { ':t': fields.updatedAt, ':empty': {} };
    const sets = entries.map(([name, value], i) => {
      names[`#f${i}`] = name;
      values[`:v${i}`] = value;
      return `#p.#f${i} = :v${i}`;
    });
    // A map attribute must exist before nested paths can be set.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET #p = if_not_exists(#p, :empty)',
        ExpressionAttributeNames: { '#p': 'profile' },
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#p.updatedAt) OR #p.updatedAt <= :t',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: Object.fromEntries(
            Object.entries(values).filter(([k]) => k !== ':empty'),
          ),
        }),
      )
      .catch(ignoreConditionFailure);
  }

  private async get(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item;
  }
}
