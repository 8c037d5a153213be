import { describe, expect, it } from 'vitest';
import { eligibleTouches } from '../../../shared/attribution/attribute.js';
import type { Outcome, Touch } from '../../../shared/attribution/model.js';
import { type AttributionRules, parseAttributionRules } from '../../../shared/attribution/rules.js';
import { DAY, daysBefore, HOUR, MINUTE, outcome, RULES, T0, touch } from './builders.js';

const ids = (found: Touch[]) => found.map((t) => t.touchEventId);
const eligibleIds = (
  o: Outcome,
  touches: Touch[],
  rules: AttributionRules = RULES,
  map?: Map<string, string>,
) => ids(eligibleTouches(o, touches, rules, map));

describe('Function: eligibleTouches — windows', () => {
  it('keeps a touch exactly at the window start and drops one a millisecond earlier', () => {
    // Prepare: opportunity_created has a 30-day window, both ends included.
    const o = outcome({ outcomeType: 'opportunity_created' });
    const onEdge = touch({ touchEventId: 'evt_edge', at: T0 - 30 * DAY });
    const outside = touch({ touchEventId: 'evt_out', at: T0 - 30 * DAY - 1 });
    // Act / Assess
    expect(eligibleIds(o, [onEdge, outside])).toEqual(['evt_edge']);
  });

  it('keeps a touch at the outcome’s own millisecond and never one after it', () => {
    const same = touch({ touchEventId: 'evt_same', at: T0 });
    const after = touch({ touchEventId: 'evt_after', at: T0 + 1 });
    const dayAfter = touch({ touchEventId: 'evt_next_day', at: T0 + DAY });
    expect(eligibleIds(outcome(), [same, after, dayAfter])).toEqual(['evt_same']);
  });

  it.each([
    // order: 7 days after a click or a reply, 1 day after a send
    ['click', 7 * DAY, true],
    ['click', 7 * DAY + 1, false],
    ['reply', 7 * DAY, true],
    ['send', 1 * DAY, true],
    ['send', 1 * DAY + 1, false],
    ['send', 3 * DAY, false],
  ] as const)('credits an order with a %s made %d ms before it: %s', (kind, ageMs, counts) => {
    const o = outcome({ outcomeType: 'order' });
    const t = touch({ kind, at: T0 - ageMs, messageId: 'SM1' });
    expect(eligibleTouches(o, [t], RULES)).toHaveLength(counts ? 1 : 0);
  });

  it('uses each outcome type’s own window', () => {
    // 20 days before: inside closed_won (90) and opportunity_created (30), outside stage_changed (14).
    const t = touch({ at: daysBefore(20) });
    expect(eligibleTouches(outcome({ outcomeType: 'closed_won' }), [t], RULES)).toHaveLength(1);
    expect(eligibleTouches(outcome({ outcomeType: 'opportunity_created' }), [t], RULES)).toHaveLength(1);
    expect(eligibleTouches(outcome({ outcomeType: 'stage_changed' }), [t], RULES)).toHaveLength(0);
  });

  it('ignores bot clicks', () => {
    const human = touch({ touchEventId: 'evt_human', kind: 'click', messageId: 'SM1', bot: false });
    const bot = touch({ touchEventId: 'evt_bot', kind: 'click', messageId: 'SM2', bot: true });
    expect(eligibleIds(outcome(), [human, bot])).toEqual(['evt_human']);
  });

  it('finds nothing for an outcome whose contact has no touches', () => {
    expect(eligibleTouches(outcome({ contactId: 'c-unknown' }), [touch()], RULES)).toEqual([]);
    expect(eligibleTouches(outcome({ contactId: null }), [touch()], RULES)).toEqual([]);
  });
});

