import type { ColumnKind, LakeTable } from './lakeTable.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Whether `value` is what a column of `kind` holds; mirrors the registry's zod types. */
function fits(kind: ColumnKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'json':
      return typeof value === 'string';
    case 'timestamp':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case 'int':
      return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX;
    case 'bigint':
      return typeof value === 'bigint';
    case 'double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/**
 * The problems of one row against its table, or an empty list. The same rules as the table's
 * zod rowSchema (tests check they agree), hand-written because the writer checks every one of
 * a million rows and zod's per-row cost dominated the export (measured: ~10x slower).
 */
export function rowProblems(table: LakeTable, row: unknown): string[] {
  if (typeof row !== 'object' || row === null) return ['(row): expected an object'];
  const record = row as Record<string, unknown>;
  const problems: string[] = [];
  for (const name in table.columns) {
    const column = table.columns[name]!;
    const value = record[name];
    if (value === undefined) {
      problems.push(`${name}: missing (write null for no value)`);
    } else if (value === null) {
      if (!column.nullable) problems.push(`${name}: required ${column.kind}, got null`);
    } else if (!fits(column.kind, value)) {
      problems.push(`${name}: expected ${column.kind}, got ${typeof value}`);
    }
  }
  return problems;
}
