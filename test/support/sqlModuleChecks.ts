import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/teamFunction.js';
import { SCHEDULED_FUNCTIONS } from '../../infra/routes.js';
import { readSqlFiles, type SqlModuleSpec, sqlModuleSource } from '../../shared/sql/sqlModule.js';
import { bundleEntry } from '../bench/bundles.js';

/**
 * The checks every SQL twin's generated module gets: it is what the generator writes now, it
 * carries each file byte for byte, the tables the SQL reads are the ones its function may read,
 * and the function's bundle holds every SQL line.
 */
export function describeSqlModule(options: {
  spec: SqlModuleSpec;
  /** The generated module's record. */
  carried: Readonly<Record<string, string>>;
  /** The job's reader of the carried text (throws on an unknown file). */
  source: (file: string) => string;
  /** The files a query is made of. */
  files: readonly string[];
  /** The job's declared lake reads (what its Athena grant covers). */
  reads: readonly string[];
  fn: keyof typeof SCHEDULED_FUNCTIONS;
}) {
  const { spec, carried, source, files, reads, fn } = options;
  const dir = fileURLToPath(spec.folder);
  const names = readdirSync(dir).filter((name) => name.endsWith('.sql'));
  const onDisk = readSqlFiles(spec.folder, names);

  describe(`Module: ${spec.file} (the .sql files as code)`, () => {
    it('is what the generator writes from the .sql files now (else: npx tsx shared/sql/writeSqlModules.ts)', () => {
      expect(names).toEqual(expect.arrayContaining([...files]));
      expect(readFileSync(join(dir, spec.file), 'utf8')).toBe(sqlModuleSource(spec, onDisk));
    });

    it('carries each file byte for byte, backticks and backslashes included', () => {
      for (const name of names) expect(source(name), name).toBe(onDisk[name]);
      expect(Object.keys(carried).sort()).toEqual([...names].sort());
      const tricky = { 'x.sql': `a \`b\` \\n \${c} $d {e}` };
      const body = /'x\.sql': `([\s\S]*)`,/.exec(sqlModuleSource(spec, tricky))![1]!;
      expect(new Function(`return \`${body}\`;`)()).toBe(tricky['x.sql']);
    });

    it('refuses a file it does not carry', () => {
      expect(() => source('no_such.sql')).toThrow('SQL file no_such.sql');
    });

    it('names every lake table the SQL selects from (the rest are its own CTEs)', () => {
      const text = names.map((name) => onDisk[name]!.replace(/--.*$/gm, '')).join('\n');
      const ctes = new Set([...text.matchAll(/^([a-z_]+) AS \($/gm)].map((m) => m[1]!));
      // `IS NOT DISTINCT FROM x` compares with a column, it reads no table.
      const sources = new Set(
        [...text.matchAll(/(?<!DISTINCT )\b(?:FROM|JOIN)\s+([a-z_]+)\b/g)].map((m) => m[1]!),
      );
      const tables = [...sources].filter((name) => !ctes.has(name));

      expect(ctes.size).toBeGreaterThan(20);
      expect(tables.sort()).toEqual([...reads].sort());
    });
  });

  describe(`Bundle: the ${fn} function`, () => {
    const out = mkdtempSync(join(tmpdir(), `${fn}-bundle-`));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('holds the SQL of every .sql file, bundled as TeamFunction bundles it', async () => {
      const bundle = await bundleEntry(fn, SCHEDULED_FUNCTIONS[fn].entry, PROJECT_ROOT, out);
      const code = readFileSync(bundle.file, 'utf8');

      // esbuild writes non-ASCII characters as escapes: the ASCII runs between them are compared.
      for (const name of names) {
        const runs = onDisk[name]!.split(/\n|[^\x20-\x7e]/).filter((run) => run.trim() !== '');
        const missing = runs.filter((run) => !code.includes(run.replace(/`/g, '\\`')));
        expect(runs.length, name).toBeGreaterThan(20);
        expect(missing, name).toEqual([]);
      }
      expect(code).not.toMatch(/\.sql['"`]\s*,\s*import\.meta\.url/);
      expect(code).not.toContain('@duckdb/node-api');
      expect(readdirSync(join(out, fn)).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    }, 120_000);
  });
}
