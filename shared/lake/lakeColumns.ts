import { parquetMetadata, parquetRead } from 'hyparquet';
import { type LakeTable, PARTITION_KEY } from './lakeTable.js';
import type { ObjectStore } from './objectStore.js';

/**
 * Reads lake tables back in the job, without DuckDB (a Lambda has none): hyparquet, pure JS,
 * one row group at a time and only the columns asked for, so memory holds one group's columns
 * (128k rows) however large the range. Timestamps come back as epoch milliseconds and 64-bit
 * integers as numbers, which is what the attribution core takes.
 */

/** One row group: `column(name)[i]` is the value of row i. */
export interface ColumnBatch {
  /** The partition day the rows came from. */
  dt: string;
  length: number;
  column(name: string): ArrayLike<unknown>;
}

export interface PartitionRange {
  /** First partition day, inclusive. @default the first there is */
  fromDt?: string;
  /** Last partition day, inclusive. @default the last there is */
  toDt?: string;
}

const PART = new RegExp(`^lake/[a-z0-9_]+/${PARTITION_KEY}=(\\d{4}-\\d{2}-\\d{2})/[^/]+\\.parquet$`);

/** The table's part files in the range, by day then key, with their day. */
export async function partitionParts(
  store: ObjectStore,
  table: Pick<LakeTable, 'name'>,
  range: PartitionRange = {},
): Promise<{ key: string; dt: string }[]> {
  const parts: { key: string; dt: string }[] = [];
  for (const key of await store.list(`lake/${table.name}/`)) {
    const dt = PART.exec(key)?.[1];
    if (!dt) continue;
    if ((range.fromDt && dt < range.fromDt) || (range.toDt && dt > range.toDt)) continue;
    parts.push({ key, dt });
  }
  return parts;
}

// Epoch milliseconds everywhere: the core compares numbers, never Dates.
const PARSERS = {
  timestampFromMilliseconds: (value: bigint) => Number(value),
  timestampFromMicroseconds: (value: bigint) => Number(value / 1000n),
  timestampFromNanoseconds: (value: bigint) => Number(value / 1_000_000n),
};

/** A column chunk as plain values: BigInt (INT64 without a logical type) becomes a number. */
function plain(values: ArrayLike<unknown>): ArrayLike<unknown> {
  if (values instanceof BigInt64Array) return Array.from(values, Number);
  let first = 0;
  while (first < values.length && values[first] == null) first += 1;
  if (first < values.length && typeof values[first] === 'bigint') {
    return Array.from(values, (value) => (typeof value === 'bigint' ? Number(value) : value));
  }
  return values;
}

/**
 * Every row group of the table's parts in the range, in day order. A column a part does not
 * have (a file older than the column) reads as nulls, as DuckDB's union_by_name does.
 */
export async function* readLakeColumns(
  store: ObjectStore,
  table: Pick<LakeTable, 'name'>,
  range: PartitionRange,
  columns: readonly string[],
): AsyncGenerator<ColumnBatch> {
  for (const { key, dt } of await partitionParts(store, table, range)) {
    const bytes = await store.get(key);
    if (!bytes) continue; // replaced between list and get: the new part is listed next run
    yield* readPartColumns(bytes, dt, columns);
  }
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (
    whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  ) as ArrayBuffer;
}

/** Rows in one Parquet file, from its footer. */
export function parquetRowCount(bytes: Uint8Array): number {
  return Number(parquetMetadata(arrayBufferOf(bytes)).num_rows);
}

/** The row groups of one Parquet file, `columns` only. */
export async function* readPartColumns(
  bytes: Uint8Array,
  dt: string,
  columns: readonly string[],
): AsyncGenerator<ColumnBatch> {
  const file = arrayBufferOf(bytes);
  const metadata = parquetMetadata(file, { parsers: PARSERS });
  const present = new Set(metadata.schema.map((element) => element.name));
  const wanted = columns.filter((name) => present.has(name));
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const length = Number(group.num_rows);
    const data = new Map<string, ArrayLike<unknown>>();
    const pieces = new Map<string, { rowStart: number; values: ArrayLike<unknown> }[]>();
    await parquetRead({
      file,
      metadata,
      columns: wanted,
      rowStart: groupStart,
      rowEnd: groupStart + length,
      parsers: PARSERS,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const list = pieces.get(columnName) ?? [];
        list.push({ rowStart: rowStart - groupStart, values: columnData });
        pieces.set(columnName, list);
      },
    });
    for (const [name, list] of pieces) data.set(name, assemble(list, length));
    const nulls = new Array<null>(length).fill(null);
    yield { dt, length, column: (name) => data.get(name) ?? nulls };
    groupStart += length;
  }
}

/** One column of a row group from the pieces hyparquet emitted (usually one). */
function assemble(
  list: { rowStart: number; values: ArrayLike<unknown> }[],
  length: number,
): ArrayLike<unknown> {
  if (list.length === 1 && list[0]!.rowStart === 0 && list[0]!.values.length === length) {
    return plain(list[0]!.values);
  }
  const out = new Array<unknown>(length).fill(null);
  for (const { rowStart, values } of list) {
    const part = plain(values);
    for (let i = 0; i < part.length && rowStart + i < length; i += 1) {
      if (rowStart + i >= 0) out[rowStart + i] = part[i];
    }
  }
  return out;
}
