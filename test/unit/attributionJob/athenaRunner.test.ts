import { describe, expect, it } from 'vitest';
import {
  AthenaQueryError,
  type AthenaQueryStatus,
  type AthenaRunner,
  runAthenaQuery,
} from '../../../shared/attribution/job/athenaRunner.js';

/** A runner whose query goes through `states` one status call at a time; a clock the sleeps move. */
function scripted(states: AthenaQueryStatus[]) {
  const sleeps: number[] = [];
  let now = 0;
  const started: string[] = [];
  const runner: AthenaRunner = {
    start: async (sql) => {
      started.push(sql);
      return 'qid-1';
    },
    status: async (id) => {
      expect(id).toBe('qid-1');
      return states.shift() ?? { state: 'RUNNING' };
    },
  };
  const options = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    clock: () => now,
  };
  return { runner, options, sleeps, started };
}

describe('Function: runAthenaQuery', () => {
  it('waits with doubling pauses, capped, until the query succeeds', async () => {
    // Prepare
    const running = Array.from({ length: 8 }, () => ({ state: 'RUNNING' as const }));
    const { runner, options, sleeps, started } = scripted([
      { state: 'QUEUED' },
      ...running,
      { state: 'SUCCEEDED' },
    ]);

    // Act
    const run = await runAthenaQuery(runner, 'SELECT 1', 'probe', { ...options, maxDelayMs: 10_000 });

    // Assess: 250, 500, … 8 000, then 10 000 (the cap) for the rest.
    expect(started).toEqual(['SELECT 1']);
    expect(sleeps).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
    expect(run).toEqual({ queryId: 'qid-1', polls: 10, waitedMs: sleeps.reduce((a, b) => a + b) });
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

  it('gives up after the timeout with the state the query was still in', async () => {
    const { runner, options, sleeps } = scripted([]);
    // 250 + 500 + … + 8 000 + 5 × 10 000 = 65 750 ms: the first status past one minute.

    const error = await runAthenaQuery(runner, 'SELECT 1', 'slow', { ...options, timeoutMs: 60_000 }).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ name: 'AthenaQueryError', state: 'TIMED_OUT', queryId: 'qid-1' });
    expect((error as Error).message).toBe('Athena query slow (qid-1) still RUNNING after 66 s');
    expect(sleeps.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(60_000);
  });

  it('lets an error asking for the status through', async () => {
    const runner: AthenaRunner = {
      start: async () => 'qid-2',
      status: async () => {
        throw new Error('ThrottlingException: Rate exceeded');
      },
    };

    await expect(runAthenaQuery(runner, 'SELECT 1', 'q', { sleep: async () => {} })).rejects.toThrow(
      'ThrottlingException: Rate exceeded',
    );
  });
});
