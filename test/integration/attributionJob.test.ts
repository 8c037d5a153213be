import { cpSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runAthenaAttribution, STAGING_PREFIX } from '../../shared/attribution/job/athenaEngine.js';
import type { AthenaRunner } from '../../shared/attribution/job/athenaRunner.js';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import type { JobLease } from '../../shared/lake/export/watermark.js';
import { LocalObjectStore } from '../../shared/lake/localObjectStore.js';
import { replacePartition } from '../../shared/lake/partitions.js';
import { eventsTable } from '../../shared/lake/tables/events.js';
import { firstDifference, lakeRows } from '../support/attributionCompare.js';
import { RANDOM_FROM, RANDOM_TO, randomStory, writeEventsLake } from '../support/attributionLake.js';
import { duckdbAthenaRunner, LOCAL_BUCKET_URI, twinDuckdb } from '../support/duckdbTwin.js';
import { tempLakeDir } from '../support/lakeReader.js';

/**
 * The job around the engines: both engines write the same partitions, a rerun replaces a day
 * instead of adding to it, a day's rows do not depend on the range it was run in, and a run
 * that cannot finish leaves the tables as they were.
 */
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

const NOW = new Date(`${RANDOM_TO}T23:00:00Z`);
const RANGE = { from: RANDOM_FROM, to: RANDOM_TO };
const noWait = { initialDelayMs: 1, maxDelayMs: 5 };

async function randomLake(seed: number) {
  const dir = tempLakeDir('attribution-job-');
  dirs.push(dir);
  const store = new LocalObjectStore(dir.dir);
  await writeEventsLake(store, randomStory(seed).arrivals);
  return { root: dir.dir, store };
}

