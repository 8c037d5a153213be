import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The analysts' saved queries: one `.sql` file each in `shared/lake/queries/`, written in the
 * SQL that Athena (Trino) and DuckDB share. CDK turns each into an Athena named query with the
 * file, unchanged, as its text; tests run each one on DuckDB over a fixture lake.
 *
 * A file starts with comment lines the construct reads:
 * ```sql
 * -- name: Consent audit for one number
 * -- description: Every consent change of one hashed address, newest state marked.
 * -- param: address_hash: salted SHA-256 (hex) of the E.164 phone or lower-cased email
 * SELECT … WHERE address_hash = '<address_hash>'
 * ```
 * A parameter is the string literal `'<name>'`: the query runs as saved (and finds nothing),
 * and an analyst replaces the placeholder with a value; `bindParameters` does it in code.
 */
export const NAMED_QUERIES_DIR = fileURLToPath(new URL('./queries/', import.meta.url));

/** Athena's limits on a named query (AWS::Athena::NamedQuery). */
export const NAMED_QUERY_LIMITS = { name: 128, description: 1024, queryBytes: 262_144 } as const;

export interface NamedQueryParameter {
  name: string;
  description: string;
}

export interface NamedQuery {
  /** File name without `.sql`, e.g. `opt_out_trend`. */
  id: string;
  name: string;
  description: string;
  parameters: NamedQueryParameter[];
  /** The whole file, header comments included: what Athena saves and DuckDB runs. */
  sql: string;
}

const HEADER = /^--\s*(name|description|param):\s*(.*?)\s*$/;
const PARAMETER = /^([a-z][a-z0-9_]*):\s*(.+)$/;
const PLACEHOLDER = /'<([a-z][a-z0-9_]*)>'/g;

/** Parses one query file; throws naming the file when its header or placeholders are wrong. */
export function parseNamedQuery(file: string, sql: string): NamedQuery {
  const id = file.replace(/^.*[\\/]/, '').replace(/\.sql$/, '');
  function fail(problem: string): never {
    throw new Error(`named query ${file}: ${problem}`);
  }
  if (!/^[a-z][a-z0-9_]*$/.test(id)) fail('the file name must be snake_case.sql');

  const header: Record<'name' | 'description', string | undefined> = {
    name: undefined,
    description: undefined,
  };
  const parameters: NamedQueryParameter[] = [];
  for (const line of sql.split('\n')) {
    if (!line.trimStart().startsWith('--')) break;
    const match = HEADER.exec(line.trim());
    if (!match) continue;
    const [, key, value] = match as unknown as [string, 'name' | 'description' | 'param', string];
    if (key === 'param') {
      const parameter = PARAMETER.exec(value);
      if (!parameter) fail(`"-- param: ${value}" must read "-- param: <snake_case name>: <what it is>"`);
      parameters.push({ name: parameter[1]!, description: parameter[2]! });
    } else {
      if (header[key] !== undefined) fail(`the header has two "-- ${key}:" lines`);
      header[key] = value;
    }
  }
  const name = header.name || fail('the first comment lines must include "-- name: <title>"');
  const description =
    header.description || fail('the first comment lines must include "-- description: <text>"');
  if (name.length > NAMED_QUERY_LIMITS.name) fail(`the name is over ${NAMED_QUERY_LIMITS.name} characters`);
  if (description.length > NAMED_QUERY_LIMITS.description)
    fail(`the description is over ${NAMED_QUERY_LIMITS.description} characters`);
  if (Buffer.byteLength(sql) > NAMED_QUERY_LIMITS.queryBytes)
    fail(`the query is over ${NAMED_QUERY_LIMITS.queryBytes} bytes`);

  const declared = new Set(parameters.map((p) => p.name));
  const body = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  const used = new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!));
  for (const placeholder of used)
    if (!declared.has(placeholder)) fail(`'<${placeholder}>' has no "-- param:" line`);
  for (const parameter of declared)
    if (!used.has(parameter)) fail(`param ${parameter} is never used as '<${parameter}>'`);
  return { id, name, description, parameters, sql };
}

/** Every `.sql` file of `dir`, by file name. */
export function readNamedQueries(dir: string = NAMED_QUERIES_DIR): NamedQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => parseNamedQuery(file, readFileSync(join(dir, file), 'utf8')));
}

/** The query with each `'<name>'` placeholder replaced by a quoted literal of its value. */
export function bindParameters(query: NamedQuery, values: Record<string, string>): string {
  for (const { name } of query.parameters) {
    if (values[name] === undefined) throw new Error(`named query ${query.id}: no value for ${name}`);
  }
  return query.sql.replace(PLACEHOLDER, (_, name: string) => `'${values[name]!.replaceAll("'", "''")}'`);
}