describe('Function: eligibleTouches — dedupe', () => {
  it('counts repeated clicks on one message once, the first', () => {
    const first = touch({ touchEventId: 'evt_c1', kind: 'click', messageId: 'SM1', at: daysBefore(10) });
    const again = touch({ touchEventId: 'evt_c2', kind: 'click', messageId: 'SM1', at: daysBefore(5) });
    const other = touch({ touchEventId: 'evt_c3', kind: 'click', messageId: 'SM2', at: daysBefore(3) });
    expect(eligibleIds(outcome(), [again, other, first])).toEqual(['evt_c1', 'evt_c3']);
  });

  it('counts a repeated click when the message’s first click is outside the window', () => {
    // order window for clicks: 7 days. The 10-day-old click is out, so the 5-day-old one is the first.
    const old = touch({ touchEventId: 'evt_old', kind: 'click', messageId: 'SM1', at: daysBefore(10) });
    const recent = touch({ touchEventId: 'evt_recent', kind: 'click', messageId: 'SM1', at: daysBefore(5) });
    expect(eligibleIds(outcome({ outcomeType: 'order' }), [old, recent])).toEqual(['evt_recent']);
  });

  it('drops a repeated click when the first click is exactly at the window start', () => {
    // order: the first click is exactly 7 days before, so it is in the window and the repeat is not counted.
    const edge = touch({ touchEventId: 'evt_edge', kind: 'click', messageId: 'SM1', at: T0 - 7 * DAY });
    const repeat = touch({ touchEventId: 'evt_repeat', kind: 'click', messageId: 'SM1', at: daysBefore(2) });
    expect(eligibleIds(outcome({ outcomeType: 'order' }), [edge, repeat])).toEqual(['evt_edge']);
  });

  it('dedupes repeated clicks of a contact with many touches', () => {
    // 100 touches of one contact (a long history takes the hash-map path of the index).
    const sends = Array.from({ length: 97 }, (_, i) =>
      touch({ touchEventId: `evt_s${i}`, at: daysBefore(60) + i * HOUR }),
    );
    const clicks = [50, 40, 30].map((d, i) =>
      touch({
        touchEventId: `evt_k${i}`,
        kind: 'click',
        messageId: i === 1 ? 'SM2' : 'SM1',
        at: daysBefore(d),
      }),
    );
    const found = eligibleIds(outcome(), [...clicks, ...sends]).filter((id) => id.startsWith('evt_k'));
    expect(found).toEqual(['evt_k0', 'evt_k1']);
  });

  it('keeps every click when the rule is off, and clicks without a message id always', () => {
    const noRule = parseAttributionRules({
      ...RULES,
      dedupe: { ...RULES.dedupe, firstClickPerMessage: false },
    });
    const a = touch({ touchEventId: 'evt_a', kind: 'click', messageId: 'SM1', at: daysBefore(3) });
    const b = touch({ touchEventId: 'evt_b', kind: 'click', messageId: 'SM1', at: daysBefore(2) });
    const c = touch({ touchEventId: 'evt_c', kind: 'click', at: daysBefore(2) });
    const d = touch({ touchEventId: 'evt_d', kind: 'click', at: daysBefore(1) });
    expect(eligibleIds(outcome(), [a, b], noRule)).toEqual(['evt_a', 'evt_b']);
    expect(eligibleIds(outcome(), [c, d])).toEqual(['evt_c', 'evt_d']);
  });

  it('counts a campaign’s send, click and reply within 24 h once, at the send', () => {
    const campaign = { campaignId: 'spring' };
    const send = touch({ ...campaign, touchEventId: 'evt_send', kind: 'send', at: daysBefore(3) });
    const click = touch({
      ...campaign,
      touchEventId: 'evt_click',
      kind: 'click',
      messageId: 'SM1',
      at: send.at + 2 * HOUR,
    });
    const reply = touch({ ...campaign, touchEventId: 'evt_reply', kind: 'reply', at: send.at + 23 * HOUR });
    expect(eligibleIds(outcome(), [reply, click, send])).toEqual(['evt_send']);
  });

  it('counts a campaign touch again from exactly 24 h after the previous one', () => {
    const campaign = { campaignId: 'spring' };
    const first = touch({ ...campaign, touchEventId: 'evt_1', at: daysBefore(5) });
    const second = touch({ ...campaign, touchEventId: 'evt_2', at: first.at + 24 * HOUR });
    const third = touch({ ...campaign, touchEventId: 'evt_3', at: second.at + 24 * HOUR - 1 });
    expect(eligibleIds(outcome(), [first, second, third])).toEqual(['evt_1', 'evt_2']);
  });

  it('measures the 24 h from the previous touch, so a run of close touches counts once', () => {
    // 0 h, 20 h, 40 h: each is under 24 h after the one before, so only the first counts.
    const campaign = { campaignId: 'drip' };
    const at = daysBefore(6);
    const run = [0, 20, 40].map((h) => touch({ ...campaign, touchEventId: `evt_h${h}`, at: at + h * HOUR }));
    expect(eligibleIds(outcome(), run)).toEqual(['evt_h0']);
  });

  it('keys flow touches by workflow step, and different campaigns apart', () => {
    const at = daysBefore(2);
    const step0 = touch({ touchEventId: 'evt_s0', workflowId: 'onboarding', step: 0, at });
    const step0Again = touch({ touchEventId: 'evt_s0b', workflowId: 'onboarding', step: 0, at: at + HOUR });
    const step1 = touch({ touchEventId: 'evt_s1', workflowId: 'onboarding', step: 1, at: at + 2 * HOUR });
    const otherCampaign = touch({ touchEventId: 'evt_x', campaignId: 'spring', at: at + 3 * HOUR });
    const sameNameCampaign = touch({ touchEventId: 'evt_y', campaignId: 'onboarding', at: at + 4 * HOUR });
    expect(eligibleIds(outcome(), [step0, step0Again, step1, otherCampaign, sameNameCampaign])).toEqual([
      'evt_s0',
      'evt_s1',
      'evt_x',
      'evt_y',
    ]);
  });

  it('turns campaign dedupe off with a gap of 0 hours', () => {
    const noGap = parseAttributionRules({ ...RULES, dedupe: { ...RULES.dedupe, campaignGapHours: 0 } });
    const a = touch({ touchEventId: 'evt_a', campaignId: 'spring', at: daysBefore(2) });
    const b = touch({ touchEventId: 'evt_b', campaignId: 'spring', at: daysBefore(2) + MINUTE });
    expect(eligibleIds(outcome(), [a, b], noGap)).toEqual(['evt_a', 'evt_b']);
  });

  it('applies the campaign gap only among touches in the window', () => {
    // order: the send 30 h before is outside the 1-day send window, so the click 20 h before counts.
    const campaign = { campaignId: 'flash' };
    const send = touch({ ...campaign, touchEventId: 'evt_send', kind: 'send', at: T0 - 30 * HOUR });
    const click = touch({
      ...campaign,
      touchEventId: 'evt_click',
      kind: 'click',
      messageId: 'SM1',
      at: T0 - 20 * HOUR,
    });
    expect(eligibleIds(outcome({ outcomeType: 'order' }), [send, click])).toEqual(['evt_click']);
  });
});

