// npx tsx shared/attribution/sql/writeSqlModule.ts
// Rewrites attributionSqlText.ts from the .sql files beside it (run after editing one).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSqlFiles, SQL_MODULE_FILE, sqlModuleSource } from './sqlModule.js';

const folder = new URL('./', import.meta.url);
const path = fileURLToPath(new URL(SQL_MODULE_FILE, folder));
const names = readdirSync(folder).filter((name) => name.endsWith('.sql'));
const source = sqlModuleSource(readSqlFiles(names));
let before = '';
try {
  before = readFileSync(path, 'utf8');
} catch {
  // first run: no module yet
}
if (before === source) console.error(`${path}: up to date`);
else {
  writeFileSync(path, source);
  console.error(`${path}: rewritten (${names.length} files)`);
}
