import { describe, expect, it } from 'vitest';
import {
  AthenaQueryError,
  type AthenaQueryStatus,
  type AthenaRunner,
  runAthenaQuery,
} from '../../../shared/attribution/job/athenaRunner.js';

/**
 * A runner whose query goes through `states` one status call at a time; a clock the sleeps
 * move; jitter that adds the whole second half (random 0.999…, so pauses round to the backoff).
 */
function scripted(states: AthenaQueryStatus[], random = () => 1 - Number.EPSILON) {
  const sleeps: number[] = [];
  let now = 0;
  const started: string[] = [];
  const stopped: string[] = [];
  const runner: AthenaRunner = {
    start: async (sql) => {
      started.push(sql);
      return 'qid-1';
    },
    status: async (id) => {
      expect(id).toBe('qid-1');
      return states.shift() ?? { state: 'RUNNING' };
    },
    stop: async (id) => {
      stopped.push(id);
    },
  };
  const options = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    clock: () => now,
    random,
  };
  return { runner, options, sleeps, started, stopped };
}

describe('Function: runAthenaQuery', () => {
  it('waits with doubling pauses, capped, until the query succeeds', async () => {
    // Prepare
    const running = Array.from({ length: 8 }, () => ({ state: 'RUNNING' as const }));
    const { runner, options, sleeps, started } = scripted([
      { state: 'QUEUED' },
      ...running,
      { state: 'SUCCEEDED', scannedBytes: 1234 },
    ]);

    // Act
    const run = await runAthenaQuery(runner, 'SELECT 1', 'probe', { ...options, maxDelayMs: 10_000 });

    // Assess: 250, 500, … 8 000, then 10 000 (the cap) for the rest.
    expect(started).toEqual(['SELECT 1']);
    expect(sleeps).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
    expect(run).toEqual({
      queryId: 'qid-1',
      polls: 10,
      waitedMs: sleeps.reduce((a, b) => a + b),
      scannedBytes: 1234,
    });
  });

  it('takes up to half of each pause off at random (equal jitter)', async () => {
    // random 0: every pause is half its backoff (125, 250, 500); random 0.5: three quarters.
    const low = scripted([{ state: 'RUNNING' }, { state: 'RUNNING' }, { state: 'SUCCEEDED' }], () => 0);
    const mid = scripted([{ state: 'RUNNING' }, { state: 'RUNNING' }, { state: 'SUCCEEDED' }], () => 0.5);

    await runAthenaQuery(low.runner, 'SELECT 1', 'q', low.options);
    await runAthenaQuery(mid.runner, 'SELECT 1', 'q', mid.options);

    expect(low.sleeps).toEqual([125, 250, 500]);
    // 250 × 0.75 = 187.5 -> 188; 500 × 0.75 = 375; 1000 × 0.75 = 750.
    expect(mid.sleeps).toEqual([188, 375, 750]);
  });

  it.each([
    ['FAILED', 'SYNTAX_ERROR: line 3:7: Column x cannot be resolved'],
    ['CANCELLED', 'Query cancelled by user'],
  ] as const)('throws an AthenaQueryError with the reason when the query ends %s', async (state, reason) => {
    const { runner, options } = scripted([{ state: 'RUNNING' }, { state, reason }]);

    const error = await runAthenaQuery(runner, 'SELECT x', 'credits', options).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AthenaQueryError);
    expect(error).toMatchObject({ queryId: 'qid-1', state, reason });
    expect((error as Error).message).toBe(`Athena query credits (qid-1) ${state}: ${reason}`);
  });

  it('says when Athena gives no reason', async () => {
    const { runner, options } = scripted([{ state: 'FAILED' }]);

    await expect(runAthenaQuery(runner, 'SELECT 1', 'q', options)).rejects.toThrow(
      'Athena query q (qid-1) FAILED: no reason given',
    );
  });

  it('gives up after the timeout with the state the query was still in, and stops the query', async () => {
    const { runner, options, sleeps, stopped } = scripted([]);
    // 250 + 500 + … + 8 000 + 5 × 10 000 = 65 750 ms: the first status past one minute.

    const error = await runAthenaQuery(runner, 'SELECT 1', 'slow', { ...options, timeoutMs: 60_000 }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ name: 'AthenaQueryError', state: 'TIMED_OUT', queryId: 'qid-1' });
    expect((error as Error).message).toBe('Athena query slow (qid-1) still RUNNING after 66 s; stopped');
    expect(sleeps.reduce((a, b) => a + b)).toBe(65_750);
    expect(stopped).toEqual(['qid-1']);
  });

  it('still reports the timeout when stopping the query fails', async () => {
    const { runner, options } = scripted([]);
    runner.stop = async () => {
      throw new Error('AccessDeniedException');
    };

    await expect(
      runAthenaQuery(runner, 'SELECT 1', 'slow', { ...options, timeoutMs: 1_000 }),
    ).rejects.toMatchObject({ state: 'TIMED_OUT' });
  });

  it('lets an error asking for the status through (the adapter retries throttling, not this loop)', async () => {
    const runner: AthenaRunner = {
      start: async () => 'qid-2',
      status: async () => {
        throw new Error('AccessDeniedException: not authorized to perform athena:GetQueryExecution');
      },
    };

    await expect(runAthenaQuery(runner, 'SELECT 1', 'q', { sleep: async () => {} })).rejects.toThrow(
      'AccessDeniedException',
    );
  });
});
