import { describe, expect, it } from 'vitest';
import { generateWorld, outcomeFor, TruthLedger } from '../../../shared/sim/index.js';

const world = generateWorld({ seed: 'ledger-1', contacts: 40, days: 10, start: '2026-10-01' });
const cart = world.members['cart-recovery']!.map((i) => world.contacts[i]!);

describe('Class: TruthLedger', () => {
  it('counts sends per workflow, step and variant, and clickers once per contact', () => {
    const ledger = new TruthLedger(world);
    const [a, b] = cart as [(typeof cart)[0], (typeof cart)[0]];
    const key = (contact: typeof a, step: number) => ({
      journeyId: 'cart-recovery',
      step,
      variant: contact.variant,
      contactIndex: contact.index,
    });

    // a: two sends, both delivered, clicks twice (one clicker); b: held out twice.
    ledger.count(key(a, 0), { kind: 'sent' });
    ledger.count(key(a, 1), { kind: 'sent' });
    ledger.count(key(a, 0), { kind: 'delivered' });
    ledger.count(key(a, 1), { kind: 'delivered' });
    ledger.count(key(a, 0), { kind: 'humanClick' });
    ledger.count(key(a, 1), { kind: 'humanClick' });
    ledger.count(key(a, 1), { kind: 'botClick' });
    ledger.count(key(a, 1), { kind: 'optOut' });
    ledger.count(key(b, 0), { kind: 'suppressed', reason: 'holdout' });
    ledger.count(key(b, 1), { kind: 'suppressed', reason: 'holdout' });
    const truth = ledger.toJSON('test').workflows['cart-recovery']!;

    expect(truth).toMatchObject({
      sends: 2,
      deliveries: 2,
      humanClicks: 2,
      uniqueHumanClickers: 1,
      botClicks: 1,
      optOuts: 1,
      treated: 1,
      holdout: 1,
      suppressed: { holdout: 2 },
      trueConversionLift: 0.06,
      outcomeType: 'order.placed',
    });
    expect(truth.steps['0']).toMatchObject({ sends: 1, uniqueHumanClickers: 1, botClicks: 0, holdout: 1 });
    expect(truth.steps['1']).toMatchObject({ sends: 1, uniqueHumanClickers: 1, botClicks: 1, optOuts: 1 });
    expect(ledger.toJSON('test').totals.sends).toBe(2);
  });

  it('adds realized conversions to the arm of the first exposure only', () => {
    const ledger = new TruthLedger(world);
    let expected = 0;
    for (const contact of cart) {
      // A far-future exposure never realizes; an exposure at the start may.
      const outcome = outcomeFor(world, contact, 'treated', world.start);
      if (outcome.realized) expected += 1;
      ledger.outcome({ journeyId: 'cart-recovery', variant: contact.variant }, outcome);
      ledger.outcome(
        { journeyId: 'cart-recovery', variant: contact.variant },
        outcomeFor(world, contact, 'holdout', world.end + 1),
      );
    }
    const arms = ledger.toJSON('test').workflows['cart-recovery']!.arms;

    expect(arms.treated.contacts).toBe(cart.length);
    expect(arms.treated.conversions).toBe(expected);
    expect(arms.holdout.contacts).toBe(cart.length);
    expect(arms.holdout.conversions).toBe(0);
  });
});
