import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DICTIONARY_END,
  DICTIONARY_HEADING,
  DICTIONARY_START,
  dictionaryMarkdown,
  dictionarySection,
  withDictionary,
} from '../../../shared/lake/dictionary.js';
import { LAKE_TABLES } from '../../../shared/lake/tables/index.js';
import { everyKindTable } from './lakeSamples.js';

const README = new URL('../../../README.md', import.meta.url);

describe('Function: dictionaryMarkdown', () => {
  it('is what the README holds between the lake-dictionary markers', () => {
    const section = dictionarySection(readFileSync(README, 'utf8'));
    expect(
      section,
      'README has no lake dictionary: run `npx tsx infra/local/writeDictionary.ts`',
    ).toBeDefined();
    expect(section, 'README dictionary is stale: run `npx tsx infra/local/writeDictionary.ts`').toBe(
      dictionaryMarkdown(LAKE_TABLES),
    );
  });

  it('gives each table a heading, its description and one row per column', () => {
    const markdown = dictionaryMarkdown([everyKindTable]);
    expect(markdown).toContain(
      '### `every_kind`\n\nTest table: one required and one nullable column of each kind.',
    );
    expect(markdown).toContain('| `doc` | `string (JSON)` | `VARCHAR` | no | A JSON document. |');
    expect(markdown).toContain(
      '| `dt` | `string` | `VARCHAR` | no | Partition (`YYYY-MM-DD`): The test day. |',
    );
  });

  it('escapes pipes so a description cannot add a column', () => {
    expect(dictionaryMarkdown([everyKindTable])).toContain('| A nullable string \\| with a pipe. |');
  });

  it('keeps angle brackets visible outside code spans', () => {
    const table = { ...everyKindTable, description: 'Refs become sha256:<hash>; see `a<b>`.' };
    expect(dictionaryMarkdown([table])).toContain('Refs become sha256:&lt;hash&gt;; see `a<b>`.');
  });

  it('says so when no table is defined', () => {
    expect(dictionaryMarkdown([])).toContain('_No lake tables are defined yet._');
  });
});

describe('Function: withDictionary', () => {
  const block = (text: string) => `${DICTIONARY_START}\n${text}\n${DICTIONARY_END}`;

  it('appends a heading and the markers at the end when the README has none', () => {
    const readme = withDictionary('# Title\n\nIntro.\n', 'DICT');
    expect(readme).toBe(`# Title\n\nIntro.\n\n${DICTIONARY_HEADING}\n\n${block('DICT')}\n`);
    expect(dictionarySection(readme)).toBe('DICT');
  });

  it('replaces only what is between the markers, and is stable on rerun', () => {
    const readme = `# Title\n\n${block('old\nlines')}\n\n## After\n`;
    const once = withDictionary(readme, 'new');
    expect(once).toBe(`# Title\n\n${block('new')}\n\n## After\n`);
    expect(withDictionary(once, 'new')).toBe(once);
  });

  it('refuses a README whose markers are broken', () => {
    expect(() => withDictionary(`${DICTIONARY_END}\n${DICTIONARY_START}`, 'x')).toThrow(/broken/);
    expect(() => withDictionary(`${DICTIONARY_START} only`, 'x')).toThrow(/broken/);
  });
});
