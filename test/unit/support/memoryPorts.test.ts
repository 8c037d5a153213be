import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../events/index.js';
import type { ConsentEntry } from '../../../shared/consent/consentLedger.js';
import {
  type FakeSms,
  FakeSmsSender,
  MemoryConsentLedger,
  MemoryContactDirectory,
  MemoryDeferredSends,
  MemorySendLedger,
} from '../../support/memoryPorts.js';

const NOW = new Date('2026-11-25T15:00:00Z');
const PHONE = '+14155550301';

const capOfOne = (requestId: string) => (history: { requestId: string }[]) =>
  history.length >= 1
    ? { decision: 'suppress' as const }
    : {
        decision: 'allow' as const,
        record: { at: NOW.toISOString(), channel: 'sms' as const, programId: 'demo', requestId },
      };

function consentEntry(status: 'opted_in' | 'opted_out', occurredAt: string, ref: string): ConsentEntry {
  return canonicalEvent(
    {
      type: 'consent.changed',
      source: 'internal',
      vendorRef: ref,
      occurredAt,
      phone: PHONE,
      channel: 'sms',
      status,
      scope: { kind: 'all' },
      evidence: { method: 'keyword', keyword: status === 'opted_out' ? 'STOP' : 'START' },
    },
    NOW,
  ) as ConsentEntry;
}

describe('Fake: MemorySendLedger', () => {
  it('lets exactly one of 50 interleaved sends through a cap of one, as DynamoSendLedger does', async () => {
    // Prepare
    const ledger = new MemorySendLedger(() => NOW);

    // Act
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => ledger.decideAndRecord(PHONE, capOfOne(`req-${i}`))),
    );

    // Assess: the callers really raced (conditional writes lost) and the cap still held.
    expect(results.filter((r) => r.decision === 'allow')).toHaveLength(1);
    expect(ledger.conflicts).toBeGreaterThan(0);
    expect(await ledger.history(PHONE)).toHaveLength(1);
  });

  it('appends an entry once however often it is replayed, and prunes entries past retention', async () => {
    const ledger = new MemorySendLedger(() => NOW);
    const entry = {
      at: NOW.toISOString(),
      channel: 'email' as const,
      programId: 'demo',
      requestId: 'email-1',
    };

    await ledger.append(PHONE, { ...entry, requestId: 'ancient', at: '2026-01-01T00:00:00Z' });
    for (let i = 0; i < 3; i += 1) await ledger.append(PHONE, entry);

    expect((await ledger.history(PHONE)).map((e) => e.requestId)).toEqual(['email-1']);
  });

  it('hands out copies, so a caller cannot change the stored history', async () => {
    const ledger = new MemorySendLedger(() => NOW);
    await ledger.decideAndRecord(PHONE, capOfOne('req-1'));

    (await ledger.history(PHONE)).pop();

    expect(await ledger.history(PHONE)).toHaveLength(1);
  });
});

describe('Fake: MemoryConsentLedger', () => {
  it('stores an entry once and lists entries by instant whatever their offset', async () => {
    const ledger = new MemoryConsentLedger();
    const late = consentEntry('opted_out', '2026-11-25T10:00:00-05:00', 'late'); // 15:00 UTC
    const early = consentEntry('opted_in', '2026-11-25T14:00:00Z', 'early');

    const first = await ledger.append(late);
    const replay = await ledger.append(late);
    await ledger.append(early);

    expect([first.appended, replay.appended]).toEqual([true, false]);
    expect((await ledger.history('sms', ` ${PHONE} `)).map((e) => e.status)).toEqual([
      'opted_in',
      'opted_out',
    ]);
  });
});

describe('Fake: MemoryContactDirectory', () => {
  it('merges a provisional contact into the CRM one and ignores an older CRM update', async () => {
    const directory = new MemoryContactDirectory();
    const provisional = await directory.resolvePhone(PHONE, '2026-11-25T10:00:00Z');
    const profile = { contactId: 'crm-1', phone: PHONE, timeZone: 'America/Chicago' };

    await directory.apply({ kind: 'contact', profile: { ...profile, updatedAt: '2026-11-25T12:00:00Z' } });
    await directory.apply({
      kind: 'contact',
      profile: { ...profile, timeZone: 'Europe/Paris', updatedAt: '2026-11-25T11:00:00Z' },
    });

    expect(await directory.lookupPhone(PHONE)).toMatchObject({
      contactId: 'crm-1',
      timeZone: 'America/Chicago',
    });
    expect(await directory.findContact(provisional.contactId)).toMatchObject({ mergedInto: 'crm-1' });
  });
});

describe('Fake: MemoryDeferredSends', () => {
  const send = (until: string, requestId: string) => ({
    until,
    request: { to: PHONE, programId: 'demo', campaignId: 'spring-sale', body: 'Hi', requestId },
  });

  it('answers due timers oldest first, once per (until, request), within the 48 h look-back', async () => {
    const timers = new MemoryDeferredSends();
    await timers.schedule(send('2026-11-25T14:00:00.000Z', 'b'));
    await timers.schedule(send('2026-11-25T13:00:00.000Z', 'a'));
    await timers.schedule(send('2026-11-25T13:00:00.000Z', 'a'));
    await timers.schedule(send('2026-11-25T16:00:00.000Z', 'future'));
    await timers.schedule(send('2026-11-20T13:00:00.000Z', 'lost'));

    const due = await timers.due(NOW);

    expect(due.map((d) => d.request.requestId)).toEqual(['a', 'b']);
    await timers.remove(due);
    expect(await timers.due(NOW)).toEqual([]);
  });
});

describe('Fake: FakeSmsSender', () => {
  it('gives repeatable ids, records what it accepted and fails on demand', async () => {
    const outbox: FakeSms[] = [];
    const twilio = new FakeSmsSender('twilio', outbox, () => NOW);
    const message = { from: '+14155550199', to: PHONE, body: 'Hi', idempotencyKey: 'req-1' };

    const first = await twilio.send(message);
    twilio.failNext(new Error('vendor down'));
    await expect(twilio.send(message)).rejects.toThrow('vendor down');
    const again = new FakeSmsSender('twilio', [], () => NOW);

    expect(first.vendorMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect((await again.send(message)).vendorMessageId).toBe(first.vendorMessageId);
    expect(twilio.outbox).toHaveLength(1);
  });
});
