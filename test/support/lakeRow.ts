import type { ColumnKind, LakeTable } from '../../shared/lake/lakeTable.js';

/**
 * A row of `table` with every column filled (null where nullable, else a zero of its kind),
 * then `values` on top: tests name only the columns they check, and the real writer accepts it.
 */
const ZERO: Record<ColumnKind, unknown> = {
  string: '',
  json: '{}',
  timestamp: new Date(0),
  date: '2026-01-01',
  int: 0,
  bigint: 0n,
  double: 0,
  boolean: false,
};

export function lakeRow(table: LakeTable, values: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [name, column] of Object.entries(table.columns)) {
    row[name] = column.nullable ? null : ZERO[column.kind];
  }
  for (const [name, value] of Object.entries(values)) {
    if (!(name in table.columns)) throw new Error(`${table.name} has no column ${name}`);
    const kind = table.columns[name]!.kind;
    row[name] = kind === 'bigint' && typeof value === 'number' ? BigInt(value) : value;
  }
  return row;
}
