import type {
  BlockerReason,
  IntentClassification,
  IntentRules,
  Language,
  RuleIntentName,
  Terms,
} from './intentRules.js';
import { CLAUSE, detectLanguage, isWord, QUESTION, tokenize } from './textForm.js';

/**
 * Intent rules compiled once per rules object: phrases and keywords indexed by their first token,
 * the configured patterns, and a typo index over the rule vocabulary. Matching a message is then
 * one pass over its tokens, a few map lookups per token, and one scan per pattern.
 */

type Kind = 'phrase' | 'keyword' | 'pattern';

interface Group {
  intent: RuleIntentName;
  reason?: BlockerReason;
  /** Position of the reason in the blocker's list: lower is tried first. */
  reasonRank: number;
  language: Language;
  precedence: number;
  confidence: number;
  negatable: boolean;
  patterns: { source: string; regex: RegExp }[];
}

/** A phrase or keyword, indexed by its first token. */
interface Term {
  group: Group;
  term: string;
  tokens: string[];
  kind: 'phrase' | 'keyword';
}

export interface CompiledIntentRules {
  groups: Group[];
  /** First token -> the phrases and keywords starting with it. */
  terms: Map<string, Term[]>;
  vocabulary: Set<string>;
  /** Symmetric-delete index: a word and each of its one-letter deletions -> rule words. */
  typoIndex: Map<string, string[]>;
  neverCorrect: Set<string>;
  typoMinLength: number;
  otherConfidence: number;
}

interface Match {
  group: Group;
  term: string;
  kind: Kind;
  /** Token span [start, end). */
  start: number;
  end: number;
  corrected: boolean;
}

/** How much a match of each kind is worth, relative to the intent's confidence. */
const KIND_WEIGHT: Record<Kind, number> = { phrase: 1, pattern: 1, keyword: 0.85 };
const CORRECTED_WEIGHT = 0.9;
const SUPPORT_BONUS = 0.03;
const CONTESTED_WEIGHT = 0.85;
const NEGATORS = new Set('not dont never didnt doesnt isnt wasnt arent wont no nunca ni tampoco'.split(' '));
/** How many words before a term a negator still applies to ("don't ever call me"). */
const NEGATION_WINDOW = 2;
/** Longer tokens are not typo-corrected (no word in the rules is this long; bounds the work). */
const MAX_TYPO_LENGTH = 24;

/** A term in rule form; punctuation around it ("¿nos vemos?") is how it was written, not what to match. */
function ruleForm(term: string): string {
  const tokens = tokenize(term);
  const isMark = (token: string | undefined) => token === CLAUSE || token === QUESTION;
  while (tokens.length > 1 && isMark(tokens[0])) tokens.shift();
  while (tokens.length > 1 && isMark(tokens.at(-1))) tokens.pop();
  return tokens.join(' ');
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** One letter added, dropped, changed, or two neighbours swapped. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const cache = new WeakMap<IntentRules, CompiledIntentRules>();

export function compileIntentRules(rules: IntentRules): CompiledIntentRules {
  const cached = cache.get(rules);
  if (cached) return cached;
  const compiled: CompiledIntentRules = {
    groups: [],
    terms: new Map(),
    vocabulary: new Set(),
    typoIndex: new Map(),
    neverCorrect: new Set(rules.typos.neverCorrect.map(ruleForm)),
    typoMinLength: rules.typos.minLength,
    otherConfidence: rules.other.confidence,
  };
  const addTerm = (group: Group, term: string, kind: Term['kind']) => {
    const tokens = term.split(' ');
    // A "keyword" that folds to several tokens ("e-mail") is matched as a phrase.
    const entry: Term = { group, term, tokens, kind: tokens.length > 1 ? 'phrase' : kind };
    compiled.terms.set(tokens[0]!, [...(compiled.terms.get(tokens[0]!) ?? []), entry]);
    for (const word of tokens) if (isWord(word)) compiled.vocabulary.add(word);
  };
  const addGroup = (base: Omit<Group, 'patterns' | 'language'>, byLanguage: Record<Language, Terms>) => {
    for (const language of ['en', 'es'] as const) {
      const terms = byLanguage[language];
      const group: Group = {
        ...base,
        language,
        patterns: terms.patterns.map((source) => ({ source, regex: new RegExp(source, 'u') })),
      };
      for (const phrase of new Set(terms.phrases.map(ruleForm))) if (phrase) addTerm(group, phrase, 'phrase');
      for (const keyword of new Set(terms.keywords.map(ruleForm)))
        if (keyword) addTerm(group, keyword, 'keyword');
      compiled.groups.push(group);
    }
  };
  for (const [intent, rule] of Object.entries(rules.intents) as [
    RuleIntentName,
    IntentRules['intents'][RuleIntentName],
  ][]) {
    const base = {
      intent,
      precedence: rule.precedence,
      confidence: rule.confidence,
      negatable: rule.negatable,
    };
    if ('reasons' in rule) {
      rule.reasons.forEach((entry, reasonRank) => {
        addGroup({ ...base, reason: entry.reason, reasonRank }, entry);
      });
    } else {
      addGroup({ ...base, reasonRank: 0 }, rule);
    }
  }
  for (const word of compiled.vocabulary) {
    if (word.length < compiled.typoMinLength) continue;
    for (const key of [word, ...deletions(word)])
      compiled.typoIndex.set(key, [...(compiled.typoIndex.get(key) ?? []), word]);
  }
  cache.set(rules, compiled);
  return compiled;
}

/** A token as the rules know it: elongation squeezed ("yesss", "ayudaaa"), or one typo fixed ("pricng"). */
function correctToken(token: string, rules: CompiledIntentRules): string {
  if (!isWord(token) || rules.vocabulary.has(token) || rules.neverCorrect.has(token)) return token;
  const squeezed = token.replace(/(.)\1{2,}/g, '$1$1');
  if (rules.vocabulary.has(squeezed)) return squeezed;
  const trailing = squeezed.replace(/(.)\1+$/, '$1');
  if (rules.vocabulary.has(trailing)) return trailing;
  if (token.length < rules.typoMinLength || token.length > MAX_TYPO_LENGTH) return token;
  const candidates = new Set<string>();
  // People rarely mistype a word's first letter, and a real word one letter off usually differs
  // there ("missed" is not "pissed"), so a correction keeps it.
  for (const key of [token, ...deletions(token)])
    for (const word of rules.typoIndex.get(key) ?? [])
      if (word[0] === token[0] && withinOneEdit(token, word)) candidates.add(word);
  // Only an unambiguous correction: two rule words one edit away means we cannot tell which.
  return candidates.size === 1 ? [...candidates][0]! : token;
}

function isNegated(tokens: readonly string[], start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - NEGATION_WINDOW; i -= 1) {
    const token = tokens[i]!;
    if (token === CLAUSE || token === QUESTION) return false;
    if (NEGATORS.has(token)) return true;
  }
  return false;
}

