import { z } from 'zod';

/**
 * The lake's one truth: each table is defined once here — columns with their zod type, their
 * storage kind and a description — and everything else derives from it: the Parquet schema
 * the writer uses, the Glue columns CDK creates, the DuckDB views analysts query locally and
 * the data dictionary in the README.
 */
export type ColumnKind = 'string' | 'json' | 'timestamp' | 'date' | 'int' | 'bigint' | 'double' | 'boolean';

export interface LakeColumn<S extends z.ZodType = z.ZodType> {
  kind: ColumnKind;
  description: string;
  nullable: boolean;
  /** The value the writer accepts for this column (null allowed when nullable). */
  schema: S;
}

const BASE: Record<ColumnKind, z.ZodType> = {
  string: z.string(),
  json: z.string(),
  timestamp: z.date(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  int: z
    .number()
    .int()
    .min(-(2 ** 31))
    .max(2 ** 31 - 1),
  bigint: z.bigint(),
  double: z.number(),
  boolean: z.boolean(),
};

function make<K extends ColumnKind>(kind: K) {
  return (description: string, options: { nullable?: boolean } = {}): LakeColumn => {
    const nullable = options.nullable ?? false;
    return { kind, description, nullable, schema: nullable ? BASE[kind].nullable() : BASE[kind] };
  };
}

/** Column constructors: `column.string('What it is')`, `column.bigint('…', { nullable: true })`. */
export const column = {
  string: make('string'),
  /** A JSON document stored as a string (Athena: json_extract; DuckDB: ->>). */
  json: make('json'),
  /** UTC instant, millisecond precision. */
  timestamp: make('timestamp'),
  date: make('date'),
  int: make('int'),
  /** 64-bit integer: money in minor units, counts. Written as BigInt. */
  bigint: make('bigint'),
  double: make('double'),
  boolean: make('boolean'),
};

/** Every table is partitioned by day, Hive style: `lake/<table>/dt=YYYY-MM-DD/<part>.parquet`. */
export const PARTITION_KEY = 'dt';

export interface LakeTable<C extends Record<string, LakeColumn> = Record<string, LakeColumn>> {
  name: string;
  description: string;
  /** What `dt` means for this table (e.g. the UTC day the event arrived). */
  partitionDescription: string;
  columns: C;
  /** Validates one row before it is written. */
  rowSchema: z.ZodObject<{ [K in keyof C]: C[K]['schema'] }>;
}

export type LakeRow<T extends LakeTable> = z.infer<T['rowSchema']>;

export function defineLakeTable<C extends Record<string, LakeColumn>>(definition: {
  name: string;
  description: string;
  partitionDescription: string;
  columns: C;
}): LakeTable<C> {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name))
    throw new Error(`lake table name "${definition.name}" must be snake_case`);
  for (const name of Object.keys(definition.columns)) {
    if (!/^[a-z][a-z0-9_]*$/.test(name))
      throw new Error(`column ${definition.name}.${name} must be snake_case`);
    if (name === PARTITION_KEY)
      throw new Error(`column ${definition.name}.${name} clashes with the partition key`);
  }
  const shape = Object.fromEntries(
    Object.entries(definition.columns).map(([name, col]) => [name, col.schema]),
  );
  return { ...definition, rowSchema: z.object(shape) as LakeTable<C>['rowSchema'] };
}
