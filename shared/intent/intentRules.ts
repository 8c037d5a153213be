import { z } from 'zod';
import type { Intent } from '../../events/intent.js';
import type { Program } from '../config/programConfig.js';
import { type ConsentClassification, classifyConsentMessage } from '../consent/keywords.js';
import { compileIntentRules, matchIntent } from './compiledRules.js';
import { DEFAULT_INTENT_RULES_INPUT } from './defaultIntentRules.js';
import { detectLanguage, MAX_RULE_CHARS, tokenize } from './textForm.js';

/**
 * Config-driven intent rules for inbound replies.
 *
 * Each rule intent has terms per language, a `precedence` (higher wins when several intents
 * match one message) and a `confidence` (what a full-strength match is worth). Two intents are
 * not rules here, on purpose:
 * - `opt_out` and keyword `help` come from the consent ledger (`classifyConsentMessage`), the
 *   legal authority, and are decided before any rule. Routing can then never call a message an
 *   opt-out the ledger did not honour, nor miss one it did. Rule `help` only adds bare requests
 *   for help ("I need help", "ayuda por favor") that are not the HELP keyword.
 * - `other` is what a message is when nothing matched.
 *
 * Default precedence, and why:
 * wrong_number > complaint > ready_to_buy > meeting_request > purchase_blocker > pricing > help >
 * question > negative > positive. A wrong number makes every other signal moot (it is not our
 * contact) and needs the CRM fixed; a complaint must reach a person before any selling; a buyer
 * outranks a meeting ("I'm ready to sign, call me") because it is the hotter step; a meeting
 * outranks the topic it is about ("can we talk about price tomorrow?"); a specific blocker
 * ("how much is shipping?") outranks a general price question because it names what stops the
 * sale; an explicit call for help outranks a generic question; any question outranks a reaction
 * ("not sure, what does it include?"); and a decline outranks politeness ("thanks but no thanks").
 *
 * One intent of the ten, as it appears under `intents`:
 * @example {"pricing":{"precedence":60,"confidence":0.87,"en":{"phrases":["how much","price list"],"keywords":["price","$"],"patterns":["\\bwhat (?:does|would) it cost\\b"]},"es":{"phrases":["¿cuánto cuesta?"],"keywords":["precio"]}}}
 */

export const BLOCKER_REASONS = ['size', 'shipping', 'availability', 'price'] as const;
export const BlockerReasonSchema = z.enum(BLOCKER_REASONS);
export type BlockerReason = z.infer<typeof BlockerReasonSchema>;
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const RegexSourceSchema = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression (u flag)' },
);

/**
 * What one language says for an intent. Terms are compared in rule form (lower case, no accents,
 * no apostrophes, see `textForm.ts`), so they may be written naturally ("¿cuánto cuesta?").
 */
export const TermsSchema = z
  .object({
    /** Word sequences matched whole, on word boundaries, within one clause. */
    phrases: z.array(z.string().min(1)).default([]),
    /** Single words or emoji; a slightly weaker signal than a phrase. */
    keywords: z.array(z.string().min(1)).default([]),
    /** Regular expressions over the rule form (tokens separated by single spaces, "." and "?" kept). */
    patterns: z.array(RegexSourceSchema).default([]),
  })
  .strict();
export type Terms = z.infer<typeof TermsSchema>;

const emptyTerms = { phrases: [], keywords: [], patterns: [] };
const byLanguage = { en: TermsSchema.default(emptyTerms), es: TermsSchema.default(emptyTerms) };

const RuleBase = {
  precedence: z.number().int().min(1).max(1000),
  confidence: z.number().gt(0).max(1),
  /** Whether "not", "don't", "never", "no" just before a term cancels it ("don't call me"). */
  negatable: z.boolean().default(false),
};

export const RuleIntentSchema = z.object({ ...RuleBase, ...byLanguage }).strict();
export type RuleIntent = z.infer<typeof RuleIntentSchema>;

/** A purchase blocker names its reason; reasons are tried in the order listed. */
export const BlockerIntentSchema = z
  .object({
    ...RuleBase,
    reasons: z
      .array(z.object({ reason: BlockerReasonSchema, ...byLanguage }).strict())
      .min(1)
      .refine((reasons) => new Set(reasons.map((r) => r.reason)).size === reasons.length, {
        message: 'each reason may be listed once',
      }),
  })
  .strict();