function findMatches(rules: CompiledIntentRules, tokens: string[], corrected: boolean[]): Match[] {
  const text = tokens.join(' ');
  // Character offset -> token index, so regex matches map back to token spans.
  const tokenAt = new Int32Array(text.length + 1);
  let offset = 0;
  tokens.forEach((token, index) => {
    tokenAt.fill(index, offset, offset + token.length + 1);
    offset += token.length + 1;
  });
  tokenAt[text.length] = tokens.length;
  const span = (index: number, length: number) => ({
    start: tokenAt[index]!,
    end: length === 0 ? tokenAt[index]! : tokenAt[index + length - 1]! + 1,
  });
  const wasCorrected = (start: number, end: number) => corrected.slice(start, end).some(Boolean);

  const matches: Match[] = [];
  tokens.forEach((token, start) => {
    for (const { group, term, tokens: words, kind } of rules.terms.get(token) ?? []) {
      const end = start + words.length;
      if (end > tokens.length || words.some((word, k) => tokens[start + k] !== word)) continue;
      matches.push({ group, term, kind, start, end, corrected: wasCorrected(start, end) });
    }
  });
  for (const group of rules.groups) {
    for (const { source, regex } of group.patterns) {
      const found = regex.exec(text);
      if (!found) continue;
      const { start, end } = span(found.index, found[0].length);
      const term = found[0].trim() || `/${source}/`;
      matches.push({ group, term, kind: 'pattern', start, end, corrected: wasCorrected(start, end) });
    }
  }
  return matches.filter((match) => !(match.group.negatable && isNegated(tokens, match.start)));
}

/**
 * A term inside a longer term of another intent is not a signal of its own: "no problem"
 * (positive) holds "no" (negative), "stop by" holds no opt-out, "I'm good" holds no praise.
 * Linear in tokens per intent, so a hostile message full of terms stays cheap.
 */
function dropContained(matches: Match[], tokenCount: number): Match[] {
  // Per intent: the furthest end of a match starting strictly before / exactly at each token.
  const reach = new Map<RuleIntentName, { before: Int32Array; at: Int32Array }>();
  for (const match of matches) {
    let entry = reach.get(match.group.intent);
    if (!entry) {
      entry = { before: new Int32Array(tokenCount + 2), at: new Int32Array(tokenCount + 2) };
      reach.set(match.group.intent, entry);
    }
    entry.at[match.start] = Math.max(entry.at[match.start]!, match.end);
  }
  for (const { before, at } of reach.values())
    for (let i = 1; i <= tokenCount + 1; i += 1) before[i] = Math.max(before[i - 1]!, at[i - 1]!);
  return matches.filter((inner) => {
    for (const [intent, { before, at }] of reach) {
      if (intent === inner.group.intent) continue;
      if (before[inner.start]! >= inner.end || at[inner.start]! > inner.end) return false;
    }
    return true;
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function matchIntent(rules: CompiledIntentRules, text: string): IntentClassification {
  const raw = tokenize(text);
  const tokens = raw.map((token) => correctToken(token, rules));
  const corrected = tokens.map((token, i) => token !== raw[i]);
  const language = detectLanguage(text, tokens);
  const matches = dropContained(findMatches(rules, tokens, corrected), tokens.length);
  if (matches.length === 0)
    return { intent: 'other', confidence: rules.otherConfidence, language, matched: [] };

  const top = Math.max(...matches.map((m) => m.group.precedence));
  const winning = matches.filter((m) => m.group.precedence === top);
  const bestReason = Math.min(...winning.map((m) => m.group.reasonRank));
  const decisive = winning.filter((m) => m.group.reasonRank === bestReason).sort((a, b) => a.start - b.start);
  const first = decisive[0]!;
  const strength = Math.max(
    ...decisive.map((m) => KIND_WEIGHT[m.kind] * (m.corrected ? CORRECTED_WEIGHT : 1)),
  );
  const terms = [...new Set(decisive.map((m) => m.term))];
  const contested = matches.some((m) => m.group.intent !== first.group.intent);
  const confidence =
    Math.min(0.99, first.group.confidence * strength + SUPPORT_BONUS * (terms.length - 1)) *
    (contested ? CONTESTED_WEIGHT : 1);
  return {
    intent: first.group.intent,
    confidence: round2(confidence),
    ...(first.group.reason ? { reason: first.group.reason } : {}),
    language,
    matched: terms,
  };
}
