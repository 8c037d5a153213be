import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ColumnKind, LakeTable } from './lakeTable.js';
import { rowProblems } from './rowCheck.js';

/**
 * How each column kind is stored. Every choice is one that Athena (engine v3, Glue type in
 * glue.ts) and DuckDB both read back as the declared type without a cast:
 * - timestamp: INT64 TIMESTAMP_MILLIS (Athena reads millisecond timestamps; no INT96, no micros);
 *   both engines read it as a zone-less timestamp holding UTC.
 * - date: INT32 DATE (days since epoch), Parquet's own date type, read as DATE by both.
 * - json: a UTF8 string, not the JSON annotation, so Athena's Glue `string` matches it.
 * @see https://docs.aws.amazon.com/athena/latest/ug/data-types-timestamps.html
 */
export const PARQUET_TYPES: Record<ColumnKind, Pick<SchemaElement, 'type' | 'converted_type'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  json: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
  date: { type: 'INT32', converted_type: 'DATE' },
  int: { type: 'INT32' },
  bigint: { type: 'INT64' },
  double: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
};

/** Rows per row group: about what Athena splits on, small enough to keep a Lambda's memory flat. */
export const ROW_GROUP_ROWS = 128 * 1024;

const DAY_MS = 86_400_000;

/** A row the table's schema refuses; nothing has been written when this is thrown. */
export class LakeRowInvalidError extends Error {
  override readonly name = 'LakeRowInvalidError';
}

/** The Parquet schema the writer uses for `table`: its columns in order, REQUIRED unless nullable. */
export function parquetSchema(table: LakeTable): SchemaElement[] {
  const columns = Object.entries(table.columns);
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map(([name, column]) => ({
      name,
      ...PARQUET_TYPES[column.kind],
      repetition_type: column.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const),
    })),
  ];
}

export interface WriteParquetOptions {
  /** @default ROW_GROUP_ROWS */
  rowGroupRows?: number;
}

/**
 * One Parquet file (SNAPPY) holding `rows`, each checked against the table's columns; a bad row
 * throws and no file is returned. Rows are turned into columns one row group at a time, so
 * only one group's column arrays are alive at once (flat memory, less GC in a Lambda).
 */
export function writeParquet(
  table: LakeTable,
  rows: readonly unknown[],
  options: WriteParquetOptions = {},
): Uint8Array {
  const columns = Object.entries(table.columns);
  const groupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
  const writer = new ByteWriter(1 << 16);
  const parquet = new ParquetWriter({
    writer,
    schema: parquetSchema(table),
    codec: 'SNAPPY',
    kvMetadata: [{ key: 'lake.table', value: table.name }],
    createdBy: 'sms-revenue-backend lake writer',
  });
  for (let start = 0; start < rows.length; start += groupRows) {
    const end = Math.min(rows.length, start + groupRows);
    const data = columns.map(() => new Array<unknown>(end - start));
    for (let index = start; index < end; index += 1) {
      const problems = rowProblems(table, rows[index]);
      if (problems.length > 0)
        throw new LakeRowInvalidError(`${table.name} row ${index}: ${problems.join('; ')}`);
      const values = rows[index] as Record<string, unknown>;
      for (let c = 0; c < columns.length; c += 1) {
        const [name, column] = columns[c]!;
        data[c]![index - start] = toStored(table.name, name, column.kind, values[name], index);
      }
    }
    const columnData = columns.map(([name, column], c) => ({
      name,
      data: data[c]!,
      encoding: column.kind === 'string' || column.kind === 'json' ? textEncoding(data[c]!) : undefined,
    }));
    parquet.write({ columnData, rowGroupSize: end - start });
  }
  parquet.finish();
  // A copy sized to the file, so the writer's doubled growth buffer can be collected.
  return new Uint8Array(writer.getBuffer());
}

/**
 * Dictionary-encodes a text column when at most half its values are distinct. The writer's
 * own guess samples 1,000 values, which reads a hash repeated a few times per contact (20k
 * contacts over 128k rows) as unique and stores it in full, up to 4x larger than a dictionary.
 */
function textEncoding(values: readonly unknown[]): 'RLE_DICTIONARY' | 'PLAIN' | undefined {
  const distinct = new Set<unknown>();
  let present = 0;
  for (const value of values) {
    if (value === null) continue;
    present += 1;
    distinct.add(value);
    if (distinct.size * 2 > values.length) return 'PLAIN';
  }
  return present === 0 ? undefined : 'RLE_DICTIONARY';
}

/** Converts what the row schema accepts into what the Parquet physical type holds. */
function toStored(table: string, name: string, kind: ColumnKind, value: unknown, index: number): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'date') return daysSinceEpoch(value as string, `${table} row ${index}: ${name}`);
  if (kind === 'json') assertJson(value as string, `${table} row ${index}: ${name}`);
  return value;
}

function daysSinceEpoch(day: string, where: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to March; only a date that round-trips is a real day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new LakeRowInvalidError(`${where}: "${day}" is not a calendar date`);
  }
  return ms / DAY_MS;
}

/** Analysts query json columns with json_extract (Athena) and ->> (DuckDB): reject what neither parses. */
function assertJson(text: string, where: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw new LakeRowInvalidError(`${where}: not a JSON document`);
  }
}