/** A second lake with the same events, so two runs can be compared side by side. */
function copyLake(root: string) {
  const dir = tempLakeDir('attribution-job-copy-');
  dirs.push(dir);
  cpSync(root, dir.dir, { recursive: true });
  return { root: dir.dir, store: new LocalObjectStore(dir.dir) };
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

describe('Athena engine, on a DuckDB stand-in for Athena', () => {
  it('writes the same attribution_credits and pipeline_outcomes partitions as the Lambda engine', async () => {
    // Prepare
    const lambda = await randomLake(11);
    const athena = copyLake(lambda.root);
    const db = await twinDuckdb(athena.root);
    const runner = duckdbAthenaRunner(db, athena.root);

    // Act
    const lambdaSummary = await runAttributionJob({ store: lambda.store, now: () => NOW }, RANGE);
    const athenaSummary = await runAthenaAttribution(
      {
        store: athena.store,
        now: () => NOW,
        runner,
        s3Uri: (key) => `${LOCAL_BUCKET_URI}${key}`,
        wait: noWait,
      },
      RANGE,
    );
    db.close();

    // Assess
    const expected = await tables(lambda.root);
    const actual = await tables(athena.root);
    expect(expected.credits.length).toBeGreaterThan(100);
    expect(firstDifference(actual.credits, expected.credits)).toBeUndefined();
    expect(firstDifference(actual.outcomes, expected.outcomes)).toBeUndefined();
    expect(runner.started).toHaveLength(2);
    expect(runner.started[0]).toMatch(/^UNLOAD \(\nWITH\n/);
    expect(runner.started[0]).toContain(
      `TO '${LOCAL_BUCKET_URI}${STAGING_PREFIX}${athenaSummary.runId}/attribution_credits/'`,
    );
    expect(await athena.store.list(STAGING_PREFIX)).toEqual([]);
    const { runId: _a, seconds: _b, read: _c, engine: _d, ...same } = lambdaSummary;
    expect(athenaSummary).toMatchObject({ ...same, engine: 'athena' });
  });

  it('throws the query’s failure reason and changes no table when a query fails', async () => {
    // Prepare: a first run wrote the tables; the next one's second query fails.
    const { root, store } = await randomLake(12);
    await runAttributionJob({ store, now: () => NOW }, RANGE);
    const before = await tables(root);
    const db = await twinDuckdb(root);
    const duck = duckdbAthenaRunner(db, root);
    let queries = 0;
    const runner: AthenaRunner = {
      start: async (sql) => {
        queries += 1;
        return duck.start(queries === 2 ? sql.replace('FROM outcomes AS o', 'FROM no_such_table AS o') : sql);
      },
      status: (id) => duck.status(id),
    };

    // Act
    const run = runAthenaAttribution(
      { store, now: () => NOW, runner, s3Uri: (key) => `${LOCAL_BUCKET_URI}${key}`, wait: noWait },
      RANGE,
    );

    // Assess
    await expect(run).rejects.toThrow(/Athena query pipeline_outcomes \(q-2\) FAILED: .*no_such_table/);
    db.close();
    expect(await tables(root)).toEqual(before);
    expect(await store.list(STAGING_PREFIX)).toEqual([]);
  });
});

describe('Lambda engine job', () => {
  it('rewrites its days on a rerun: the same rows, in the new run’s parts only', async () => {
    const { root, store } = await randomLake(13);
    await runAttributionJob({ store, now: () => NOW }, { ...RANGE, runId: 'first' });
    const first = await tables(root);

    const again = await runAttributionJob({ store, now: () => NOW }, { ...RANGE, runId: 'second' });

    expect(await tables(root)).toEqual(first);
    const parts = (await store.list('lake/attribution_credits/')).concat(
      await store.list('lake/pipeline_outcomes/'),
    );
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.filter((key) => !key.includes('/part-second-'))).toEqual([]);
    expect(again.rows.attribution_credits).toBe(first.credits.length);
  });

  it('gives a day the same rows whether run alone or in a longer range', async () => {
    const wide = await randomLake(14);
    const narrow = copyLake(wide.root);

    await runAttributionJob({ store: wide.store, now: () => NOW }, RANGE);
    await runAttributionJob({ store: narrow.store, now: () => NOW }, { from: RANDOM_TO, to: RANDOM_TO });

    const day = (rows: string[]) => rows.filter((row) => row.includes(`"dt":"${RANDOM_TO}"`));
    const expected = await tables(wide.root);
    const actual = await tables(narrow.root);
    expect(day(expected.outcomes).length).toBeGreaterThan(3);
    expect(actual.outcomes).toEqual(day(expected.outcomes));
    expect(actual.credits).toEqual(day(expected.credits));
  });

  it('empties a day whose outcomes are gone from the lake', async () => {
    const { root, store } = await randomLake(15);
    await runAttributionJob({ store, now: () => NOW }, RANGE);
    // Every events partition is emptied: no outcome is left.
    for (const key of await store.list('lake/events/')) {
      await replacePartition(store, eventsTable, key.split('dt=')[1]!.slice(0, 10), [], 'emptied');
    }

    const summary = await runAttributionJob({ store, now: () => NOW }, RANGE);

    expect(summary.outcomes).toBe(0);
    expect(await tables(root)).toEqual({ credits: [], outcomes: [] });
  });

  it('writes nothing while another run holds the lease', async () => {
    const { store } = await randomLake(16);
    const lease: JobLease = {
      acquire: async () => ({ acquired: false, heldBy: 'other-run', until: '2026-03-10T23:15:00.000Z' }),
      release: async () => {},
    };
    const lines: string[] = [];

    const summary = await runAttributionJob(
      { store, lease, now: () => NOW, progress: (l) => lines.push(l) },
      RANGE,
    );

    expect(summary.skipped).toBe(
      'another attribution run (other-run) holds the lease until 2026-03-10T23:15:00.000Z',
    );
    expect(await store.list('lake/attribution_credits/')).toEqual([]);
    expect(lines).toContain(`attribution: skipped: ${summary.skipped}`);
  });
});
