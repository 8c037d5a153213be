import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ColumnKind } from '../../../shared/lake/lakeTable.js';
import { rowProblems } from '../../../shared/lake/rowCheck.js';
import { LAKE_TABLES } from '../../../shared/lake/tables/index.js';

/** Values of every shape, right and wrong, for any column kind. */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom('2026-11-25', '2026-1-5', '{"a":1}'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1),
  fc.bigInt(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
);

const rightValue: Record<ColumnKind, fc.Arbitrary<unknown>> = {
  string: fc.string(),
  json: fc.constant('{"k":"v"}'),
  timestamp: fc.date({ noInvalidDate: true }),
  date: fc.constant('2026-11-25'),
  int: fc.integer(),
  bigint: fc.bigInt(),
  double: fc.double(),
  boolean: fc.boolean(),
};

describe('Function: rowProblems (the writer’s fast row check)', () => {
  it.each(LAKE_TABLES.map((t) => [t.name, t] as const))(
    'agrees with the zod row schema of %s',
    (_name, table) => {
      const names = Object.keys(table.columns);
      const mixedRow = fc.record(Object.fromEntries(names.map((n) => [n, anyValue])));
      const goodRow = fc.record(
        Object.fromEntries(Object.entries(table.columns).map(([n, c]) => [n, rightValue[c.kind]])),
      );
      // A valid row with one column replaced: disagreements hide in single-column changes.
      const oneChanged = fc
        .tuple(goodRow, fc.constantFrom(...names), anyValue)
        .map(([row, name, value]) => ({ ...row, [name]: value }));
      fc.assert(
        fc.property(fc.oneof(mixedRow, goodRow, oneChanged), (row) => {
          expect(rowProblems(table, row).length === 0).toBe(table.rowSchema.safeParse(row).success);
        }),
        { numRuns: 300 },
      );
    },
  );
});
