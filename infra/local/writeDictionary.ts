// npx tsx infra/local/writeDictionary.ts [path/to/README.md]
// Regenerates the README's lake data dictionary (between the lake-dictionary markers, which it
// adds at the end when missing) from the table registry. A test fails while the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dictionaryMarkdown, withDictionary } from '../../shared/lake/dictionary.js';
import { LAKE_TABLES } from '../../shared/lake/tables/index.js';

const readmePath = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withDictionary(before, dictionaryMarkdown(LAKE_TABLES));
if (after === before) {
  console.error(`${readmePath}: lake dictionary is up to date`);
} else {
  writeFileSync(readmePath, after);
  console.error(`${readmePath}: lake dictionary rewritten (${LAKE_TABLES.length} tables)`);
}
