import { escapeHtml } from '../escape.js';
import type { DefinitionsText } from '../reportData.js';

/** The definitions the figures were computed with, verbatim, one block per version. */
export function definitionsSection(definitions: readonly DefinitionsText[]): string {
  const parts = [
    '<section class="block" id="definitions" aria-labelledby="definitions-h">',
    '<h2 id="definitions-h">Definitions used</h2>',
  ];
  if (definitions.length === 0) {
    parts.push('<p class="empty">No definitions version found in the scorecard rows.</p>');
  }
  for (const definition of definitions) {
    parts.push(
      `<h3>Version ${escapeHtml(definition.version)}</h3>`,
      `<pre class="definitions">${escapeHtml(definition.text)}</pre>`,
    );
  }
  parts.push('</section>');
  return parts.join('');
}
