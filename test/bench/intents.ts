// npx tsx test/bench/intents.ts: intent classifier quality on the labelled corpus, and its speed.
// One JSON document on stdout. Also exported as benchIntents() for test/bench/run.ts.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { classifyConsentMessage } from '../../shared/consent/keywords.js';
import {
  classifyIntent,
  DEFAULT_INTENT_RULES,
  type IntentClassification,
} from '../../shared/intent/intentRules.js';
import { MAX_RULE_CHARS } from '../../shared/intent/textForm.js';
import { type Evaluation, evaluateIntents, loadIntentCorpus } from '../support/intentCorpus.js';
import { round } from './measure.js';

export interface IntentBenchBudget {
  /** Time spent classifying the corpus over and over before measuring (JIT, rule compilation). */
  warmupMs: number;
  /** Time spent classifying the corpus in a tight loop for throughput. */
  measureMs: number;
  /** Passes over the corpus timing each message, for the latency percentiles. */
  latencyPasses: number;
}

const DEFAULT_BUDGET: IntentBenchBudget = { warmupMs: 500, measureMs: 1000, latencyPasses: 20 };

/** Hostile shapes of the longest text the rules read and beyond: what an attacker could send. */
const HOSTILE = {
  'letters 10k': 'a'.repeat(10_000),
  'terms 10k': 'can we talk tomorrow about the price? '.repeat(264),
  'emoji 10k': '👍😡'.repeat(2_500),
  'typos 10k': 'pricng meating tommorow interesed '.repeat(300),
  'one-letter questions 10k': 'x?'.repeat(5_000),
};

/** Throughput in a tight loop, then per-message latency percentiles, for one way of classifying. */
function measureSpeed(run: (i: number) => IntentClassification, count: number, budget: IntentBenchBudget) {
  let sink = 0;
  const loop = (ms: number) => {
    const start = performance.now();
    let messages = 0;
    while (performance.now() - start < ms) {
      for (let i = 0; i < count; i += 1) sink += run(i).confidence;
      messages += count;
    }
    return { messages, elapsedMs: performance.now() - start };
  };
  loop(budget.warmupMs);
  const throughput = loop(budget.measureMs);
  const latenciesUs: number[] = [];
  for (let pass = 0; pass < budget.latencyPasses; pass += 1) {
    for (let i = 0; i < count; i += 1) {
      const start = performance.now();
      sink += run(i).confidence;
      latenciesUs.push((performance.now() - start) * 1000);
    }
  }
  latenciesUs.sort((a, b) => a - b);
  if (Number.isNaN(sink)) throw new Error('a classification had no confidence');
  return {
    throughputMsgsPerSec: Math.round((throughput.messages / throughput.elapsedMs) * 1000),
    latencyUs: {
      p50: round(percentile(latenciesUs, 50), 1),
      p99: round(percentile(latenciesUs, 99), 1),
      max: round(latenciesUs.at(-1) ?? 0, 1),
      samples: latenciesUs.length,
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

function splitReport(evaluation: Evaluation) {
  const { errors, ...rest } = evaluation;
  return { ...rest, errorCount: errors.length, errors };
}

export function benchIntents(budget: IntentBenchBudget = DEFAULT_BUDGET) {
  const corpus = loadIntentCorpus();
  const tune = corpus.filter((item) => item.split === 'tune');
  const holdout = corpus.filter((item) => item.split === 'holdout');
  const classify = (text: string) => classifyIntent(text, DEFAULT_INTENT_RULES);
  const texts = corpus.map((item) => item.text);
  // The processor records consent first and hands the ledger's answer over: rules run alone.
  const consents = texts.map((text) => classifyConsentMessage(text));
  const modes = {
    endToEnd: (i: number) => classifyIntent(texts[i]!, DEFAULT_INTENT_RULES),
    ledgerAnswerGiven: (i: number) =>
      classifyIntent(texts[i]!, DEFAULT_INTENT_RULES, { consent: consents[i]! }),
  };
  const speed = Object.fromEntries(
    Object.entries(modes).map(([mode, run]) => [mode, measureSpeed(run, texts.length, budget)]),
  );

  const hostile = Object.entries(HOSTILE).map(([name, text]) => {
    const worst = (run: () => unknown) => {
      let max = 0;
      for (let i = 0; i < 5; i += 1) {
        const start = performance.now();
        run();
        max = Math.max(max, performance.now() - start);
      }
      return round(max, 2);
    };
    return {
      name,
      chars: text.length,
      endToEndMaxMs: worst(() => classifyIntent(text)),
      ledgerOnlyMaxMs: worst(() => classifyConsentMessage(text)),
      ledgerAnswerGivenMaxMs: worst(() =>
        classifyIntent(text, DEFAULT_INTENT_RULES, { consent: { action: 'none' } }),
      ),
    };
  });

  return {
    corpus: {
      items: corpus.length,
      tune: tune.length,
      holdout: holdout.length,
      spanishShare: round(corpus.filter((item) => item.language === 'es').length / corpus.length, 3),
    },
    accuracy: {
      tune: evaluateIntents(tune, classify).accuracy,
      holdout: evaluateIntents(holdout, classify).accuracy,
      definition: 'intent right, and for purchase_blocker the reason right too',
    },
    holdout: splitReport(evaluateIntents(holdout, classify)),
    tune: { errors: evaluateIntents(tune, classify).errors },
    speed: {
      measured:
        'one thread, every corpus text in turn; endToEnd = consent ledger + rules, ledgerAnswerGiven = rules with the ledger answer passed in (as the processor does)',
      ...speed,
      maxRuleChars: MAX_RULE_CHARS,
      hostile,
    },
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) process.stdout.write(`${JSON.stringify(benchIntents(), null, 2)}\n`);
