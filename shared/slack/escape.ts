/**
 * Makes text we do not control (a texter's reply, CRM names) safe to put in Slack mrkdwn:
 * it can never ping, link or spoof our own layout.
 *
 * - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;`, exactly Slack's documented escaping: every
 *   control sequence (`<!channel>`, `<!here>`, `<@U…>`, `<#C…>`, `<!subteam^…>`,
 *   `<https://…|label>`, `<!date^…>`) starts with `<`, so none survives, and an entity the
 *   texter typed (`&lt;!here&gt;`) is shown as typed rather than decoded into one.
 * - Bare `@channel`, `@here`, `@everyone` get a WORD JOINER (U+2060, invisible, no line break)
 *   after the `@`. Slack only broadcasts for the `<!…>` forms, but the legacy `link_names` /
 *   `parse=full` options and Slack's own pre-processing of non-verbatim text have turned bare
 *   words into mentions; the joiner makes sure no setting can, at the price of one invisible
 *   character in a copied reply.
 * - Control characters (except newline and tab) and the bidirectional controls (U+202A–U+202E,
 *   U+2066–U+2069, the marks) are dropped, so a reply cannot reorder what is shown around it.
 *
 * Formatting characters (`*bold*`, `_italic_`, `~strike~`, backticks) are left alone: they
 * cannot ping or link, Slack has no escape for them, and replacing them would garble ordinary
 * replies ("5*", "my_name"). Containment comes from `quoteMrkdwn`, which puts every line of
 * the text behind our own `>` so nothing the texter writes can look like part of our layout.
 * Callers also set `verbatim: true` on the text object (see blockKit.ts).
 *
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */

/** Control characters (Cc) but newline and tab, and the bidirectional controls. */
const CONTROL_CHARACTERS = /[^\P{Cc}\n\t]|\p{Bidi_Control}/gu;
const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;
const WORD_JOINER = '\u2060';
/** What a truncated text ends with. */
export const TRUNCATION_MARK = '…';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Escapes one untrusted string for a mrkdwn text object. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORDS, `@${WORD_JOINER}$1`);
}

/**
 * Cuts already-escaped mrkdwn to at most `maxLength` UTF-16 units (what Slack's limits count,
 * or more), ending with `…`. It cuts between grapheme clusters, so an emoji sequence or an
 * accented letter is never split, and never inside an entity: a dangling `&am` is dropped.
 */
export function truncateMrkdwn(escaped: string, maxLength: number): string {
  if (escaped.length <= maxLength) return escaped;
  const budget = maxLength - TRUNCATION_MARK.length;
  let kept = '';
  for (const { segment } of graphemes.segment(escaped)) {
    if (kept.length + segment.length > budget) break;
    kept += segment;
  }
  // Every literal `&` is already `&amp;`, so a trailing `&` plus letters is a cut entity.
  return `${kept.replace(/&[a-z]*$/, '').trimEnd()}${TRUNCATION_MARK}`;
}

/**
 * Escapes untrusted text and quotes every line of it (`>`), within `maxLength` characters of
 * output (a section text holds 3,000). Blank lines stay inside the quote.
 */
export function quoteMrkdwn(text: string, maxLength: number): string {
  const quoted = escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return truncateMrkdwn(quoted, maxLength);
}
