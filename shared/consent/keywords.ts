import type { Program } from '../config/programConfig.js';
import { plainLanguageOptOut } from './plainLanguage.js';

/**
 * Carrier-standard keywords (issue 8's list): what carriers and vendors such as Twilio honour by
 * default, the words the FCC names for revoking consent by reply (revoke, opt out), and ARRET
 * and TD. A program adds its own per language in `program.keywords`.
 * @see https://support.twilio.com/hc/en-us/articles/223134027-Twilio-support-for-opt-out-keywords-SMS-STOP-filtering
 * @see https://www.govinfo.gov/content/pkg/FR-2024-03-05/html/2024-04587.htm
 */
export const STANDARD_KEYWORDS: Readonly<Record<'optOut' | 'optIn' | 'help', readonly string[]>> = {
  optOut: 'STOP STOPALL UNSUBSCRIBE CANCEL END QUIT REVOKE OPTOUT OPT-OUT REMOVE ARRET TD'.split(' '),
  optIn: ['START', 'YES', 'UNSTOP'],
  help: ['HELP', 'INFO'],
};

export type ConsentAction = 'opt_out' | 'opt_in' | 'help' | 'none';

export interface ConsentClassification {
  action: ConsentAction;
  /** How an opt-out or opt-in was recognised; absent for `help` and `none`. */
  method?: 'keyword' | 'plain_language';
  /** The keyword as configured (e.g. `STOP`, `BAJA`), when a keyword matched. */
  keyword?: string;
}

/**
 * The letters and digits of a text, upper-cased with accents dropped, so that "Stop.",
 * " stop ", "STOP!!", "stop 🙏", "Arrêt" and "opt out" all compare equal to their keyword.
 * NFKD also folds full-width and other compatibility forms ("ＳＴＯＰ").
 */
export function keywordForm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The keyword as the contact spelled it when listed ("OPT-OUT"), else the first one it folds to ("OPTOUT"). */
function findKeyword(body: string, compact: string, keywords: readonly string[]): string | undefined {
  const spelled = body.trim().toUpperCase();
  return (
    keywords.find((k) => k.toUpperCase() === spelled) ?? keywords.find((k) => keywordForm(k) === compact)
  );
}

/**
 * What an inbound text asks of its consent. A keyword counts only when it is the whole message
 * (punctuation, spacing, case, emoji and accents aside); otherwise a few plain-language opt-out
 * phrasings in English and Spanish are recognised, as CTIA guidance asks. Opt-out wins over
 * opt-in and help when a program's keywords collide with another list.
 */
export function classifyConsentMessage(
  body: string,
  program?: Pick<Program, 'keywords'>,
): ConsentClassification {
  const compact = keywordForm(body);
  if (compact) {
    const lists: [Exclude<ConsentAction, 'none'>, readonly string[]][] = [
      ['opt_out', [...STANDARD_KEYWORDS.optOut, ...(program?.keywords.optOut ?? [])]],
      ['opt_in', [...STANDARD_KEYWORDS.optIn, ...(program?.keywords.optIn ?? [])]],
      ['help', [...STANDARD_KEYWORDS.help, ...(program?.keywords.help ?? [])]],
    ];
    for (const [action, keywords] of lists) {
      const keyword = findKeyword(body, compact, keywords);
      if (keyword === undefined) continue;
      return action === 'help' ? { action, keyword } : { action, method: 'keyword', keyword };
    }
  }
  if (plainLanguageOptOut(body)) return { action: 'opt_out', method: 'plain_language' };
  return { action: 'none' };
}
