import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type ColumnKind, column, defineLakeTable, type LakeTable } from '../../../shared/lake/lakeTable.js';

/**
 * A test-only table with every column kind, required and nullable, so the lake tests bite
 * even before (or without) any registered table using a kind.
 */
export const everyKindTable = defineLakeTable({
  name: 'every_kind',
  description: 'Test table: one required and one nullable column of each kind.',
  partitionDescription: 'The test day.',
  columns: {
    text: column.string('A required string.'),
    text_or_null: column.string('A nullable string | with a pipe.', { nullable: true }),
    doc: column.json('A JSON document.'),
    doc_or_null: column.json('A nullable JSON document.', { nullable: true }),
    at: column.timestamp('A UTC instant.'),
    at_or_null: column.timestamp('A nullable instant.', { nullable: true }),
    day: column.date('A calendar day.'),
    day_or_null: column.date('A nullable day.', { nullable: true }),
    count: column.int('A 32-bit integer.'),
    count_or_null: column.int('A nullable 32-bit integer.', { nullable: true }),
    amount_minor: column.bigint('A 64-bit integer.'),
    amount_or_null: column.bigint('A nullable 64-bit integer.', { nullable: true }),
    ratio: column.double('A double.'),
    ratio_or_null: column.double('A nullable double.', { nullable: true }),
    flag: column.boolean('A boolean.'),
    flag_or_null: column.boolean('A nullable boolean.', { nullable: true }),
  },
});

/** Rows with edge values of every kind, then a row of nulls in every nullable column. */
export function everyKindRows() {
  return [
    {
      text: 'plain ascii',
      text_or_null: 'émoji 🦆 中文 ñ e\u0301 "quoted", comma\nnewline',
      doc: JSON.stringify({ utm: { source: 'sms' }, cost: 0.0079, tags: ['a', 'b'] }),
      doc_or_null: '[]',
      at: new Date('2026-11-25T10:15:30.123Z'),
      at_or_null: new Date('1970-01-01T00:00:00.000Z'),
      day: '2026-11-25',
      day_or_null: '1969-12-31',
      count: 2 ** 31 - 1,
      count_or_null: -(2 ** 31),
      amount_minor: 9_223_372_036_854_775_807n,
      amount_or_null: -9_223_372_036_854_775_808n,
      ratio: 0.1 + 0.2,
      ratio_or_null: -1.5e-300,
      flag: true,
      flag_or_null: false,
    },
    {
      text: '',
      text_or_null: null,
      doc: '{}',
      doc_or_null: null,
      at: new Date('2030-02-28T23:59:59.999Z'),
      at_or_null: null,
      day: '2024-02-29',
      day_or_null: null,
      count: 0,
      count_or_null: null,
      amount_minor: 12_345n,
      amount_or_null: null,
      ratio: 0,
      ratio_or_null: null,
      flag: false,
      flag_or_null: null,
    },
  ];
}

const SAMPLE: Record<ColumnKind, unknown> = {
  string: 'sample',
  json: '{"sample":true}',
  timestamp: new Date('2026-11-25T12:00:00.000Z'),
  date: '2026-11-25',
  int: 7,
  bigint: 7n,
  double: 7.5,
  boolean: true,
};

/** One row any registry table accepts: a sample value of each column's kind. */
export function sampleRow(table: LakeTable): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table.columns).map(([name, c]) => [name, SAMPLE[c.kind]]));
}

/** A fresh temp directory; remove it with the returned function. */
export function tempDir(prefix = 'lake-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An in-memory DuckDB connection for a test file; close it in afterAll. */
export async function duckdb() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    connection,
    /** Row objects with JS values (bigint, Date, string, number, boolean, null). */
    async rows(sql: string): Promise<Record<string, unknown>[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