describe('Function: eligibleTouches — order and scope', () => {
  it('orders touches with the same time by touch event id', () => {
    const at = daysBefore(4);
    const b = touch({ touchEventId: 'evt_b', at });
    const a = touch({ touchEventId: 'evt_a', at });
    const earlier = touch({ touchEventId: 'evt_z', at: at - 1 });
    expect(eligibleIds(outcome(), [b, a, earlier])).toEqual(['evt_z', 'evt_a', 'evt_b']);
  });

  it('gives a contact-level outcome only its own contact’s touches', () => {
    const mine = touch({ touchEventId: 'evt_mine', contactId: 'c1', accountId: 'acme' });
    const colleague = touch({ touchEventId: 'evt_colleague', contactId: 'c2', accountId: 'acme' });
    expect(eligibleIds(outcome(), [mine, colleague])).toEqual(['evt_mine']);
  });

  it('fans an account-level outcome in over every contact of the account', () => {
    // c1 and c2 are at acme through the CRM map; c3 is at globex; c4 carries acme on the touch itself.
    const map = new Map([
      ['c1', 'acme'],
      ['c2', 'acme'],
      ['c3', 'globex'],
    ]);
    const touches = [
      touch({ touchEventId: 'evt_c1', contactId: 'c1', at: daysBefore(9) }),
      touch({ touchEventId: 'evt_c2', contactId: 'c2', at: daysBefore(8) }),
      touch({ touchEventId: 'evt_c3', contactId: 'c3', at: daysBefore(7) }),
      touch({ touchEventId: 'evt_c4', contactId: 'c4', accountId: 'acme', at: daysBefore(6) }),
      touch({ touchEventId: 'evt_noone', contactId: null, accountId: 'acme', at: daysBefore(5) }),
    ];
    const deal = outcome({ level: 'account', accountId: 'acme', contactId: null });
    expect(eligibleIds(deal, touches, RULES, map)).toEqual(['evt_c1', 'evt_c2', 'evt_c4', 'evt_noone']);
  });

  it('takes the account on the touch over the CRM map', () => {
    const map = new Map([['c1', 'globex']]);
    const t = touch({ touchEventId: 'evt_1', contactId: 'c1', accountId: 'acme' });
    expect(eligibleIds(outcome({ level: 'account', accountId: 'acme' }), [t], RULES, map)).toEqual(['evt_1']);
    expect(eligibleIds(outcome({ level: 'account', accountId: 'globex' }), [t], RULES, map)).toEqual([]);
  });

  it('finds the account of an account-level outcome through its contact, and falls back to the contact without one', () => {
    const map = new Map([
      ['c1', 'acme'],
      ['c2', 'acme'],
    ]);
    const touches = [
      touch({ touchEventId: 'evt_c1', contactId: 'c1' }),
      touch({ touchEventId: 'evt_c2', contactId: 'c2' }),
    ];
    const viaContact = outcome({ level: 'account', contactId: 'c2', accountId: null });
    expect(eligibleIds(viaContact, touches, RULES, map)).toEqual(['evt_c1', 'evt_c2']);
    expect(eligibleIds(viaContact, touches, RULES, new Map())).toEqual(['evt_c2']);
  });

  it('counts a campaign blast to several contacts of an account once for an account-level outcome', () => {
    const map = new Map([
      ['c1', 'acme'],
      ['c2', 'acme'],
    ]);
    const at = daysBefore(3);
    const toC1 = touch({ touchEventId: 'evt_to_c1', contactId: 'c1', campaignId: 'launch', at });
    const toC2 = touch({ touchEventId: 'evt_to_c2', contactId: 'c2', campaignId: 'launch', at });
    const deal = outcome({ level: 'account', accountId: 'acme' });
    expect(eligibleIds(deal, [toC2, toC1], RULES, map)).toEqual(['evt_to_c1']);
    // Contact level: each contact's own touch counts for its own outcome.
    expect(eligibleIds(outcome({ contactId: 'c2' }), [toC2, toC1], RULES, map)).toEqual(['evt_to_c2']);
  });

  it('treats clicks of two contacts on messages with the same id as different messages', () => {
    const map = new Map([
      ['c1', 'acme'],
      ['c2', 'acme'],
    ]);
    const a = touch({
      touchEventId: 'evt_a',
      contactId: 'c1',
      kind: 'click',
      messageId: 'shared',
      at: daysBefore(3),
    });
    const b = touch({
      touchEventId: 'evt_b',
      contactId: 'c2',
      kind: 'click',
      messageId: 'shared',
      at: daysBefore(2),
    });
    expect(eligibleIds(outcome({ level: 'account', accountId: 'acme' }), [a, b], RULES, map)).toEqual([
      'evt_a',
      'evt_b',
    ]);
  });

  it('does not let a contact’s click under another account hide a click on the same message', () => {
    // c1 maps to acme, but its first click carries globex on the touch itself: for acme the
    // second click is the first on the message; for globex the first click is the only one.
    const map = new Map([['c1', 'acme']]);
    const underGlobex = touch({
      touchEventId: 'evt_g',
      kind: 'click',
      messageId: 'SM1',
      accountId: 'globex',
      at: daysBefore(3),
    });
    const underAcme = touch({ touchEventId: 'evt_a', kind: 'click', messageId: 'SM1', at: daysBefore(2) });
    const acme = outcome({ level: 'account', accountId: 'acme' });
    const globex = outcome({ level: 'account', accountId: 'globex' });
    expect(eligibleIds(acme, [underGlobex, underAcme], RULES, map)).toEqual(['evt_a']);
    expect(eligibleIds(globex, [underGlobex, underAcme], RULES, map)).toEqual(['evt_g']);
    // Contact level: both are c1's clicks on SM1, so only the first counts.
    expect(eligibleIds(outcome(), [underGlobex, underAcme], RULES, map)).toEqual(['evt_g']);
  });

  it('ignores touches with neither a contact nor an account', () => {
    const lost = touch({ contactId: null, accountId: null, phoneHash: 'ab12' });
    expect(eligibleTouches(outcome(), [lost], RULES)).toEqual([]);
  });
});
