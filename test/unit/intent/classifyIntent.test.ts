import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../events/intent.js';
import { classifyConsentMessage } from '../../../shared/consent/keywords.js';
import { type BlockerReason, classifyIntent } from '../../../shared/intent/intentRules.js';
import { MAX_RULE_CHARS } from '../../../shared/intent/textForm.js';
import { loadIntentCorpus } from '../../support/intentCorpus.js';

type Case = [text: string, intent: Intent, reason?: BlockerReason];

const expectIntent = (text: string, intent: Intent, reason?: BlockerReason) => {
  const result = classifyIntent(text);
  expect({ intent: result.intent, reason: result.reason }).toEqual({ intent, reason });
};

/** Consent already decided as "none": the rules alone, without the ledger's cost. */
const rulesOnly = { consent: { action: 'none' as const } };

describe('Function: classifyIntent', () => {
  describe('recognises each intent', () => {
    it.each<Case>([
      ['Can we hop on a call Thursday?', 'meeting_request'],
      ['llámenme el lunes por favor', 'meeting_request'],
      ['whats the monthly price for 5 users', 'pricing'],
      ['¿Cuánto cuesta el plan básico?', 'pricing'],
      ["Great, I'll take two. How do I pay?", 'ready_to_buy'],
      ['Quiero comprar el sillón azul', 'ready_to_buy'],
      ['Do these come in a size 14?', 'purchase_blocker', 'size'],
      ['¿Tienen talla XL?', 'purchase_blocker', 'size'],
      ['Do you ship to Alaska?', 'purchase_blocker', 'shipping'],
      ['¿Cuánto tarda el envío a Texas?', 'purchase_blocker', 'shipping'],
      ['When will the navy one be back in stock?', 'purchase_blocker', 'availability'],
      ['¿Está agotado el modelo negro?', 'purchase_blocker', 'availability'],
      ['Way too expensive for us', 'purchase_blocker', 'price'],
      ['Está carísimo', 'purchase_blocker', 'price'],
      ['Where is your store?', 'question'],
      ['¿Dónde queda la tienda?', 'question'],
      ['Sounds great, thanks!', 'positive'],
      ['Perfecto 👍', 'positive'],
      ['No thanks, not interested', 'negative'],
      ['No gracias, ahora no', 'negative'],
      ['The box arrived damaged and nobody answers the phone', 'complaint'],
      ['Pésimo servicio, sigo esperando mi pedido', 'complaint'],
      ['You have the wrong number', 'wrong_number'],
      ['Número equivocado', 'wrong_number'],
      ['STOP', 'opt_out'],
      ['no me manden más mensajes', 'opt_out'],
      ['HELP', 'help'],
      ['necesito ayuda', 'help'],
      ['Sent from my iPhone', 'other'],
      ['Estoy manejando', 'other'],
    ])('%j -> %s %s', expectIntent);
  });

  describe('tolerates case, punctuation, emoji, accents and misspellings', () => {
    it.each<Case>([
      ['CAN WE MEET TOMORROW???', 'meeting_request'],
      ['can we meet tomorrow', 'meeting_request'],
      ['lets do a call tommorow', 'meeting_request'],
      ['can we set up a meating', 'meeting_request'],
      ['pricng?', 'pricing'],
      ['cuanto cuesta', 'pricing'],
      ['CUÁNTO CUESTA', 'pricing'],
      ['precio', 'pricing'],
      ['very interesed!!', 'positive'],
      ['yessss', 'positive'],
      ['👍', 'positive'],
      ['👍🏽', 'positive'],
      ['❤️', 'positive'],
      ['👎', 'negative'],
      ['😡', 'complaint'],
      ['🤬🤬', 'complaint'],
      ['wrong numbr', 'wrong_number'],
      ['numero equivocado', 'wrong_number'],
      ['ayudaaa', 'help'],
      ['Liked “Stop by our store tomorrow!”', 'positive'],
      ['Questioned “Your order has shipped”', 'question'],
    ])('%j -> %s %s', expectIntent);

    it('does not "correct" a real word into a rule word that differs in its first letter', () => {
      // "missed" is one letter from "pissed" (a complaint term), "canada" from "danada".
      expectIntent('Missed your call, call me back', 'meeting_request');
      expectIntent('Do you ship to Canada?', 'purchase_blocker', 'shipping');
    });
  });

  describe('resolves conflicts by precedence', () => {
    it.each<Case>([
      ['Wrong number, and this is ridiculous', 'wrong_number'],
      ['Ready to buy but your checkout page is broken', 'complaint'],
      ["I'm ready to sign, can we call tomorrow to finalize?", 'ready_to_buy'],
      ['Can we talk tomorrow about the price?', 'meeting_request'],
      ['How much is shipping?', 'purchase_blocker', 'shipping'],
      ['Is the XL in stock?', 'purchase_blocker', 'size'],
      ['Interested but too expensive', 'purchase_blocker', 'price'],
      ['Can you help me with the pricing?', 'pricing'],
      ['I need help, what are your hours?', 'help'],
      ['Not sure, what does it include?', 'question'],
      ['Thanks but no thanks', 'negative'],
      ['Stop texting me! 😡 This is ridiculous', 'opt_out'],
    ])('%j -> %s %s', expectIntent);
  });

  describe('hard negatives', () => {
    it.each<Case>([
      ['stop by tomorrow', 'meeting_request'],
      ['Can I stop by Saturday?', 'meeting_request'],
      ['no problem', 'positive'],
      ['no worries!', 'positive'],
      ['not now', 'negative'],
      ["I'm good", 'negative'],
      ['is it available in XL?', 'purchase_blocker', 'size'],
      ["What's the price for the XL?", 'pricing'],
      ["Don't call me", 'negative'],
      ["I don't want to buy it", 'negative'],
      ['no me interesa', 'negative'],
      ['stop texting me so late', 'complaint'],
      ['Does it come in green?', 'purchase_blocker', 'availability'],
      ['Does it come in a medium?', 'purchase_blocker', 'size'],
      ["I'm not interested", 'negative'],
      ["I'm not Jessica", 'wrong_number'],
      ['Thanks for the help!', 'positive'],
    ])('%j -> %s %s', expectIntent);
  });

  describe('language', () => {
    it.each<[string, 'en' | 'es']>([
      ['Can we talk tomorrow?', 'en'],
      ['¿Podemos hablar mañana?', 'es'],
      ['podemos hablar manana', 'es'],
      ['Sí', 'es'],
      ['BAJA', 'es'],
      ['👍', 'en'],
      ['', 'en'],
    ])('%j is %s', (text, language) => {
      expect(classifyIntent(text).language).toBe(language);
    });
  });

  describe('takes opt-out and HELP from the consent ledger', () => {
    const extra = [
      'stop',
      'Stop texting me so late',
      'please stop',
      'STOP 🙏',
      'remove me',
      'Cancel my order please',
      'no more deals?',
      'info',
      'help me',
      'stop by tomorrow',
      'no me escriban antes de las 9',
      'Alto',
    ];

    it('agrees with classifyConsentMessage on every corpus text and on edge cases', () => {
      // Prepare
      const texts = [...loadIntentCorpus().map((item) => item.text), ...extra];

      // Act
      const disagreements = texts.filter((text) => {
        const ledger = classifyConsentMessage(text).action;
        const intent = classifyIntent(text).intent;
        const ledgerSays = ledger === 'opt_out' || ledger === 'help' ? ledger : undefined;
        return intent === 'opt_out'
          ? ledger !== 'opt_out'
          : ledgerSays !== undefined && intent !== ledgerSays;
      });

      // Assess
      expect(disagreements).toEqual([]);
    });

    it("passes the program's own keywords to the ledger", () => {
      const program = { keywords: { optOut: ['SALIR'], optIn: [], help: ['SOCORRO'] } };
      expect(classifyIntent('Salir', undefined, { program }).intent).toBe('opt_out');
      expect(classifyIntent('Salir').intent).not.toBe('opt_out');
      expect(classifyIntent('socorro!', undefined, { program })).toMatchObject({
        intent: 'help',
        matched: ['consent:SOCORRO'],
      });
    });

    it("uses the ledger's answer when the caller already has it", () => {
      const consent = { action: 'opt_out' as const, method: 'plain_language' as const };
      expect(classifyIntent('Can we talk tomorrow?', undefined, { consent })).toMatchObject({
        intent: 'opt_out',
        confidence: 0.95,
        matched: ['consent:plain_language'],
      });
      expect(classifyIntent('STOP', undefined, rulesOnly).intent).not.toBe('opt_out');
    });
  });

  describe('confidence and matched terms', () => {
    it('keeps confidence within 0..1 and names what matched, for every corpus text', () => {
      for (const { text } of loadIntentCorpus()) {
        const result = classifyIntent(text);
        expect(result.confidence).toBeGreaterThan(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        if (result.intent !== 'other') expect(result.matched.length).toBeGreaterThan(0);
      }
    });

    it('trusts a phrase more than a keyword, and either more than a typo-corrected match', () => {
      const phrase = classifyIntent('how much').confidence;
      const keyword = classifyIntent('$').confidence;
      const corrected = classifyIntent('pricng').confidence;
      expect(phrase).toBeGreaterThan(keyword);
      expect(classifyIntent('price').confidence).toBeGreaterThan(corrected);
    });

    it('lowers confidence when another intent also matched', () => {
      const alone = classifyIntent('Can we talk tomorrow');
      const contested = classifyIntent('Can we talk tomorrow about the price');
      expect(contested.intent).toBe('meeting_request');
      expect(contested.confidence).toBeLessThan(alone.confidence);
    });

    it('reports the terms of the winning intent only', () => {
      expect(classifyIntent('no problem, see you tomorrow').matched).toEqual(['see you']);
    });

    it('gives other with its configured confidence when nothing matched', () => {
      expect(classifyIntent('Sent from my iPhone')).toEqual({
        intent: 'other',
        confidence: 0.5,
        language: 'en',
        matched: [],
      });
    });
  });

  describe('bounded on hostile input', () => {
    const hostile = {
      letters: 'a'.repeat(10_000),
      terms: 'can we talk tomorrow about the price? '.repeat(264),
      emoji: '👍😡'.repeat(2_500),
      typos: 'pricng meating tommorow interesed '.repeat(300),
      questions: 'x?'.repeat(5_000),
      'stop words': 'no '.repeat(3_400),
      accents: 'ñá'.repeat(5_000),
    };

    it.each(Object.entries(hostile))('classifies 10k characters of %s in well under 50 ms', (_, text) => {
      classifyIntent(text, undefined, rulesOnly); // compile and warm up
      const start = performance.now();
      const result = classifyIntent(text, undefined, rulesOnly);
      expect(performance.now() - start).toBeLessThan(50);
      expect(result.confidence).toBeLessThanOrEqual(1);
    });

    it(`reads only the first ${MAX_RULE_CHARS} characters for rules`, () => {
      const padding = 'a '.repeat(MAX_RULE_CHARS / 2);
      expect(classifyIntent(`${padding} can we talk tomorrow?`).intent).toBe('other');
      expect(classifyIntent(`can we talk tomorrow? ${padding}`).intent).toBe('meeting_request');
    });

    it('still lets the ledger read the whole text (an opt-out at the end of a long text counts)', () => {
      expect(classifyIntent(`${'blah '.repeat(500)}. Stop texting me.`).intent).toBe('opt_out');
    });
  });
});
