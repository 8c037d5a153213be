import { describe, expect, it } from 'vitest';
import { IntentSchema } from '../../../events/intent.js';
import { BLOCKER_REASONS, classifyIntent } from '../../../shared/intent/intentRules.js';
import { corpusSplit, evaluateIntents, loadIntentCorpus } from '../../support/intentCorpus.js';

const corpus = loadIntentCorpus();
const holdout = corpus.filter((item) => item.split === 'holdout');
const tune = corpus.filter((item) => item.split === 'tune');
const classify = (text: string) => classifyIntent(text);

describe('Fixture: intent corpus', () => {
  it('has at least 320 items with unique ids', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(320);
    expect(new Set(corpus.map((item) => item.id)).size).toBe(corpus.length);
  });

  it('is at least a quarter Spanish', () => {
    expect(corpus.filter((item) => item.language === 'es').length / corpus.length).toBeGreaterThanOrEqual(
      0.25,
    );
  });

  it('keeps every item in the split its id hashes to (nobody moved items)', () => {
    const moved = corpus.filter((item) => item.split !== corpusSplit(item.id)).map((item) => item.id);
    expect(moved).toEqual([]);
  });

  it('splits about half and half', () => {
    expect(tune.length / corpus.length).toBeGreaterThan(0.4);
    expect(tune.length / corpus.length).toBeLessThan(0.6);
  });

  it('covers every intent and blocker reason in both splits and both languages', () => {
    const labels = [
      ...IntentSchema.options.filter((intent) => intent !== 'purchase_blocker'),
      ...BLOCKER_REASONS.map((reason) => `purchase_blocker:${reason}`),
    ];
    const missing = labels.flatMap((label) =>
      (['tune', 'holdout'] as const).flatMap((split) =>
        (['en', 'es'] as const)
          .filter(
            (language) =>
              !corpus.some(
                (item) =>
                  item.split === split &&
                  item.language === language &&
                  (item.reason ? `${item.intent}:${item.reason}` : item.intent) === label,
              ),
          )
          .map((language) => `${label} ${split} ${language}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});

describe('Function: classifyIntent on the labelled corpus', () => {
  it('scores at least 0.90 on the held-out split', () => {
    // Act
    const evaluation = evaluateIntents(holdout, classify);

    // Assess: the errors are printed by the bench (npx tsx test/bench/intents.ts)
    expect(evaluation.items).toBe(holdout.length);
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('recalls at least 0.75 of every intent on the held-out split', () => {
    const weak = evaluateIntents(holdout, classify)
      .perIntent.filter((score) => score.support > 0 && score.recall < 0.75)
      .map((score) => `${score.intent}: ${score.recall}`);
    expect(weak).toEqual([]);
  });

  it('names the language of at least 0.95 of held-out replies', () => {
    expect(evaluateIntents(holdout, classify).languageAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('Function: evaluateIntents', () => {
  it('scores from the classifier it is given, reason included', () => {
    // Prepare: a classifier that always says purchase_blocker/price
    const items = corpus.filter((item) => item.intent === 'purchase_blocker');
    const alwaysPrice = () => ({
      intent: 'purchase_blocker' as const,
      reason: 'price' as const,
      confidence: 1,
      language: 'en' as const,
      matched: [],
    });

    // Act
    const evaluation = evaluateIntents(items, alwaysPrice);

    // Assess
    const priceShare = items.filter((item) => item.reason === 'price').length / items.length;
    expect(evaluation.intentAccuracy).toBe(1);
    expect(evaluation.accuracy).toBeCloseTo(priceShare, 3);
    expect(evaluation.confusion.purchase_blocker.purchase_blocker).toBe(items.length);
  });
});
