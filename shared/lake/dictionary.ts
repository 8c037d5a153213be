import { DUCKDB_TYPES, PARTITION_DUCKDB_TYPE } from './duckdb.js';
import { GLUE_TYPES, gluePartitionKeys } from './glue.js';
import { type LakeTable, PARTITION_KEY } from './lakeTable.js';

export const DICTIONARY_START = '<!-- lake-dictionary:start -->';
export const DICTIONARY_END = '<!-- lake-dictionary:end -->';
/** The heading writeDictionary puts above the markers when the README has none yet. */
export const DICTIONARY_HEADING = '## Lake data dictionary';

/** One row of a table's dictionary: what an analyst sees in Athena and in DuckDB. */
export interface DictionaryEntry {
  name: string;
  athenaType: string;
  duckdbType: string;
  nullable: boolean;
  description: string;
}

/** The table's columns as the dictionary lists them: data columns in order, then `dt`. */
export function dictionaryEntries(table: LakeTable): DictionaryEntry[] {
  const columns = Object.entries(table.columns).map(([name, column]) => ({
    name,
    athenaType: column.kind === 'json' ? `${GLUE_TYPES.json} (JSON)` : GLUE_TYPES[column.kind],
    duckdbType: DUCKDB_TYPES[column.kind],
    nullable: column.nullable,
    description: column.description,
  }));
  const [partition] = gluePartitionKeys(table);
  return [
    ...columns,
    {
      name: PARTITION_KEY,
      athenaType: partition!.type,
      duckdbType: PARTITION_DUCKDB_TYPE,
      nullable: false,
      description: `Partition (\`YYYY-MM-DD\`): ${table.partitionDescription}`,
    },
  ];
}

/**
 * Markdown table cells: one line each, pipes escaped, and `<`/`>` outside code spans as
 * entities so GitHub does not swallow `sha256:<hash>` as an HTML tag.
 */
const cell = (text: string) =>
  text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replaceAll('|', '\\|')
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replaceAll('<', '&lt;').replaceAll('>', '&gt;')))
    .join('`');

function tableMarkdown(table: LakeTable): string {
  const rows = dictionaryEntries(table).map(
    (e) =>
      `| \`${e.name}\` | \`${e.athenaType}\` | \`${e.duckdbType}\` | ${e.nullable ? 'yes' : 'no'} | ${cell(e.description)} |`,
  );
  return [
    `### \`${table.name}\``,
    '',
    cell(table.description),
    '',
    '| Column | Athena | DuckDB | Nullable | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The data dictionary for the README: every lake table, generated from the registry. */
export function dictionaryMarkdown(tables: readonly LakeTable[]): string {
  const intro = [
    '<!-- Generated from shared/lake/tables by `npx tsx infra/local/writeDictionary.ts`; edits here are overwritten. -->',
    '',
    `Files live at \`lake/<table>/${PARTITION_KEY}=YYYY-MM-DD/part-*.parquet\`. In Athena each table is a Glue table`,
    `with partition projection on \`${PARTITION_KEY}\`; locally \`npm run query\` exposes the same names as DuckDB views.`,
  ].join('\n');
  const body = tables.length === 0 ? ['_No lake tables are defined yet._'] : tables.map(tableMarkdown);
  return [intro, ...body].join('\n\n');
}

/**
 * `readme` with the text between the dictionary markers replaced by `dictionary`; when the
 * markers are missing they are appended, under DICTIONARY_HEADING, at the end.
 */
export function withDictionary(readme: string, dictionary: string): string {
  const block = `${DICTIONARY_START}\n${dictionary}\n${DICTIONARY_END}`;
  const start = readme.indexOf(DICTIONARY_START);
  const end = readme.indexOf(DICTIONARY_END);
  if (start === -1 && end === -1) return `${readme.trimEnd()}\n\n${DICTIONARY_HEADING}\n\n${block}\n`;
  if (start === -1 || end < start) throw new Error('README has a broken lake-dictionary marker pair');
  return readme.slice(0, start) + block + readme.slice(end + DICTIONARY_END.length);
}

/** The text between the markers, or undefined when the README has none. */
export function dictionarySection(readme: string): string | undefined {
  const start = readme.indexOf(DICTIONARY_START);
  const end = readme.indexOf(DICTIONARY_END);
  if (start === -1 || end < start) return undefined;
  return readme
    .slice(start + DICTIONARY_START.length, end)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}
