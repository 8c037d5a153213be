/**
 * Text from the data (workflow keys, categories, definitions, and anything an SMS body could
 * reach) is escaped once, here, wherever it enters HTML, an SVG or a terminal.
 */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe inside element content and inside a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * Safe to print to a terminal: control characters (escape sequences could recolour or move the
 * cursor, or hide text) become U+FFFD.
 */
export function terminalSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}
