import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LakeTable } from '../../../shared/lake/lakeTable.js';
import { LakeRowInvalidError, parquetSchema, writeParquet } from '../../../shared/lake/parquet.js';
import { duckdb, everyKindRows, everyKindTable, tempDir } from './lakeSamples.js';

let db: Awaited<ReturnType<typeof duckdb>>;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  db = await duckdb();
  tmp = tempDir();
});
afterAll(() => {
  db.close();
  tmp.remove();
});

const buffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Readers hand a DATE back as a Date at UTC midnight; the writer took `YYYY-MM-DD`. */
function asWritten(table: LakeTable, row: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(table.columns).map(([name, c]) => {
      const value = row[name];
      return [name, c.kind === 'date' && value instanceof Date ? value.toISOString().slice(0, 10) : value];
    }),
  );
}

async function viaHyparquet(bytes: Uint8Array) {
  const rows = (await parquetReadObjects({ file: buffer(bytes) })) as Record<string, unknown>[];
  return rows.map((row) => asWritten(everyKindTable, row));
}

async function viaDuckdb(bytes: Uint8Array, name: string) {
  const path = join(tmp.dir, `${name}.parquet`);
  writeFileSync(path, bytes);
  const rows = await db.rows(`SELECT * FROM read_parquet('${path}')`);
  return rows.map((row) => asWritten(everyKindTable, row));
}

describe('Function: writeParquet', () => {
  it('round-trips every column kind, nulls included, through hyparquet and DuckDB', async () => {
    // Prepare
    const rows = everyKindRows();
    // Act
    const bytes = writeParquet(everyKindTable, rows);
    // Assess
    expect(await viaHyparquet(bytes)).toEqual(rows);
    expect(await viaDuckdb(bytes, 'round-trip')).toEqual(rows);
  });

  it('declares each column with its registry type and nullability', () => {
    const metadata = parquetMetadata(buffer(writeParquet(everyKindTable, everyKindRows())));
    expect(metadata.schema.slice(1).map(({ name, repetition_type }) => [name, repetition_type])).toEqual(
      Object.entries(everyKindTable.columns).map(([name, c]) => [name, c.nullable ? 'OPTIONAL' : 'REQUIRED']),
    );
    expect(metadata.schema).toEqual(parquetSchema(everyKindTable).map((e) => expect.objectContaining(e)));
  });

  it('compresses with SNAPPY and cuts row groups at the requested size', () => {
    const rows = Array.from({ length: 5 }, () => everyKindRows()[0]!);
    const metadata = parquetMetadata(buffer(writeParquet(everyKindTable, rows, { rowGroupRows: 2 })));
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([2, 2, 1]);
    expect(new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))).toEqual(
      new Set(['SNAPPY']),
    );
  });

  it('dictionary-encodes text repeated a few times per value, where sampling sees it as unique', async () => {
    // Prepare: 10,000 contact hashes over 25,000 rows in scattered order, as one day's events
    // are; a 1,000-value sample of that looks 95% distinct. `text` is unique per row.
    let seed = 7;
    const nextContact = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % 10_000; // high bits: an LCG's low bits cycle
    };
    const rows = Array.from({ length: 25_000 }, (_, i) => ({
      ...everyKindRows()[i % 2]!,
      text: `row-${i}`,
      text_or_null: String(nextContact()).padStart(64, 'a'),
    }));
    // Act
    const bytes = writeParquet(everyKindTable, rows);
    // Assess
    const chunks = parquetMetadata(buffer(bytes)).row_groups[0]!.columns;
    const encodings = (name: string) =>
      chunks.find((c) => c.meta_data?.path_in_schema[0] === name)?.meta_data?.encodings;
    expect(encodings('text')).toEqual(['PLAIN']);
    expect(encodings('text_or_null')).toContain('RLE_DICTIONARY');
    expect(encodings('doc_or_null')).toContain('RLE_DICTIONARY');
    expect(await viaHyparquet(bytes)).toEqual(rows);
    expect(await viaDuckdb(bytes, 'dictionary')).toEqual(rows);
  });

  it('writes a readable file with the full schema for zero rows', async () => {
    const bytes = writeParquet(everyKindTable, []);
    expect(await viaHyparquet(bytes)).toEqual([]);
    const path = join(tmp.dir, 'empty.parquet');
    writeFileSync(path, bytes);
    const described = await db.rows(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    expect(described.map((d) => d.column_name)).toEqual(Object.keys(everyKindTable.columns));
  });

  it.each([
    ['a null in a required column', { text: null }, /row 0: text/],
    ['a missing required column', { count: undefined }, /row 0: count/],
    ['a number where a bigint belongs', { amount_minor: 12 }, /row 0: amount_minor/],
    ['an int outside 32 bits', { count: 2 ** 31 }, /row 0: count/],
    ['a timestamp given as a string', { at: '2026-11-25T10:00:00Z' }, /row 0: at/],
    ['a day in the wrong format', { day: '25/11/2026' }, /row 0: day/],
    [
      'a day that is not on the calendar',
      { day: '2026-02-30' },
      /row 0: day: "2026-02-30" is not a calendar date/,
    ],
    ['a json column that is not JSON', { doc: '{"unterminated"' }, /row 0: doc: not a JSON document/],
  ])('refuses %s before writing anything', (_case, change, message) => {
    const rows = [{ ...everyKindRows()[0], ...change }];
    expect(() => writeParquet(everyKindTable, rows)).toThrow(LakeRowInvalidError);
    expect(() => writeParquet(everyKindTable, rows)).toThrow(message);
  });

  it('names the offending row by index', () => {
    const rows = [...everyKindRows(), { ...everyKindRows()[1], flag: 'yes' }];
    expect(() => writeParquet(everyKindTable, rows)).toThrow(/every_kind row 2: flag/);
  });
});
