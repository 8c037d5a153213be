import { readdirSync, readFileSync } from 'node:fs';

/**
 * A folder of .sql files (a job's SQL twin) and the generated module that carries their text
 * into a Lambda bundle. A bundler takes the text with the code: no loader, no file beside the
 * bundle, and the same module under tsx and vitest. The .sql files stay the text to edit and
 * review; each job's test fails while the two differ.
 */
export interface SqlModuleSpec {
  /** The folder of the .sql files and of the generated module. */
  folder: URL;
  /** The generated module's file name, e.g. attributionSqlText.ts. */
  file: string;
  /** The record it exports, file name -> text. */
  constName: string;
  /** The test that fails while the module differs from the files (named in its header). */
  test: string;
}

/** `text` as the body of a template literal: backslashes, backticks and `${` escaped. */
const templateBody = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/** The source of the generated module for these files (name -> text). */
export function sqlModuleSource(
  spec: Pick<SqlModuleSpec, 'constName' | 'test'>,
  files: Readonly<Record<string, string>>,
): string {
  const entries = Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, text]) => `  '${name}': \`${templateBody(text)}\`,`);
  return [
    '// Generated from the .sql files beside it by `npx tsx shared/sql/writeSqlModules.ts`: do not',
    `// edit. ${spec.test} fails while it differs from them.`,
    `export const ${spec.constName}: Readonly<Record<string, string>> = {`,
    ...entries,
    '};',
    '',
  ].join('\n');
}

/** The names of the .sql files in `folder`. */
export const sqlFileNames = (folder: URL): string[] =>
  readdirSync(folder).filter((name) => name.endsWith('.sql'));

/** The .sql files of `folder`, by name, as they are on disk now. */
export function readSqlFiles(
  folder: URL,
  names: readonly string[] = sqlFileNames(folder),
): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, readFileSync(new URL(name, folder), 'utf8')]));
}

/** The text of one file of a generated module, or an error naming the job. */
export function carriedSql(texts: Readonly<Record<string, string>>, job: string): (file: string) => string {
  return (file) => {
    const text = texts[file];
    if (text === undefined) throw new Error(`no ${job} SQL file ${file}`);
    return text;
  };
}
