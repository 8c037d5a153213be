import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSendLedger } from '../../shared/sending/dynamoSendLedger.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { startTestCloud } from '../support/cloud.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let ledger: DynamoSendLedger;
const NOW = new Date('2026-11-25T15:00:00Z');

beforeAll(async () => {
  cloud = await startTestCloud();
  ledger = new DynamoSendLedger(documentClient(), cloud.tableName, () => NOW);
});
afterAll(async () => cloud.stop());

const capOfOne = (requestId: string) => (history: { requestId: string }[]) =>
  history.length >= 1
    ? { decision: 'suppress' as const }
    : {
        decision: 'allow' as const,
        record: { at: NOW.toISOString(), channel: 'sms' as const, programId: 'demo', requestId },
      };

describe('Adapter: DynamoSendLedger on dynalite', () => {
  it('lets exactly one of 50 simultaneous sends through a cap of one', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => ledger.decideAndRecord('+14155550301', capOfOne(`req-${i}`))),
    );
    expect(results.filter((r) => r.decision === 'allow')).toHaveLength(1);
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await ledger.history('+14155550301')).toHaveLength(1);
  });

  it('keeps contacts independent', async () => {
    const [a, b] = await Promise.all([
      ledger.decideAndRecord('+14155550302', capOfOne('a')),
      ledger.decideAndRecord('+14155550303', capOfOne('b')),
    ]);
    expect([a.decision, b.decision]).toEqual(['allow', 'allow']);
  });

  it('appends an entry once however often it is replayed, and prunes entries past retention', async () => {
    const entry = {
      at: NOW.toISOString(),
      channel: 'email' as const,
      programId: 'demo',
      requestId: 'email-1',
    };
    await ledger.append('+14155550304', { ...entry, requestId: 'ancient', at: '2026-01-01T00:00:00Z' });
    for (let i = 0; i < 3; i += 1) await ledger.append('+14155550304', entry);
    expect((await ledger.history('+14155550304')).map((e) => e.requestId)).toEqual(['email-1']);
  });
});
