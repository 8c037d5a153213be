import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSendRequestLedger } from '../../shared/sending/dynamoSendRequestLedger.js';
import { heldState } from '../../shared/sending/sendRequestLedger.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { startTestCloud } from '../support/cloud.js';
import { MemorySendRequestLedger } from '../support/memoryPorts.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let dynamo: DynamoSendRequestLedger;
const NOW = new Date('2026-11-25T15:00:00Z');
const LATER = new Date(NOW.getTime() + 61_000);
const LEASE = 60_000;
let serial = 0;
const nextId = () => `req-${++serial}`;

beforeAll(async () => {
  cloud = await startTestCloud();
  dynamo = new DynamoSendRequestLedger(documentClient(), cloud.tableName);
});
afterAll(async () => cloud.stop());

// The memory twin must behave as the adapter does on dynalite: both run the same cases.
describe.each([
  ['DynamoSendRequestLedger on dynalite', () => dynamo],
  ['MemorySendRequestLedger', () => new MemorySendRequestLedger()],
])('Adapter: %s', (_name, ledgerOf) => {
  it('gives the request to exactly one of 50 simultaneous claims', async () => {
    const ledger = ledgerOf();
    const id = nextId();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => ledger.claim(id, `copy-${i}`, NOW, LEASE)),
    );
    expect(results.filter((r) => r.won)).toHaveLength(1);
    for (const r of results.filter((r) => !r.won))
      expect(r).toMatchObject({ current: { state: 'deciding' } });
  });

  it('lets only the holder settle, and answers every later claim with the settled state', async () => {
    const ledger = ledgerOf();
    const id = nextId();
    expect(await ledger.claim(id, 'a', NOW, LEASE)).toEqual({ won: true });
    const sent = { state: 'sent' as const, vendorMessageId: 'SM1', at: NOW.toISOString() };
    expect(await ledger.settle(id, 'b', sent)).toBe(false);
    expect(await ledger.settle(id, 'a', heldState('sending', 'a', NOW, LEASE))).toBe(true);
    expect(await ledger.settle(id, 'a', sent)).toBe(true);
    expect(await ledger.settle(id, 'a', { ...sent, vendorMessageId: 'SM2' })).toBe(false);
    expect(await ledger.claim(id, 'c', LATER, LEASE)).toEqual({ won: false, current: sent });
    expect(await ledger.find(id)).toEqual(sent);
  });

  it('hands a reserved request, an ended deferral and an expired lease to the next copy', async () => {
    const ledger = ledgerOf();
    const reserved = nextId();
    await ledger.claim(reserved, 'a', NOW, LEASE);
    await ledger.settle(reserved, 'a', { state: 'reserved', at: NOW.toISOString() });
    expect(await ledger.claim(reserved, 'b', NOW, LEASE)).toMatchObject({
      won: true,
      previous: { state: 'reserved' },
    });

    const deferred = nextId();
    const until = new Date(NOW.getTime() + 30_000).toISOString();
    await ledger.claim(deferred, 'a', NOW, LEASE);
    await ledger.settle(deferred, 'a', { state: 'deferred', until, at: NOW.toISOString() });
    expect(await ledger.claim(deferred, 'b', NOW, LEASE)).toMatchObject({ won: false, current: { until } });
    expect(await ledger.claim(deferred, 'b', LATER, LEASE)).toMatchObject({ won: true });

    const crashed = nextId();
    await ledger.claim(crashed, 'a', NOW, LEASE);
    await ledger.settle(crashed, 'a', heldState('sending', 'a', NOW, LEASE));
    expect(await ledger.claim(crashed, 'b', NOW, LEASE)).toMatchObject({ won: false });
    expect(await ledger.claim(crashed, 'b', LATER, LEASE)).toMatchObject({
      won: true,
      previous: { state: 'sending', claim: 'a' },
    });
    // The crashed holder, back, can no longer settle what it lost.
    expect(await ledger.settle(crashed, 'a', { state: 'reserved', at: NOW.toISOString() })).toBe(false);
  });
});
