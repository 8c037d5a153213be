import { type ColumnKind, type LakeTable, PARTITION_KEY } from './lakeTable.js';

/** The Hive DDL type Athena declares for each column kind; parquet.ts says why each one reads back as declared. */
export const GLUE_TYPES: Record<ColumnKind, string> = {
  string: 'string',
  json: 'string',
  timestamp: 'timestamp',
  date: 'date',
  int: 'int',
  bigint: 'bigint',
  double: 'double',
  boolean: 'boolean',
};

/** Glue's limit on a column comment. */
export const GLUE_COMMENT_MAX = 255;

/** One column as `AWS::Glue::Table` takes it (CfnTable.ColumnProperty). */
export interface GlueColumn {
  name: string;
  type: string;
  comment: string;
}

/**
 * A Glue comment from a description: one line (the comment pattern allows no newlines) and at
 * most 255 characters, cut with an ellipsis; the README dictionary keeps the full text.
 */
export function glueComment(description: string): string {
  const oneLine = description.replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length <= GLUE_COMMENT_MAX ? oneLine : `${chars.slice(0, GLUE_COMMENT_MAX - 1).join('')}…`;
}

/** The table's data columns, in registry order (the order the Parquet files hold them). */
export function glueColumns(table: LakeTable): GlueColumn[] {
  return Object.entries(table.columns).map(([name, column]) => ({
    name,
    type: GLUE_TYPES[column.kind],
    comment: glueComment(column.description),
  }));
}

/**
 * The partition key: `dt` as a string `YYYY-MM-DD`, the form partition projection's `date`
 * type matches against the `dt=YYYY-MM-DD` folders (analysts write `WHERE dt = '2026-11-25'`).
 */
export function gluePartitionKeys(table: LakeTable): GlueColumn[] {
  return [{ name: PARTITION_KEY, type: 'string', comment: glueComment(table.partitionDescription) }];
}
