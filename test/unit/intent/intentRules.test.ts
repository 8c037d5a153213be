import { describe, expect, it } from 'vitest';
import {
  classifyIntent,
  DEFAULT_INTENT_RULES,
  type IntentRules,
  IntentRulesSchema,
} from '../../../shared/intent/intentRules.js';

/** A fresh, editable copy of the default rules. */
const defaults = (): IntentRules => structuredClone(DEFAULT_INTENT_RULES);

describe('Schema: IntentRulesSchema', () => {
  it('accepts the default rules as they are', () => {
    expect(IntentRulesSchema.parse(defaults())).toEqual(DEFAULT_INTENT_RULES);
  });

  it('rejects two intents with the same precedence, since a conflict must resolve one way', () => {
    // Prepare
    const rules = defaults();
    rules.intents.positive.precedence = rules.intents.negative.precedence;

    // Act
    const result = IntentRulesSchema.safeParse(rules);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['intents', 'positive', 'precedence']);
  });

  it('rejects a pattern that is not a regular expression', () => {
    const rules = defaults();
    rules.intents.pricing.en.patterns.push('(unclosed');
    expect(IntentRulesSchema.safeParse(rules).success).toBe(false);
  });

  it('rejects opt-out rules: opt-out belongs to the consent ledger', () => {
    const rules = { ...defaults(), intents: { ...defaults().intents, opt_out: defaults().intents.negative } };
    expect(IntentRulesSchema.safeParse(rules).success).toBe(false);
  });

  it('rejects a blocker reason listed twice', () => {
    const rules = defaults();
    rules.intents.purchase_blocker.reasons.push(structuredClone(rules.intents.purchase_blocker.reasons[0]!));
    expect(IntentRulesSchema.safeParse(rules).success).toBe(false);
  });

  it.each([
    ['confidence above 1', (r: IntentRules) => Object.assign(r.intents.help, { confidence: 1.2 })],
    ['an unknown term kind', (r: IntentRules) => Object.assign(r.intents.help.en, { synonyms: ['x'] })],
    ['an unknown intent', (r: IntentRules) => Object.assign(r.intents, { gossip: r.intents.help })],
  ])('rejects %s', (_, change) => {
    const rules = defaults();
    change(rules);
    expect(IntentRulesSchema.safeParse(rules).success).toBe(false);
  });
});

describe('Function: classifyIntent with configured rules', () => {
  it('follows a configured precedence', () => {
    // Prepare: pricing above purchase_blocker
    const rules = defaults();
    rules.intents.pricing.precedence = 75;

    // Act + Assess
    expect(classifyIntent('How much is shipping to Texas?').intent).toBe('purchase_blocker');
    expect(classifyIntent('How much is shipping to Texas?', IntentRulesSchema.parse(rules)).intent).toBe(
      'pricing',
    );
  });

  it('learns a configured phrase, keyword and pattern, written with accents and capitals', () => {
    const rules = defaults();
    rules.intents.meeting_request.es.phrases.push('¿Nos TOMAMOS un café?');
    rules.intents.pricing.en.keywords.push('Tarif');
    rules.intents.wrong_number.en.patterns.push('\\bnot (?:my|our) (?:kid|son|daughter)\\b');
    const configured = IntentRulesSchema.parse(rules);

    expect(classifyIntent('nos tomamos un cafe el viernes', configured).intent).toBe('meeting_request');
    expect(classifyIntent('tarif?', configured).intent).toBe('pricing');
    expect(classifyIntent('That is not my kid lol', configured).intent).toBe('wrong_number');
    expect(classifyIntent('nos tomamos un cafe el viernes').intent).not.toBe('meeting_request');
  });

  it('corrects typos only for words at least typos.minLength long', () => {
    const strict = defaults();
    strict.typos.minLength = 8;
    expect(classifyIntent('pricng', IntentRulesSchema.parse(strict)).intent).toBe('other');
    expect(classifyIntent('pricng').intent).toBe('pricing');
  });

  it('never corrects a word listed in typos.neverCorrect', () => {
    const rules = defaults();
    rules.typos.neverCorrect.push('pricng');
    expect(classifyIntent('pricng', IntentRulesSchema.parse(rules)).intent).toBe('other');
  });

  it("takes a negation into account only for negatable intents ('don't call me')", () => {
    const rules = defaults();
    rules.intents.meeting_request.negatable = false;
    rules.intents.negative.en.phrases = rules.intents.negative.en.phrases.filter((p) => p !== 'dont call');
    expect(classifyIntent("Don't call me", IntentRulesSchema.parse(rules)).intent).toBe('meeting_request');
    expect(classifyIntent("Don't call me").intent).toBe('negative');
  });
});
