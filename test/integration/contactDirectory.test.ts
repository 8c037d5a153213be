import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionalContactId } from '../../shared/identity/contactProfile.js';
import { DynamoContactDirectory } from '../../shared/identity/dynamoContactDirectory.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { startTestCloud } from '../support/cloud.js';
import { countDynamoCalls } from '../support/dynamoCalls.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let directory: DynamoContactDirectory;

beforeAll(async () => {
  cloud = await startTestCloud();
  directory = new DynamoContactDirectory(documentClient(), cloud.tableName);
});
afterAll(async () => cloud.stop());

describe('Adapter: DynamoContactDirectory on dynalite', () => {
  it('gives an unknown phone one provisional contact, even under concurrency', async () => {
    const phone = '+14155550201';
    const profiles = await Promise.all(
      Array.from({ length: 10 }, () => directory.resolvePhone(phone, '2026-11-25T10:00:00Z')),
    );
    expect(new Set(profiles.map((p) => p.contactId))).toEqual(new Set([provisionalContactId(phone)]));
    expect(profiles[0]).toMatchObject({ provisional: true, phone });
  });

  it('merges the provisional contact when the CRM later names the phone', async () => {
    const phone = '+14155550202';
    const provisional = await directory.resolvePhone(phone, '2026-11-25T10:00:00Z');
    await directory.apply({
      kind: 'contact',
      profile: {
        contactId: 'hubspot:contact:42',
        phone,
        ownerId: 'hubspot:owner:7',
        accountId: 'hubspot:account:9',
        updatedAt: '2026-11-25T11:00:00Z',
      },
    });
    const resolved = await directory.resolvePhone(phone, '2026-11-25T12:00:00Z');
    expect(resolved).toMatchObject({
      contactId: 'hubspot:contact:42',
      provisional: false,
      ownerId: 'hubspot:owner:7',
    });
    expect(await directory.findContact(provisional.contactId)).toMatchObject({
      mergedInto: 'hubspot:contact:42',
    });
  });

  it('merges partial updates and ignores an older update that arrives late', async () => {
    const base = { contactId: 'pipedrive:contact:5', updatedAt: '2026-11-25T10:00:00Z' };
    await directory.apply({
      kind: 'contact',
      profile: { ...base, firstName: 'Maria', timeZone: 'America/Chicago' },
    });
    await directory.apply({
      kind: 'contact',
      profile: { ...base, updatedAt: '2026-11-25T11:00:00Z', lifecycleStage: 'lead' },
    });
    await directory.apply({
      kind: 'contact',
      profile: { ...base, updatedAt: '2026-11-25T09:00:00Z', firstName: 'Old' },
    });
    await directory.apply({
      kind: 'contact',
      profile: { ...base, updatedAt: '2026-11-25T11:00:00Z', lifecycleStage: 'lead' },
    });
    expect(await directory.findContact('pipedrive:contact:5')).toMatchObject({
      firstName: 'Maria',
      lifecycleStage: 'lead',
      timeZone: 'America/Chicago',
      updatedAt: '2026-11-25T11:00:00Z',
    });
  });

  it('stores accounts with tier and owner', async () => {
    await directory.apply({
      kind: 'account',
      profile: {
        accountId: 'hubspot:account:9',
        tier: 'enterprise',
        ownerId: 'o1',
        updatedAt: '2026-11-25T10:00:00Z',
      },
    });
    expect(await directory.findAccount('hubspot:account:9')).toMatchObject({
      tier: 'enterprise',
      ownerId: 'o1',
    });
  });
});