export const RULE_INTENTS = [
  'wrong_number',
  'complaint',
  'ready_to_buy',
  'meeting_request',
  'purchase_blocker',
  'pricing',
  'help',
  'question',
  'negative',
  'positive',
] as const satisfies readonly Intent[];
export type RuleIntentName = (typeof RULE_INTENTS)[number];

export const IntentRulesSchema = z
  .object({
    version: z.literal(1),
    /** Confidence of the consent ledger's answers (opt_out, keyword help), by how it recognised them. */
    consentLedger: z
      .object({ keyword: z.number().gt(0).max(1), plainLanguage: z.number().gt(0).max(1) })
      .default({ keyword: 0.99, plainLanguage: 0.95 }),
    intents: z
      .object({
        wrong_number: RuleIntentSchema,
        complaint: RuleIntentSchema,
        ready_to_buy: RuleIntentSchema,
        meeting_request: RuleIntentSchema,
        purchase_blocker: BlockerIntentSchema,
        pricing: RuleIntentSchema,
        help: RuleIntentSchema,
        question: RuleIntentSchema,
        negative: RuleIntentSchema,
        positive: RuleIntentSchema,
      })
      .strict(),
    other: z.object({ confidence: z.number().gt(0).max(1) }).default({ confidence: 0.5 }),
    typos: z
      .object({
        /** Words this long or longer may be matched with one letter added, dropped, changed or swapped. */
        minLength: z.number().int().min(3).default(5),
        /** Real words that look like a typo of a rule word and must stay as written. */
        neverCorrect: z.array(z.string().min(1)).default([]),
      })
      .default({ minLength: 5, neverCorrect: [] }),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const seen = new Map<number, string>();
    for (const name of RULE_INTENTS) {
      const { precedence } = rules.intents[name];
      const other = seen.get(precedence);
      if (other)
        ctx.addIssue({
          code: 'custom',
          path: ['intents', name, 'precedence'],
          message: `precedence ${precedence} is also ${other}'s: conflicts must resolve one way`,
        });
      seen.set(precedence, name);
    }
  });
export type IntentRules = z.infer<typeof IntentRulesSchema>;

/** Our tuned rules (tuned on the corpus' tune split only; see test/fixtures/intents/README.md). */
export const DEFAULT_INTENT_RULES: IntentRules = IntentRulesSchema.parse(DEFAULT_INTENT_RULES_INPUT);

export interface IntentClassification {
  intent: Intent;
  /** 0..1: the intent's configured confidence, scaled by how strong and how contested the match was. */
  confidence: number;
  /** Set for `purchase_blocker` only. */
  reason?: BlockerReason;
  language: Language;
  /** The rule terms (or consent ledger decision) behind the intent, for people reading an alert. */
  matched: string[];
}

export interface ClassifyOptions {
  /** The program's own consent keywords, as the consent ledger is given them for this message. */
  program?: Pick<Program, 'keywords'>;
  /**
   * The consent ledger's answer for this very message when the caller already has it (the
   * processor records consent first): used as is, so the two agree by construction and the
   * ledger's phrase matching is not run twice.
   */
  consent?: ConsentClassification;
}

/**
 * The intent of an inbound reply. Pure: no clock, no I/O. The consent ledger decides opt-out and
 * the HELP keyword first; rules decide the rest, on at most `MAX_RULE_CHARS` characters.
 */
export function classifyIntent(
  text: string,
  rules: IntentRules = DEFAULT_INTENT_RULES,
  options: ClassifyOptions = {},
): IntentClassification {
  // The ledger reads the whole text, exactly as it does when it records consent; it bounds itself.
  const consent = options.consent ?? classifyConsentMessage(text, options.program);
  const bounded = text.length > MAX_RULE_CHARS ? text.slice(0, MAX_RULE_CHARS) : text;
  if (consent.action === 'opt_out' || consent.action === 'help') {
    const method = consent.method ?? 'keyword';
    return {
      intent: consent.action,
      confidence: method === 'keyword' ? rules.consentLedger.keyword : rules.consentLedger.plainLanguage,
      language: detectLanguage(bounded, tokenize(bounded)),
      matched: [`consent:${consent.keyword ?? method}`],
    };
  }
  return matchIntent(compileIntentRules(rules), bounded);
}
