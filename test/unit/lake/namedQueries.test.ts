import { describe, expect, it } from 'vitest';
import {
  bindParameters,
  NAMED_QUERY_LIMITS,
  parseNamedQuery,
  readNamedQueries,
} from '../../../shared/lake/namedQueries.js';

const AUDIT = [
  '-- name: Consent audit',
  '-- description: Every consent change of one address.',
  '-- param: address_hash: salted SHA-256 of the address',
  "SELECT * FROM consent_ledger WHERE address_hash = '<address_hash>'",
  '',
].join('\n');

describe('Function: parseNamedQuery', () => {
  it('reads the name, description and parameters from the header and keeps the file as the query', () => {
    const query = parseNamedQuery('consent_audit.sql', AUDIT);

    expect(query).toEqual({
      id: 'consent_audit',
      name: 'Consent audit',
      description: 'Every consent change of one address.',
      parameters: [{ name: 'address_hash', description: 'salted SHA-256 of the address' }],
      sql: AUDIT,
    });
  });

  it.each([
    ['no name', AUDIT.replace('-- name: Consent audit\n', ''), /must include "-- name: <title>"/],
    ['no description', AUDIT.replace(/-- description: .*\n/, ''), /must include "-- description: <text>"/],
    ['an empty name', AUDIT.replace('Consent audit', ''), /must include "-- name: <title>"/],
    ['two names', `-- name: Other\n${AUDIT}`, /two "-- name:" lines/],
    ['a header after the SQL starts', `SELECT 1\n${AUDIT}`, /must include "-- name: <title>"/],
    [
      'an undeclared placeholder',
      AUDIT.replace(/-- param: .*\n/, ''),
      /'<address_hash>' has no "-- param:" line/,
    ],
    ['an unused parameter', AUDIT.replace("'<address_hash>'", "'x'"), /param address_hash is never used/],
    [
      'a malformed parameter',
      AUDIT.replace('-- param: address_hash:', '-- param: Address Hash'),
      /must read "-- param:/,
    ],
    [
      'a name over Athena’s limit',
      AUDIT.replace('Consent audit', 'x'.repeat(NAMED_QUERY_LIMITS.name + 1)),
      /name is over 128 characters/,
    ],
  ])('refuses a file with %s', (_case, sql, message) => {
    expect(() => parseNamedQuery('consent_audit.sql', sql)).toThrow(message);
  });

  it('refuses a file name that is not snake_case', () => {
    expect(() => parseNamedQuery('Consent-Audit.sql', AUDIT)).toThrow(/must be snake_case\.sql/);
  });

  it('counts a placeholder mentioned only in a comment as unused', () => {
    const sql = [
      '-- name: Consent audit',
      '-- description: Every consent change of one address.',
      '-- param: address_hash: salted SHA-256 of the address',
      "-- e.g. WHERE address_hash = '<address_hash>'",
      'SELECT * FROM consent_ledger',
    ].join('\n');

    expect(() => parseNamedQuery('consent_audit.sql', sql)).toThrow(/param address_hash is never used/);
  });
});

describe('Function: bindParameters', () => {
  it('replaces each placeholder with a quoted literal, escaping quotes', () => {
    const query = parseNamedQuery('consent_audit.sql', AUDIT);

    expect(bindParameters(query, { address_hash: "ab'cd" })).toContain("address_hash = 'ab''cd'");
  });

  it('refuses to bind without a value for every parameter', () => {
    const query = parseNamedQuery('consent_audit.sql', AUDIT);

    expect(() => bindParameters(query, {})).toThrow(/consent_audit: no value for address_hash/);
  });
});

describe('Folder: shared/lake/queries', () => {
  it('holds only well-formed queries, each named once', () => {
    const queries = readNamedQueries();

    expect(queries.length).toBeGreaterThanOrEqual(3);
    expect(new Set(queries.map((q) => q.name)).size).toBe(queries.length);
    // One statement, no trailing semicolon: the file is what Athena's API runs as one query.
    for (const query of queries) expect(query.sql.trimEnd().endsWith(';'), query.id).toBe(false);
  });
});
