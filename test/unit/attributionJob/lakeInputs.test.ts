import { describe, expect, it } from 'vitest';
import { HistoryReader, isBotClick, jsonScalar } from '../../../shared/attribution/job/lakeInputs.js';
import { planAttribution } from '../../../shared/attribution/job/plan.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';
import type { ColumnBatch } from '../../../shared/lake/lakeColumns.js';

const T = Date.parse('2026-11-25T12:00:00Z');
const plan = planAttribution(
  DEFAULT_ATTRIBUTION_RULES,
  { from: '2026-11-25', to: '2026-11-25' },
  new Date(T),
);

/** One row group of `events` rows, the columns the history pass reads (nulls where absent). */
function batch(rows: Record<string, unknown>[], dt = '2026-11-25'): ColumnBatch {
  return {
    dt,
    length: rows.length,
    column: (name) => rows.map((row) => row[name] ?? null),
  };
}

let serial = 0;
const row = (type: string, fields: Record<string, unknown> = {}) => {
  serial += 1;
  return {
    event_id: `evt_${String(serial).padStart(32, '0')}`,
    type,
    source: 'hubspot',
    occurred_at: T,
    attributes: '{}',
    ...fields,
  };
};

describe('Function: jsonScalar', () => {
  it.each([
    [{ a: 'text' }, 'text'],
    [{ a: 12345678901 }, '12345678901'],
    [{ a: true }, 'true'],
    [{ a: null }, null],
    [{ a: { nested: 1 } }, null],
    [{ b: 1 }, null],
  ])('reads %j as Athena json_extract_scalar does: %j', (attributes, expected) => {
    expect(jsonScalar(attributes, 'a')).toBe(expected);
  });
});

describe('Function: isBotClick', () => {
  it.each([
    ['{"bot":true,"botReason":"prefetch"}', true],
    ['{"bot":"true"}', true],
    ['{"bot":false,"destination":"https://x.example/?trusted=true"}', false],
    ['{"utm":{"bot":true}}', false],
    ['{}', false],
    [null, false],
  ])('%s -> %s', (attributes, expected) => {
    expect(isBotClick(attributes)).toBe(expected);
  });
});

describe('Class: HistoryReader', () => {
  it('gives a phone hash to the contact of its latest upsert, the event id breaking a tie in time', () => {
    // Prepare: c1 then c2 name the phone; c3 and c4 name another at the same instant.
    const reader = new HistoryReader(plan);
    const tieA = row('crm.contact.upserted', { contact_id: 'c3', phone_hash: 'p2', event_id: 'evt_b' });
    const tieB = row('crm.contact.upserted', { contact_id: 'c4', phone_hash: 'p2', event_id: 'evt_a' });

    // Act
    reader.add(
      batch([
        row('crm.contact.upserted', { contact_id: 'c2', phone_hash: 'p1', occurred_at: T - 1000 }),
        row('crm.contact.upserted', { contact_id: 'c1', phone_hash: 'p1', occurred_at: T - 2000 }),
        tieA,
        tieB,
        row('crm.contact.upserted', { contact_id: 'c1', account_id: 'acme', occurred_at: T - 5000 }),
        row('crm.contact.upserted', { contact_id: 'c1', occurred_at: T }), // names no account: keeps acme
      ]),
    );
    const { identity } = reader.finish();

    // Assess
    expect(identity.contactOf(null, 'p1', null)).toBe('c2');
    expect(identity.contactOf(null, 'p2', null)).toBe('c3');
    expect(identity.contactOf('own', 'p1', null)).toBe('own');
    expect(identity.contactOf(null, 'unknown', null)).toBeNull();
    expect(identity.contactAccounts.get('c1')).toBe('acme');
  });

  it('keeps the run’s outcomes: won deals only, expansions by their ARR delta, no amount without currency', () => {
    const reader = new HistoryReader(plan);
    const won = row('opportunity.closed', {
      account_id: 'acme',
      amount_minor: 500_000,
      currency: 'EUR',
      attributes: '{"opportunityId":"o1","outcome":"won","stage":"Closed Won"}',
    });
    const lost = row('opportunity.closed', { attributes: '{"opportunityId":"o2","outcome":"lost"}' });
    const expanded = row('subscription.expanded', {
      account_id: 'acme',
      amount_minor: 9_000_000,
      currency: 'USD',
      attributes: '{"subscriptionId":"s1","deltaArrMinor":-250000}',
    });
    const noCurrency = row('order.placed', { contact_id: 'c1', amount_minor: 100 });
    const yesterday = row('order.placed', {
      contact_id: 'c1',
      occurred_at: T - 86_400_000,
      amount_minor: 1,
      currency: 'USD',
    });

    reader.add(
      batch([
        row('opportunity.created', {
          occurred_at: T - 40 * 86_400_000,
          attributes: '{"opportunityId":"o1"}',
        }),
        row('lead.qualified', { contact_id: 'c1', occurred_at: T - 10 * 86_400_000 }),
        won,
        lost,
        expanded,
        noCurrency,
        yesterday,
      ]),
    );
    const { outcomes } = reader.finish();

    expect(outcomes.map((o) => [o.outcomeId, o.outcomeType, o.amountMinor, o.currency])).toEqual([
      [won.event_id, 'closed_won', 500_000, 'EUR'],
      [expanded.event_id, 'expansion', -250_000, 'USD'],
      [noCurrency.event_id, 'order', null, null],
    ]);
    expect(outcomes[0]).toMatchObject({
      level: 'account',
      accountId: 'acme',
      opportunityId: 'o1',
      toStage: 'Closed Won',
      milestones: { opportunityCreatedAt: T - 40 * 86_400_000, leadCreatedAt: null },
    });
    expect(outcomes[2]).toMatchObject({
      level: 'contact',
      contactId: 'c1',
      leadCreatedAt: T - 10 * 86_400_000,
    });
  });

  it('looks for outcomes from the partition before the first day, for vendor clocks ahead of ours', () => {
    const reader = new HistoryReader(plan);
    const early = row('order.placed', { contact_id: 'c1', amount_minor: 1, currency: 'USD' });
    const older = row('order.placed', { contact_id: 'c1', amount_minor: 2, currency: 'USD' });

    reader.add(batch([early], '2026-11-24'));
    reader.add(batch([older], '2026-11-23'));

    expect(reader.finish().outcomes.map((o) => o.outcomeId)).toEqual([early.event_id]);
  });
});
