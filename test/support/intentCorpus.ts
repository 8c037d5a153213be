import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Intent, IntentSchema } from '../../events/intent.js';
import { BlockerReasonSchema, type IntentClassification } from '../../shared/intent/intentRules.js';

/**
 * The labelled reply corpus (test/fixtures/intents/corpus.jsonl, guide in its README): loading,
 * the hash that fixed each item's split before any rule was tuned, and scoring a classifier.
 */
export const CORPUS_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'intents',
  'corpus.jsonl',
);

export const CorpusItemSchema = z
  .object({
    id: z.string().regex(/^(en|es)-[a-z]+-\d{2}$/),
    text: z.string(),
    intent: IntentSchema,
    reason: BlockerReasonSchema.optional(),
    language: z.enum(['en', 'es']),
    split: z.enum(['tune', 'holdout']),
  })
  .strict()
  .refine((item) => (item.intent === 'purchase_blocker') === (item.reason !== undefined), {
    message: 'a reason is given for purchase_blocker and only for it',
  });
export type CorpusItem = z.infer<typeof CorpusItemSchema>;
export type Split = CorpusItem['split'];

/**
 * The split an id belongs to: the first 32 bits of SHA-256("intent-corpus/v1:" + id), even ->
 * tune, odd -> holdout. Fixed by the id alone, so no item can be moved after seeing results.
 */
export function corpusSplit(id: string): Split {
  const digest = createHash('sha256').update(`intent-corpus/v1:${id}`).digest();
  return digest.readUInt32BE(0) % 2 === 0 ? 'tune' : 'holdout';
}

export function loadIntentCorpus(path = CORPUS_PATH): CorpusItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => CorpusItemSchema.parse(JSON.parse(line)));
}

export interface IntentScore {
  intent: Intent;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  items: number;
  /** Intent right, and for purchase_blocker the reason right too. */
  accuracy: number;
  /** Intent right, reason ignored. */
  intentAccuracy: number;
  /** Among purchase_blocker items classified purchase_blocker: reason right. */
  reasonAccuracy: number;
  languageAccuracy: number;
  perIntent: IntentScore[];
  /** confusion[expected][predicted] = count. */
  confusion: Record<Intent, Record<Intent, number>>;
  errors: { id: string; text: string; expected: string; predicted: string; matched: string[] }[];
}

const label = (intent: Intent, reason?: string) => (reason ? `${intent}:${reason}` : intent);
const ratio = (num: number, den: number) => (den === 0 ? 0 : Math.round((num / den) * 10_000) / 10_000);

/** Scores a classifier over corpus items by running it on each text. */
export function evaluateIntents(
  items: readonly CorpusItem[],
  classify: (text: string) => IntentClassification,
): Evaluation {
  const intents = IntentSchema.options;
  const confusion = Object.fromEntries(
    intents.map((expected) => [expected, Object.fromEntries(intents.map((p) => [p, 0]))]),
  ) as Evaluation['confusion'];
  let exact = 0;
  let intentRight = 0;
  let languageRight = 0;
  let blockersFound = 0;
  let reasonsRight = 0;
  const errors: Evaluation['errors'] = [];
  for (const item of items) {
    const result = classify(item.text);
    confusion[item.intent][result.intent] += 1;
    if (result.language === item.language) languageRight += 1;
    if (result.intent !== item.intent) {
      errors.push({ ...pick(item), predicted: label(result.intent, result.reason), matched: result.matched });
      continue;
    }
    intentRight += 1;
    if (item.intent === 'purchase_blocker') {
      blockersFound += 1;
      if (result.reason !== item.reason) {
        errors.push({
          ...pick(item),
          predicted: label(result.intent, result.reason),
          matched: result.matched,
        });
        continue;
      }
      reasonsRight += 1;
    }
    exact += 1;
  }
  const perIntent = intents.map((intent): IntentScore => {
    const support = intents.reduce((sum, p) => sum + confusion[intent][p], 0);
    const predicted = intents.reduce((sum, e) => sum + confusion[e][intent], 0);
    const truePositives = confusion[intent][intent];
    const precision = ratio(truePositives, predicted);
    const recall = ratio(truePositives, support);
    const f1 = precision + recall === 0 ? 0 : ratio(2 * precision * recall, precision + recall);
    return { intent, support, predicted, precision, recall, f1 };
  });
  return {
    items: items.length,
    accuracy: ratio(exact, items.length),
    intentAccuracy: ratio(intentRight, items.length),
    reasonAccuracy: ratio(reasonsRight, blockersFound),
    languageAccuracy: ratio(languageRight, items.length),
    perIntent,
    confusion,
    errors,
  };
}

function pick(item: CorpusItem) {
  return { id: item.id, text: item.text, expected: label(item.intent, item.reason) };
}
