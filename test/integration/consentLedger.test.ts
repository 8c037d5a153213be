import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../events/index.js';
import { ConsentAddressMissingError, type ConsentEntry } from '../../shared/consent/consentLedger.js';
import { currentConsent } from '../../shared/consent/consentState.js';
import { DynamoConsentLedger } from '../../shared/consent/dynamoConsentLedger.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { startTestCloud } from '../support/cloud.js';

let cloud: Awaited<ReturnType<typeof startTestCloud>>;
let ledger: DynamoConsentLedger;

beforeAll(async () => {
  cloud = await startTestCloud();
  // Two items a page, so every multi-entry history below is read across pages.
  ledger = new DynamoConsentLedger(documentClient(), cloud.tableName, 2);
});
afterAll(async () => cloud.stop());

const consent = (
  ref: string,
  fields: {
    status?: ConsentEntry['status'];
    at?: string;
    phone?: string;
    email?: string;
    channel?: 'sms' | 'email';
  },
): ConsentEntry => {
  const event = canonicalEvent(
    {
      type: 'consent.changed',
      source: 'internal',
      vendorRef: `${ref}:consent`,
      occurredAt: fields.at ?? '2026-11-25T10:00:00.000Z',
      channel: fields.channel ?? 'sms',
      status: fields.status ?? 'opted_out',
      scope: { kind: 'all' },
      phone: fields.phone,
      email: fields.email,
      evidence: { method: 'keyword', keyword: 'STOP', text: 'STOP', sourceEventId: `evt_${ref}` },
    },
    new Date('2026-11-25T10:00:01.000Z'),
  );
  if (event.type !== 'consent.changed') throw new Error('unreachable');
  return event;
};

describe('Adapter: DynamoConsentLedger on dynalite', () => {
  it('stores one entry however many times it is appended in sequence', async () => {
    const stop = consent('seq', { phone: '+14155550201' });
    const outcomes = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await ledger.append(stop));
    expect(outcomes.filter((o) => o.appended)).toHaveLength(1);
    expect(await ledger.history('sms', '+14155550201')).toEqual([stop]);
  });

  it('lets exactly one of 20 concurrent appends of one entry store it', async () => {
    const stop = consent('concurrent', { phone: '+14155550202' });
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => ledger.append(stop)));
    expect(outcomes.filter((o) => o.appended)).toHaveLength(1);
    expect(await ledger.history('sms', '+14155550202')).toEqual([stop]);
  });

  it('returns the whole history oldest first, across pages and time-zone offsets', async () => {
    // Prepare: appended out of order; 11:30+02:00 is 09:30Z, between 09:00Z and 10:00Z.
    const phone = '+14155550203';
    const optIn = consent('h1', { phone, status: 'opted_in', at: '2026-11-20T08:00:00.000Z' });
    const early = consent('h2', { phone, at: '2026-11-25T09:00:00.000Z' });
    const offset = consent('h3', { phone, status: 'opted_in', at: '2026-11-25T11:30:00.000+02:00' });
    const late = consent('h4', { phone, at: '2026-11-25T10:00:00.000Z' });
    const start = consent('h5', { phone, status: 'opted_in', at: '2026-11-26T10:00:00.000Z' });
    // Act
    for (const entry of [late, start, optIn, offset, early]) await ledger.append(entry);
    const history = await ledger.history('sms', phone);
    // Assess
    expect(history.map((e) => e.vendorRef)).toEqual(
      ['h1', 'h2', 'h3', 'h4', 'h5'].map((r) => `${r}:consent`),
    );
    expect(currentConsent(history, { channel: 'sms', programId: 'demo' }).eventId).toBe(start.eventId);
  });

  it('keeps each channel and address apart, and keys email case-insensitively', async () => {
    const sms = consent('sms-only', { phone: '+14155550204' });
    const mail = consent('mail-only', { channel: 'email', email: 'Ana.Lopez@Example.com' });
    await ledger.append(sms);
    await ledger.append(mail);
    expect(await ledger.history('email', 'ana.lopez@example.com')).toEqual([mail]);
    expect(await ledger.history('sms', '+14155550204')).toEqual([sms]);
    expect(await ledger.history('email', '+14155550204')).toEqual([]);
    expect(await ledger.history('sms', '+14155550299')).toEqual([]);
  });

  it('refuses an entry with no address for its channel', async () => {
    const nowhere = consent('no-address', { channel: 'email', phone: '+14155550205' });
    await expect(ledger.append(nowhere)).rejects.toBeInstanceOf(ConsentAddressMissingError);
  });
});
