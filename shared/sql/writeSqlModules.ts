// npx tsx shared/sql/writeSqlModules.ts
// Rewrites each job's generated SQL module from the .sql files beside it (run after editing one).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSqlFiles, sqlModuleSource } from './sqlModule.js';
import { SQL_MODULES } from './sqlModules.js';

for (const spec of SQL_MODULES) {
  const path = fileURLToPath(new URL(spec.file, spec.folder));
  const files = readSqlFiles(spec.folder);
  const source = sqlModuleSource(spec, files);
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    // first run: no module yet
  }
  if (before === source) console.error(`${path}: up to date`);
  else {
    writeFileSync(path, source);
    console.error(`${path}: rewritten (${Object.keys(files).length} files)`);
  }
}
