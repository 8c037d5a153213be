import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import { SCHEDULED_FUNCTIONS } from '../../../infra/routes.js';
import {
  ATTRIBUTION_SQL_FILES,
  ATTRIBUTION_SQL_READS,
  bundledSqlSource,
} from '../../../shared/attribution/sql/attributionSql.js';
import { ATTRIBUTION_SQL_TEXT } from '../../../shared/attribution/sql/attributionSqlText.js';
import { readSqlFiles, sqlModuleSource } from '../../../shared/sql/sqlModule.js';
import { SQL_MODULES } from '../../../shared/sql/sqlModules.js';
import { bundleEntry } from '../../bench/bundles.js';

const SPEC = SQL_MODULES.find((spec) => spec.constName === 'ATTRIBUTION_SQL_TEXT')!;
const SQL_DIR = fileURLToPath(SPEC.folder);
const SQL_NAMES = readdirSync(SQL_DIR).filter((name) => name.endsWith('.sql'));
const onDisk = readSqlFiles(SPEC.folder, SQL_NAMES);

describe('Module: attributionSqlText (the .sql files as code)', () => {
  it('is what the generator writes from the .sql files now (else: npx tsx shared/sql/writeSqlModules.ts)', () => {
    expect(SQL_NAMES).toEqual(expect.arrayContaining(Object.values(ATTRIBUTION_SQL_FILES)));
    expect(readFileSync(join(SQL_DIR, SPEC.file), 'utf8')).toBe(sqlModuleSource(SPEC, onDisk));
  });

  it('carries each file byte for byte, backticks and backslashes included', () => {
    for (const name of SQL_NAMES) expect(bundledSqlSource(name), name).toBe(onDisk[name]);
    expect(Object.keys(ATTRIBUTION_SQL_TEXT).sort()).toEqual([...SQL_NAMES].sort());
    // The generator escapes what a template literal would otherwise interpret.
    const tricky = { 'x.sql': `a \`b\` \\n \${c} $d {e}` };
    const source = sqlModuleSource(SPEC, tricky);
    const body = /'x\.sql': `([\s\S]*)`,/.exec(source)![1]!;
    expect(new Function(`return \`${body}\`;`)()).toBe(tricky['x.sql']);
  });

  it('refuses a file it does not carry', () => {
    expect(() => bundledSqlSource('no_such.sql')).toThrow('no attribution SQL file no_such.sql');
  });
});

describe('Constant: ATTRIBUTION_SQL_READS', () => {
  it('names every lake table the SQL selects from (the rest are its own CTEs)', () => {
    const text = SQL_NAMES.map((name) => onDisk[name]!.replace(/--.*$/gm, '')).join('\n');
    const ctes = new Set([...text.matchAll(/^([a-z_]+) AS \($/gm)].map((m) => m[1]!));
    const sources = new Set([...text.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b/g)].map((m) => m[1]!));
    const tables = [...sources].filter((name) => !ctes.has(name));

    expect(ctes.size).toBeGreaterThan(20);
    expect(tables.sort()).toEqual([...ATTRIBUTION_SQL_READS].sort());
  });
});

describe('Bundle: the attribution function', () => {
  const out = mkdtempSync(join(tmpdir(), 'attribution-bundle-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds the SQL of every .sql file, bundled as TeamFunction bundles it', async () => {
    // Prepare / Act: esbuild with TeamFunction's options (test/bench/bundles.ts mirrors them).
    const bundle = await bundleEntry('attribution', SCHEDULED_FUNCTIONS.attribution.entry, PROJECT_ROOT, out);
    const code = readFileSync(bundle.file, 'utf8');

    // Assess: every SQL line (comments too) is in the bundle, and no .sql file is read at run
    // time. esbuild writes non-ASCII characters (×, …) as escapes: the ASCII runs between them
    // are compared.
    for (const name of SQL_NAMES) {
      const runs = onDisk[name]!.split(/\n|[^\x20-\x7e]/).filter((run) => run.trim() !== '');
      const missing = runs.filter((run) => !code.includes(run.replace(/`/g, '\\`')));
      expect(runs.length, name).toBeGreaterThan(20);
      expect(missing, name).toEqual([]);
    }
    expect(code).not.toMatch(/\.sql['"`]\s*,\s*import\.meta\.url/);
    expect(readdirSync(join(out, 'attribution')).sort()).toEqual(['index.mjs', 'index.mjs.map']);
  }, 60_000);
});
