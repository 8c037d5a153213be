import {
  AthenaClient,
  GetQueryExecutionCommand,
  type GetQueryExecutionOutput,
  InvalidRequestException,
  type QueryExecutionState,
  type QueryExecutionStatus,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { ATHENA_ENV } from '../../../shared/attribution/job/athenaEnv.js';
import { AthenaQueryError, runAthenaQuery } from '../../../shared/attribution/job/athenaRunner.js';
import {
  isThrottling,
  SdkAthenaRunner,
  sdkAthenaRunner,
} from '../../../shared/attribution/job/sdkAthenaRunner.js';

/**
 * The Athena adapter's calls, as the SDK sends them (aws-sdk-client-mock replaces the client's
 * `send`, so the SDK's own retries are out of the picture and only the adapter's show).
 */
const athena = mockClient(AthenaClient);
afterEach(() => athena.reset());

const TARGET = { workGroup: 'SmsRevenue-analytics', database: 'sms_revenue_lake' };
const QUERY_ID = '9b2c1f4e-0000-4000-8000-000000000001';

/** A runner and a waiting loop whose pauses are recorded instead of slept; jitter off (random 0). */
function harness(retry: { maxAttempts?: number } = {}) {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  const runner = new SdkAthenaRunner(new AthenaClient({ region: 'eu-west-1' }), TARGET, {
    sleep,
    random: () => 0,
    ...retry,
  });
  let now = 0;
  const wait = {
    sleep: async (ms: number) => {
      now += ms;
    },
    clock: () => now,
    random: () => 0,
  };
  return { runner, sleeps, wait };
}

const status = (State: QueryExecutionState, extra: QueryExecutionStatus = {}): GetQueryExecutionOutput => ({
  QueryExecution: { QueryExecutionId: QUERY_ID, Status: { State, ...extra } },
});

const throttled = () =>
  new TooManyRequestsException({
    message: 'Rate exceeded',
    $metadata: {},
    Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED',
  });

describe('Adapter: SdkAthenaRunner', () => {
  it('starts the query in the workgroup, with the lake database as context and the workgroup’s result location', async () => {
    // Prepare
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    const { runner } = harness();

    // Act
    const id = await runner.start('SELECT 1');

    // Assess
    expect(id).toBe(QUERY_ID);
    const [call] = athena.commandCalls(StartQueryExecutionCommand);
    const input = call!.args[0].input;
    expect(input).toEqual({
      QueryString: 'SELECT 1',
      WorkGroup: 'SmsRevenue-analytics',
      QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'sms_revenue_lake' },
      ClientRequestToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(input).not.toHaveProperty('ResultConfiguration');
  });

  it('waits through QUEUED and RUNNING polls until SUCCEEDED, and reports the bytes scanned', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce(status('QUEUED'))
      .resolvesOnce(status('RUNNING'))
      .resolvesOnce(status('RUNNING'))
      .resolves({
        QueryExecution: {
          QueryExecutionId: QUERY_ID,
          Status: { State: 'SUCCEEDED' },
          Statistics: { DataScannedInBytes: 52_428_800 },
        },
      });
    const { runner, wait } = harness();

    const run = await runAthenaQuery(runner, 'SELECT 1', 'credits', wait);

    // Jitter 0: half of 250, 500, 1 000, 2 000.
    expect(run).toEqual({
      queryId: QUERY_ID,
      polls: 4,
      waitedMs: 125 + 250 + 500 + 1000,
      scannedBytes: 52_428_800,
    });
    const polls = athena.commandCalls(GetQueryExecutionCommand).map((c) => c.args[0].input);
    expect(polls).toEqual(Array.from({ length: 4 }, () => ({ QueryExecutionId: QUERY_ID })));
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });

  it.each([
    ['FAILED', { StateChangeReason: 'COLUMN_NOT_FOUND: line 3:7: Column x cannot be resolved' }],
    ['CANCELLED', { StateChangeReason: 'Query cancelled by user' }],
  ] as const)('surfaces the query id and Athena’s reason when the query ends %s', async (state, extra) => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    athena.on(GetQueryExecutionCommand).resolvesOnce(status('RUNNING')).resolves(status(state, extra));
    const { runner, wait } = harness();

    const error = await runAthenaQuery(runner, 'SELECT x', 'pipeline_outcomes', wait).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AthenaQueryError);
    expect(error).toMatchObject({ queryId: QUERY_ID, state, reason: extra.StateChangeReason });
    expect((error as Error).message).toBe(
      `Athena query pipeline_outcomes (${QUERY_ID}) ${state}: ${extra.StateChangeReason}`,
    );
  });

  it('takes the reason from AthenaError when the status has no StateChangeReason', async () => {
    athena.on(GetQueryExecutionCommand).resolves(
      status('FAILED', {
        AthenaError: { ErrorCategory: 2, ErrorType: 1301, ErrorMessage: 'Access denied' },
      }),
    );
    const { runner } = harness();

    expect(await runner.status(QUERY_ID)).toEqual({ state: 'FAILED', reason: 'Access denied' });
  });

  it('retries a throttled start with the same ClientRequestToken, so Athena starts one query', async () => {
    athena
      .on(StartQueryExecutionCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ QueryExecutionId: QUERY_ID });
    const { runner, sleeps } = harness();

    const id = await runner.start('SELECT 1');

    expect(id).toBe(QUERY_ID);
    const tokens = athena
      .commandCalls(StartQueryExecutionCommand)
      .map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    // Jitter 0: half of 500, then half of 1 000.
    expect(sleeps).toEqual([250, 500]);
  });

  it('retries a throttled status poll and carries on waiting', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    const rateExceeded = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    athena
      .on(GetQueryExecutionCommand)
      .rejectsOnce(rateExceeded)
      .resolvesOnce(status('RUNNING'))
      .resolves(status('SUCCEEDED'));
    const { runner, wait, sleeps } = harness();

    const run = await runAthenaQuery(runner, 'SELECT 1', 'q', wait);

    expect(run.polls).toBe(2);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(sleeps).toEqual([250]);
  });

  it('gives up on throttling after maxAttempts and lets the last error through', async () => {
    athena.on(StartQueryExecutionCommand).rejects(throttled());
    const { runner, sleeps } = harness({ maxAttempts: 3 });

    await expect(runner.start('SELECT 1')).rejects.toBeInstanceOf(TooManyRequestsException);

    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('does not retry an error that is not throttling', async () => {
    athena
      .on(StartQueryExecutionCommand)
      .rejects(new InvalidRequestException({ message: 'line 1:8: mismatched input', $metadata: {} }));
    const { runner, sleeps } = harness();

    await expect(runner.start('SELEC 1')).rejects.toThrow('mismatched input');

    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops a query that outlives the timeout', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: QUERY_ID });
    athena.on(GetQueryExecutionCommand).resolves(status('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const { runner, wait } = harness();

    const error = await runAthenaQuery(runner, 'SELECT 1', 'slow', { ...wait, timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );

    // Jitter 0: 125 + 250 + 500 + 1 000 + 2 000 + 4 000 = 7 875 ms < 10 000 after 6 polls; the 7th
    // pause (5 000, half the 10 s cap) makes 12 875 ms ≥ 10 000: stop.
    expect(error).toMatchObject({ state: 'TIMED_OUT', queryId: QUERY_ID });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(7);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { QueryExecutionId: QUERY_ID },
    ]);
  });

  it('refuses a status it does not know', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { QueryExecutionId: QUERY_ID } });
    const { runner } = harness();

    await expect(runner.status(QUERY_ID)).rejects.toThrow(
      `Athena query ${QUERY_ID}: unexpected state (none)`,
    );
  });
});

describe('Function: isThrottling', () => {
  it.each([
    [throttled(), true],
    [Object.assign(new Error('x'), { name: 'ThrottlingException' }), true],
    [Object.assign(new Error('x'), { $retryable: { throttling: true } }), true],
    [new InvalidRequestException({ message: 'bad', $metadata: {} }), false],
    [new Error('ThrottlingException in the message only'), false],
    ['TooManyRequestsException', false],
  ])('%o -> %s', (error, expected) => {
    expect(isThrottling(error)).toBe(expected);
  });
});

describe('Function: sdkAthenaRunner', () => {
  it('names the variables it needs when the stack did not set them', () => {
    expect(() => sdkAthenaRunner({ [ATHENA_ENV.workGroup]: 'wg' })).toThrow(
      /needs ATHENA_WORKGROUP and ATHENA_DATABASE/,
    );
  });

  it('builds a runner from them', () => {
    expect(sdkAthenaRunner({ [ATHENA_ENV.workGroup]: 'wg', [ATHENA_ENV.database]: 'db' })).toBeInstanceOf(
      SdkAthenaRunner,
    );
  });
});
