import { cpSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runAthenaAttribution, STAGING_PREFIX } from '../../shared/attribution/job/athenaEngine.js';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { addDays } from '../../shared/jobs/days.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { firstDifference, lakeRows } from '../support/attributionCompare.js';
import { RANDOM_FROM, RANDOM_TO, randomStory, writeEventsLake } from '../support/attributionLake.js';
import { duckdbAthenaRunner, LOCAL_BUCKET_URI, twinDuckdb } from '../support/duckdbTwin.js';
import { MemoryJobState } from '../support/fakes.js';
import { tempLakeDir } from '../support/lakeReader.js';

/**
 * The Athena engine over more days than one UNLOAD may write (100 partitions): it runs the
 * range in slices, each a pair of queries over its own days, and writes what the Lambda engine
 * writes for the whole range. Slices of 4 days stand in for slices of 100.
 */
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

const NOW = new Date(`${RANDOM_TO}T23:00:00Z`);
const SLICE_DAYS = 4;

async function lakeCopies(seed: number) {
  const lambda = tempLakeDir('attribution-athena-');
  const athena = tempLakeDir('attribution-athena-copy-');
  dirs.push(lambda, athena);
  await writeEventsLake(new LocalObjectStore(lambda.dir), randomStory(seed).arrivals);
  cpSync(lambda.dir, athena.dir, { recursive: true });
  return { lambda: lambda.dir, athena: athena.dir };
}

async function tables(root: string) {
  const db = await twinDuckdb(root);
  try {
    return {
      credits: await lakeRows(db, 'attribution_credits'),
      outcomes: await lakeRows(db, 'pipeline_outcomes'),
    };
  } finally {
    db.close();
  }
}

describe('Athena engine in slices, on a DuckDB stand-in for Athena', () => {
  it('runs a range longer than a slice as slices, and writes what the Lambda engine writes', async () => {
    // Prepare: the random lake's whole range (10 days), in slices of 4, 4 and 2 days.
    const roots = await lakeCopies(21);
    const range = { from: RANDOM_FROM, to: RANDOM_TO };
    const athenaStore = new LocalObjectStore(roots.athena);
    const db = await twinDuckdb(roots.athena);
    const runner = duckdbAthenaRunner(db, roots.athena);
    const state = new MemoryJobState();
    const lines: string[] = [];

    // Act
    await runAttributionJob({ store: new LocalObjectStore(roots.lambda), now: () => NOW }, range);
    const summary = await runAthenaAttribution(
      {
        store: athenaStore,
        now: () => NOW,
        watermark: state,
        lease: state,
        runner,
        s3Uri: (key) => `${LOCAL_BUCKET_URI}${key}`,
        wait: { initialDelayMs: 1, maxDelayMs: 5 },
        maxDaysPerQuery: SLICE_DAYS,
        progress: (line) => lines.push(line),
      },
      range,
    );
    db.close();

    // Assess: 3 slices, two queries each, covering every day once and in order.
    expect(summary.days).toEqual(Array.from({ length: 10 }, (_, i) => addDays(RANDOM_FROM, i)));
    expect(runner.started).toHaveLength(2 * 3);
    const covered = summary.queries!.filter((q) => q.table === 'pipeline_outcomes');
    expect(covered.map((q) => [q.from, q.to])).toEqual([
      [summary.days[0], summary.days[3]],
      [summary.days[4], summary.days[7]],
      [summary.days[8], summary.days[9]],
    ]);
    const expected = await tables(roots.lambda);
    const actual = await tables(roots.athena);
    expect(expected.credits.length).toBeGreaterThan(100);
    expect(firstDifference(actual.credits, expected.credits)).toBeUndefined();
    expect(firstDifference(actual.outcomes, expected.outcomes)).toBeUndefined();
    expect(await athenaStore.list(STAGING_PREFIX)).toEqual([]);
    expect(state.mark?.day).toBe(RANDOM_TO);
    expect(lines.filter((line) => line.includes(' unloaded by '))).toHaveLength(2 * 3);
  });
});
