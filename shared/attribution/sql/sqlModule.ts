import { readFileSync } from 'node:fs';

/** The generated module that carries the .sql files' text into a Lambda bundle. */
export const SQL_MODULE_FILE = 'attributionSqlText.ts';

/** `text` as the body of a template literal: backslashes, backticks and `${` escaped. */
const templateBody = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/**
 * The source of attributionSqlText.ts for these files (name -> text). A bundler takes the text
 * with the code: no loader, no file beside the bundle, and the same module under tsx and
 * vitest. The .sql files stay the text to edit and review; a test fails while the two differ.
 */
export function sqlModuleSource(files: Readonly<Record<string, string>>): string {
  const entries = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, text]) => `  '${name}': \`${templateBody(text)}\`,`);
  return [
    '// Generated from the .sql files beside it by `npx tsx shared/attribution/sql/writeSqlModule.ts`: do not',
    '// edit. test/unit/attributionJob/sqlModule.test.ts fails while it differs from them.',
    'export const ATTRIBUTION_SQL_TEXT: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

/** The .sql files of this folder, by name, as they are on disk now. */
export function readSqlFiles(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')]),
  );
}
