import {
  AthenaClient,
  GetQueryExecutionCommand,
  type QueryExecutionState,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AthenaQueryError } from '../../../shared/attribution/job/athenaRunner.js';
import { SdkAthenaRunner } from '../../../shared/attribution/job/sdkAthenaRunner.js';
import { parseConfig } from '../../../shared/config/programConfig.js';
import { LocalObjectStore } from '../../../shared/lake/localObjectStore.js';
import { writeParquet } from '../../../shared/lake/parquet.js';
import { replacePartition } from '../../../shared/lake/partitions.js';
import { scorecardsTable } from '../../../shared/lake/tables/scorecards.js';
import { runSqlScorecards, SCORECARDS_STAGING_PREFIX } from '../../../shared/scorecards/job/sqlEngine.js';
import { settingsFrom } from '../../../shared/scorecards/scorecards.js';
import { tempLakeDir } from '../../support/lakeReader.js';
import { lakeRow } from '../../support/lakeRow.js';

/**
 * The scorecards' Athena engine through the real SDK adapter, with Athena's answers from
 * aws-sdk-client-mock: the query's lifecycle (queued, running, succeeded, failed with a reason,
 * cancelled, stopped on timeout) and what each leaves in the lake. A "successful" UNLOAD is
 * played by writing the staged part the query would have written.
 */
const athena = mockClient(AthenaClient);
afterEach(() => athena.reset());
const dirs: { remove: () => void }[] = [];
afterAll(() => {
  for (const dir of dirs) dir.remove();
});

const DAY = '2026-11-10';
const NOW = new Date(`${DAY}T23:00:00Z`);
const QUERY_ID = 'q-0001';
const SETTINGS = settingsFrom(
  parseConfig({
    version: 1,
    programs: {},
    fees: { currency: 'USD', smsPerSegmentMicros: { US: 7900 }, mmsPerMessageMicros: {} },
  }),
);
const row = (key: string) =>
  lakeRow(scorecardsTable, { period: 'day', period_start: DAY, level: 'campaign', key, currency: 'USD' });

async function harness() {
  const dir = tempLakeDir('scorecards-athena-');
  dirs.push(dir);
  const store = new LocalObjectStore(dir.dir);
  // Yesterday's partition as an earlier run left it: a failed run must not touch it.
  await replacePartition(store, scorecardsTable, '2026-11-09', [row('before')], 'old-run');
  let now = 0;
  const wait = {
    sleep: async (ms: number) => {
      now += ms;
    },
    clock: () => now,
    random: () => 0,
    timeoutMs: 60_000,
  };
  const runner = new SdkAthenaRunner(new AthenaClient({ region: 'eu-west-1' }), {
    workGroup: 'wg',
    database: 'lake',
  });
  const ports = {
    store,
    now: () => NOW,
    runner,
    s3Uri: (key: string) => `s3://lake-bucket/${key}`,
    wait,
  };
  const options = { from: '2026-11-09', to: DAY, runId: 'run-1' };
  return { store, ports, options };
}

/** Athena answers each state once, in order, then the last one for good (with bytes scanned). */
function states(...list: QueryExecutionState[]) {
  const mock = athena.on(GetQueryExecutionCommand);
  for (const State of list.slice(0, -1)) mock.resolvesOnce({ QueryExecution: { Status: { State } } });
  mock.resolves({
    QueryExecution: { Status: { State: list.at(-1)! }, Statistics: { DataScannedInBytes: 4096 } },
  });
}

const partKeys = async (store: LocalObjectStore, day: string) =>
  (await store.list(`lake/scorecards/dt=${day}/`)).filter((key) => key.endsWith('.parquet'));

describe('Function: runSqlScorecards on Athena (aws-sdk-client-mock)', () => {
  it('waits through QUEUED and RUNNING, then replaces each day with the staged parts and clears the staging', async () => {
    // Prepare: the UNLOAD "writes" today's part only; yesterday becomes empty.
    const { store, ports, options } = await harness();
    athena.on(StartQueryExecutionCommand).callsFake(async () => {
      const staged = `${SCORECARDS_STAGING_PREFIX}run-1/2026-11-09/dt=${DAY}/20261110_part0.parquet`;
      await store.put(staged, writeParquet(scorecardsTable, [row('sale'), row('spring')]));
      return { QueryExecutionId: QUERY_ID };
    });
    states('QUEUED', 'RUNNING', 'SUCCEEDED');

    // Act
    const summary = await runSqlScorecards(ports, SETTINGS, options, 'athena');

    // Assess
    const sql = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString!;
    expect(sql).toMatch(/^UNLOAD \(\nWITH\n/);
    expect(sql).toContain("TO 's3://lake-bucket/lake/_staging/scorecards/run-1/2026-11-09/'");
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(summary).toMatchObject({ engine: 'athena', days: ['2026-11-09', DAY], rows: 2 });
    expect(summary.queries).toEqual([expect.objectContaining({ queryId: QUERY_ID, scannedBytes: 4096 })]);
    expect(await partKeys(store, '2026-11-09')).toEqual([]);
    expect(await partKeys(store, DAY)).toHaveLength(1);
    expect(await store.list(SCORECARDS_STAGING_PREFIX)).toEqual([]);
  });

  it.each([
    ['FAILED', 'SYNTAX_ERROR: line 3:1: Column x cannot be resolved'],
    ['CANCELLED', 'Query cancelled by user'],
  ] as const)(
    'fails the run with Athena’s reason when the query ends %s, and changes no day',
    async (state, reason) => {
      const { store, ports, options } = await harness();
      athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
      athena
        .on(GetQueryExecutionCommand)
        .resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } })
        .resolves({ QueryExecution: { Status: { State: state, StateChangeReason: reason } } });

      const failure = runSqlScorecards(ports, SETTINGS, options, 'athena');

      await expect(failure).rejects.toThrow(AthenaQueryError);
      await expect(failure).rejects.toThrow(`Athena query scorecards (${QUERY_ID}) ${state}: ${reason}`);
      expect(await partKeys(store, '2026-11-09')).toHaveLength(1);
      expect(await partKeys(store, DAY)).toEqual([]);
    },
  );

  it('stops a query still running when the budget is spent, and changes no day', async () => {
    const { store, ports, options } = await harness();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});

    await expect(runSqlScorecards(ports, SETTINGS, options, 'athena')).rejects.toThrow(
      /still RUNNING after \d+ s; stopped/,
    );
    expect(athena.commandCalls(StopQueryExecutionCommand)[0]!.args[0].input).toEqual({
      QueryExecutionId: QUERY_ID,
    });
    expect(await partKeys(store, '2026-11-09')).toHaveLength(1);
  });

  it('runs a range longer than UNLOAD’s 100 partitions as slices sharing one budget', async () => {
    const { ports } = await harness();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    states('SUCCEEDED');

    const summary = await runSqlScorecards(
      ports,
      SETTINGS,
      { from: '2026-07-01', to: DAY, runId: 'run-2' },
      'athena',
    );

    const targets = athena
      .commandCalls(StartQueryExecutionCommand)
      .map((call) => /TO '([^']+)'/.exec(call.args[0].input.QueryString!)![1]);
    expect(targets).toEqual([
      's3://lake-bucket/lake/_staging/scorecards/run-2/2026-07-01/',
      's3://lake-bucket/lake/_staging/scorecards/run-2/2026-10-09/',
    ]);
    expect(summary.days).toHaveLength(133);
  });
});
