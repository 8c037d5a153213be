import { describe, expect, it } from 'vitest';
import { outcomeFlags } from '../../../shared/attribution/attribute.js';
import { DAY, daysBefore, outcome, RULES, T0, touch } from './builders.js';

const acme = new Map([
  ['c1', 'acme'],
  ['c2', 'acme'],
]);
const deal = (opportunityDays: number | null) =>
  outcome({
    level: 'account',
    accountId: 'acme',
    milestones: opportunityDays === null ? null : { opportunityCreatedAt: daysBefore(opportunityDays) },
  });

describe('Function: outcomeFlags', () => {
  it('marks a won deal sourced when a touch precedes the opportunity’s creation within 30 days', () => {
    // Opportunity created 40 d before the win; c2 was texted 55 d before (15 d before creation).
    const before = touch({ touchEventId: 'evt_before', contactId: 'c2', at: daysBefore(55) });
    const [flags] = outcomeFlags([deal(40)], [before], RULES, acme);
    expect(flags).toEqual({
      outcomeId: 'o1',
      outcomeType: 'closed_won',
      influenced: true,
      eligibleTouches: 1,
      sourced: true,
      sourcingTouchEventId: 'evt_before',
      rulesVersion: 'rules-2026.1',
    });
  });

  it('marks a deal influenced but not sourced when every touch came after the opportunity existed', () => {
    const after = touch({ contactId: 'c1', at: daysBefore(10) });
    const [flags] = outcomeFlags([deal(40)], [after], RULES, acme);
    expect(flags).toMatchObject({ influenced: true, sourced: false, sourcingTouchEventId: null });
  });

  it('marks a deal sourced but not influenced when the sourcing touch is outside the win’s window', () => {
    // Opportunity created 100 d before the win; touch 110 d before: in the 30-day creation window,
    // outside the 90-day closed_won window.
    const early = touch({ touchEventId: 'evt_early', contactId: 'c1', at: daysBefore(110) });
    const [flags] = outcomeFlags([deal(100)], [early], RULES, acme);
    expect(flags).toMatchObject({
      influenced: false,
      eligibleTouches: 0,
      sourced: true,
      sourcingTouchEventId: 'evt_early',
    });
  });

  it('includes a touch exactly 30 days before creation and at the creation millisecond, not one ms either side', () => {
    const created = daysBefore(40);
    const flagsFor = (at: number) =>
      outcomeFlags([deal(40)], [touch({ contactId: 'c1', at })], RULES, acme)[0]!.sourced;
    expect(flagsFor(created - 30 * DAY)).toBe(true);
    expect(flagsFor(created)).toBe(true);
    expect(flagsFor(created - 30 * DAY - 1)).toBe(false);
    expect(flagsFor(created + 1)).toBe(false);
  });

  it('reports sourced as unknown (null) without an opportunity creation time', () => {
    const [flags] = outcomeFlags([deal(null)], [touch({ contactId: 'c1' })], RULES, acme);
    expect(flags).toMatchObject({ influenced: true, sourced: null, sourcingTouchEventId: null });
  });

  it('makes sourced equal influenced for opportunity_created outcomes (the outcome is the creation)', () => {
    const created = outcome({ outcomeType: 'opportunity_created', level: 'account', accountId: 'acme' });
    const touched = outcomeFlags([created], [touch({ contactId: 'c2', at: daysBefore(3) })], RULES, acme)[0]!;
    const untouched = outcomeFlags([created], [touch({ contactId: 'c2', at: T0 + DAY })], RULES, acme)[0]!;
    expect([touched.influenced, touched.sourced]).toEqual([true, true]);
    expect([untouched.influenced, untouched.sourced]).toEqual([false, false]);
  });

  it('counts eligible touches after dedupe and ignores bots for both flags', () => {
    const send = touch({ campaignId: 'spring', contactId: 'c1', at: daysBefore(50) });
    const click = touch({
      campaignId: 'spring',
      contactId: 'c1',
      kind: 'click',
      messageId: 'SM1',
      at: send.at + 60_000,
    });
    const bot = touch({ contactId: 'c2', kind: 'click', messageId: 'SM2', bot: true, at: daysBefore(5) });
    const [flags] = outcomeFlags([deal(40)], [send, click, bot], RULES, acme);
    expect(flags).toMatchObject({
      influenced: true,
      eligibleTouches: 1,
      sourced: true,
      sourcingTouchEventId: send.touchEventId,
    });
  });

  it('returns flags sorted by outcome id', () => {
    const ids = outcomeFlags([outcome({ outcomeId: 'b' }), outcome({ outcomeId: 'a' })], [], RULES).map(
      (f) => f.outcomeId,
    );
    expect(ids).toEqual(['a', 'b']);
  });
});
