import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbViewSql, lakeGlob } from '../../../shared/lake/duckdb.js';
import { GLUE_COMMENT_MAX, glueColumns, glueComment, gluePartitionKeys } from '../../../shared/lake/glue.js';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../../shared/lake/partitions.js';
import { LAKE_TABLES } from '../../../shared/lake/tables/index.js';
import { duckdb, everyKindRows, everyKindTable, tempDir } from './lakeSamples.js';

let tmp: ReturnType<typeof tempDir>;
let db: Awaited<ReturnType<typeof duckdb>>;
beforeAll(async () => {
  tmp = tempDir();
  db = await duckdb();
});
afterAll(() => {
  db.close();
  tmp.remove();
});

describe('Function: glueComment', () => {
  it('keeps a short description as it is', () => {
    expect(glueComment('Salted SHA-256 (hex).')).toBe('Salted SHA-256 (hex).');
  });

  it('folds newlines, which Glue comments cannot hold, into spaces', () => {
    expect(glueComment('one\n  two\r\nthree')).toBe('one two three');
  });

  it('cuts a long description to 255 characters with an ellipsis', () => {
    const comment = glueComment('é'.repeat(300));
    expect([...comment]).toHaveLength(GLUE_COMMENT_MAX);
    expect(comment.endsWith('é…')).toBe(true);
  });

  it('keeps every registered column and partition comment within Glue’s limits', () => {
    for (const table of LAKE_TABLES) {
      for (const { comment } of [...glueColumns(table), ...gluePartitionKeys(table)]) {
        expect([...comment].length).toBeLessThanOrEqual(GLUE_COMMENT_MAX);
        expect(comment).not.toMatch(/[\r\n]/);
      }
    }
  });
});

describe('Function: duckdbViewSql', () => {
  it('reads every day of the table under a root whose path needs quoting', async () => {
    // Prepare
    const root = join(tmp.dir, "analyst's lake");
    mkdirSync(root);
    const store = new LocalObjectStore(root);
    const [first, second] = everyKindRows();
    await replacePartition(store, everyKindTable, '2026-11-24', [first], 'r1');
    await replacePartition(store, everyKindTable, '2026-11-25', [second, second], 'r1');
    // Act
    await db.connection.run(duckdbViewSql(everyKindTable, root));
    // Assess
    expect(await db.rows('SELECT dt, count(*) AS n FROM every_kind GROUP BY dt ORDER BY dt')).toEqual([
      { dt: '2026-11-24', n: 1n },
      { dt: '2026-11-25', n: 2n },
    ]);
    expect(
      await db.rows("SELECT doc->>'$.utm.source' AS source FROM every_kind WHERE dt = '2026-11-24'"),
    ).toEqual([{ source: 'sms' }]);
  });

  it('globs lake/<table>/<partition>/*.parquet under the root, trailing slash or not', () => {
    expect(lakeGlob(everyKindTable, '/data/lake-bucket/')).toBe(
      '/data/lake-bucket/lake/every_kind/*/*.parquet',
    );
    expect(lakeGlob(everyKindTable, '/data/lake-bucket')).toBe(
      '/data/lake-bucket/lake/every_kind/*/*.parquet',
    );
  });
});