describe('Adapter: DynamoContactDirectory opportunities', () => {
  it('keeps the latest open opportunity per contact and account, and forgets closed ones', async () => {
    const base = { accountId: 'hubspot:account:77', contactId: 'hubspot:contact:77', closed: false };
    await directory.apply({
      kind: 'opportunity',
      snapshot: {
        ...base,
        opportunityId: 'o1',
        stage: 'appointmentscheduled',
        updatedAt: '2026-11-20T10:00:00Z',
      },
    });
    await directory.apply({
      kind: 'opportunity',
      snapshot: { ...base, opportunityId: 'o2', stage: 'contractsent', updatedAt: '2026-11-21T10:00:00Z' },
    });
    expect(await directory.latestOpenOpportunity({ accountId: 'hubspot:account:77' })).toMatchObject({
      opportunityId: 'o2',
      stage: 'contractsent',
    });
    await directory.apply({
      kind: 'opportunity',
      snapshot: {
        ...base,
        opportunityId: 'o2',
        stage: 'closedwon',
        closed: true,
        updatedAt: '2026-11-22T10:00:00Z',
      },
    });
    // A late, older stage change must not reopen the closed deal.
    await directory.apply({
      kind: 'opportunity',
      snapshot: {
        ...base,
        opportunityId: 'o2',
        stage: 'decisionmakerboughtin',
        updatedAt: '2026-11-21T12:00:00Z',
      },
    });
    expect(await directory.latestOpenOpportunity({ contactId: 'hubspot:contact:77' })).toMatchObject({
      opportunityId: 'o1',
    });
  });
});

describe('Adapter: DynamoContactDirectory, one invocation and older items', () => {
  it('reads an item once per invocation, and again once this invocation has written it', async () => {
    // Prepare
    const phone = '+14155550251';
    const contactId = 'hubspot:contact:251';
    await directory.apply({
      kind: 'contact',
      profile: { contactId, phone, updatedAt: '2026-11-25T10:00:00Z' },
    });
    const invocation = directory.forInvocation();
    const calls = countDynamoCalls(documentClient());
    try {
      // Act
      await invocation.lookupPhone(phone);
      await invocation.lookupPhone(phone);
      const cachedReads = calls.byOperation().GetItem;
      await invocation.apply({
        kind: 'contact',
        profile: { contactId, ownerId: 'hubspot:owner:1', updatedAt: '2026-11-25T11:00:00Z' },
      });
      const afterWrite = await invocation.lookupPhone(phone);
      // Assess: link + profile once; after the profile's write only the profile is read again.
      expect(cachedReads).toBe(2);
      expect(calls.byOperation().GetItem).toBe(3);
      expect(afterWrite).toMatchObject({ contactId, ownerId: 'hubspot:owner:1' });
      // A directory outside an invocation remembers nothing.
      await directory.lookupPhone(phone);
      expect(calls.byOperation().GetItem).toBe(5);
    } finally {
      calls.detach();
    }
  });

  it('reads a profile stored in the older nested layout, and keeps its newer facts', async () => {
    // Prepare: an item as the directory wrote it before profiles were top-level attributes.
    const contactId = 'hubspot:contact:252';
    await documentClient().send(
      new PutCommand({
        TableName: cloud.tableName,
        Item: {
          pk: `CONTACT#${contactId}`,
          sk: 'PROFILE',
          profile: { contactId, provisional: false, firstName: 'Ana', updatedAt: '2026-11-25T10:00:00Z' },
        },
      }),
    );
    // Act
    await directory.apply({
      kind: 'contact',
      profile: { contactId, firstName: 'Stale', updatedAt: '2026-11-25T09:00:00Z' },
    });
    const afterStale = await directory.findContact(contactId);
    await directory.apply({
      kind: 'contact',
      profile: { contactId, lastName: 'Ruiz', updatedAt: '2026-11-25T11:00:00Z' },
    });
    // Assess
    expect(afterStale).toMatchObject({ firstName: 'Ana', updatedAt: '2026-11-25T10:00:00Z' });
    expect(await directory.findContact(contactId)).toMatchObject({
      firstName: 'Ana',
      lastName: 'Ruiz',
      updatedAt: '2026-11-25T11:00:00Z',
    });
  });
});
