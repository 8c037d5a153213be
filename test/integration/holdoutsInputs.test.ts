import { afterAll, describe, expect, it } from 'vitest';
import { armOf, readHoldoutFacts } from '../../shared/incrementality/job/lakeInputs.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { eventsTable } from '../../shared/lake/tables/events.js';
import { pipelineOutcomesTable } from '../../shared/lake/tables/pipeline_outcomes.js';
import { sendDecisionsTable } from '../../shared/lake/tables/send_decisions.js';
import { writeByDay } from '../support/holdoutLake.js';
import { tempLakeDir } from '../support/lakeReader.js';
import { lakeRow } from '../support/lakeRow.js';

/** What the holdouts job reads from a real lake: arms, identities, margins, signals, segments. */
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

const T = Date.parse('2026-10-05T15:00:00Z');
const RANGE = {
  fromDt: '2026-09-01',
  outcomesFromDt: '2026-06-01',
  toDt: '2026-10-31',
  currency: 'USD',
  defaultGrossMargin: 0.5,
};

describe('Function: armOf', () => {
  it.each([
    ['allow', null, 'treatment'],
    ['allow', 'vendor_rejected', 'treatment'],
    ['defer', 'quiet_hours', 'treatment'],
    ['suppress', 'cap', 'treatment'],
    ['suppress', 'collision', 'treatment'],
    ['suppress', 'holdout', 'holdout'],
    // Consent is checked before the holdout: such a contact is in neither arm.
    ['suppress', 'consent', null],
    ['suppress', 'invalid_number', null],
  ])('%s/%s -> %s', (decision, reason, arm) => {
    expect(armOf(decision, reason)).toBe(arm);
  });
});

describe('Function: readHoldoutFacts', () => {
  it('reads arms, resolves phone-only members to CRM contacts, takes margins from order events', async () => {
    // Prepare
    const dir = tempLakeDir('holdouts-inputs-');
    dirs.push(dir);
    const store = new LocalObjectStore(dir.dir);
    const decision = (i: number, values: Record<string, unknown>) => ({
      at: T + i * 60_000,
      row: lakeRow(sendDecisionsTable, {
        event_id: `evt_d${i}`,
        decided_at: new Date(T + i * 60_000),
        program_id: 'demo',
        kind: 'flow',
        workflow_id: 'onboarding',
        channel: 'sms',
        ...values,
      }),
    });
    await writeByDay(store, sendDecisionsTable, [
      decision(0, { decision: 'allow', contact_id: 'c1' }),
      decision(1, { decision: 'suppress', reason: 'holdout', phone_hash: 'ph2' }),
      decision(2, { decision: 'suppress', reason: 'consent', contact_id: 'c3' }),
    ]);
    const event = (id: string, type: string, values: Record<string, unknown>) => ({
      at: T,
      row: lakeRow(eventsTable, {
        event_id: id,
        type,
        v: 1,
        source: 'test',
        vendor_ref: id,
        occurred_at: new Date(T + 3_600_000),
        received_at: new Date(T + 3_600_000),
        ...values,
      }),
    });
    await writeByDay(store, eventsTable, [
      event('evt_crm', 'crm.contact.upserted', { contact_id: 'c2', phone_hash: 'ph2', account_id: 'a2' }),
      event('evt_acct', 'crm.account.upserted', { account_id: 'a2', attributes: '{"tier":"enterprise"}' }),
      event('evt_order', 'order.placed', {
        contact_id: 'c1',
        attributes: '{"marginMinor":400,"discountMinor":50}',
      }),
      event('evt_click', 'message.clicked', { phone_hash: 'ph2', attributes: '{"bot":false}' }),
      event('evt_bot', 'message.clicked', { contact_id: 'c1', attributes: '{"bot":true}' }),
      event('evt_stop', 'consent.changed', { contact_id: 'c1', attributes: '{"status":"opted_out"}' }),
      event('evt_intent', 'intent.detected', { phone_hash: 'ph2', attributes: '{"intent":"pricing"}' }),
    ]);
    const outcome = (id: string, contact: string, type: string, amount: number | null, currency = 'USD') => ({
      at: T,
      row: lakeRow(pipelineOutcomesTable, {
        outcome_id: id,
        outcome_type: type,
        source_event_type: 'x',
        source: 'test',
        occurred_at: new Date(T + 7_200_000),
        contact_id: contact,
        level: 'contact',
        amount_minor: amount === null ? null : BigInt(amount),
        currency: amount === null ? null : currency,
        rules_version: 'rules-2026.1',
      }),
    });
    await writeByDay(store, pipelineOutcomesTable, [
      outcome('evt_order', 'c1', 'order', 1000),
      outcome('evt_won', 'c2', 'closed_won', 3000),
      outcome('evt_eur', 'c2', 'order', 999, 'EUR'),
    ]);

    // Act
    const facts = await readHoldoutFacts(store, RANGE);

    // Assess
    expect(facts.exposures.map((e) => [e.memberKey, e.arm])).toEqual([
      ['c1', 'treatment'],
      ['c2', 'holdout'],
    ]);
    const profit = Object.fromEntries(facts.outcomes.map((o) => [`${o.memberKey}:${o.type}`, o.profitMinor]));
    // Order: margin 400 − discount 50; the won deal has no margin: 3000 x 0.5.
    expect(profit['c1:order']).toBe(350);
    expect(profit['c2:closed_won']).toBe(1500);
    expect(facts.signals.map((s) => [s.memberKey, s.kind]).sort()).toEqual([
      ['c1', 'opt_out'],
      ['c2', 'engaged'],
    ]);
    // No exchange rates configured: the EUR order is left out and counted.
    expect(facts.skippedCurrency).toBe(1);
    expect(facts.outcomes).toHaveLength(2);
    expect(facts.tierOf.get('c2')).toBe('enterprise');
    expect(facts.intentsOf.get('c2')?.map((i) => i.intent)).toEqual(['pricing']);
  });
});
