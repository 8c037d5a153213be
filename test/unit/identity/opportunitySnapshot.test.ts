import { describe, expect, it } from 'vitest';
import {
  mergeOpportunitySnapshot,
  type OpportunitySnapshot,
  opportunityOwners,
} from '../../../shared/identity/contactProfile.js';

const deal = (fields: Partial<OpportunitySnapshot>): OpportunitySnapshot => ({
  opportunityId: 'opp-1',
  closed: false,
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...fields,
});

describe('mergeOpportunitySnapshot', () => {
  it('takes the newer facts over the stored ones', () => {
    const merged = mergeOpportunitySnapshot(
      deal({ stage: 'qualified', amountMinor: 100 }),
      deal({ stage: 'proposal', updatedAt: '2026-11-21T10:00:00.000Z' }),
    );
    expect(merged).toEqual(
      deal({ stage: 'proposal', amountMinor: 100, updatedAt: '2026-11-21T10:00:00.000Z' }),
    );
  });

  it('keeps the stored snapshot when a late, older change arrives', () => {
    const stored = deal({ stage: 'proposal', updatedAt: '2026-11-21T10:00:00.000Z' });
    expect(mergeOpportunitySnapshot(stored, deal({ stage: 'qualified' }))).toBeUndefined();
  });

  it('never reopens a closed deal', () => {
    const merged = mergeOpportunitySnapshot(
      deal({ closed: true }),
      deal({ stage: 'negotiation', updatedAt: '2026-11-22T00:00:00.000Z' }),
    );
    expect(merged?.closed).toBe(true);
  });

  it('files a deal under its contact and its account', () => {
    expect(opportunityOwners(deal({ contactId: 'c1', accountId: 'a1' }))).toEqual([
      'CONTACT#c1',
      'ACCOUNT#a1',
    ]);
    expect(opportunityOwners(deal({ accountId: 'a1' }))).toEqual(['ACCOUNT#a1']);
  });
});
