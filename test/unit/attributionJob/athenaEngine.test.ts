import { describe, expect, it } from 'vitest';
import { runAthenaAttribution } from '../../../shared/attribution/job/athenaEngine.js';
import type { AthenaQueryStatus, AthenaRunner } from '../../../shared/attribution/job/athenaRunner.js';
import { MemoryJobState, MemoryObjectStore } from '../../support/fakes.js';

/**
 * The Athena engine's time budget: every query of a run waits out of one `timeoutMs`, so a run
 * ends inside its Lambda however its queries share the time; a query past it is stopped.
 */
const NOW = new Date('2026-11-25T06:00:00Z');

/** Queries whose status is `statusOf(queryNumber, pollNumber)`; every pause moves the clock 10 s. */
function scriptedAthena(statusOf: (query: number, poll: number) => AthenaQueryStatus['state']) {
  let now = 0;
  const polls: number[] = [];
  const stopped: string[] = [];
  const runner: AthenaRunner = {
    start: async () => {
      polls.push(0);
      return `q-${polls.length}`;
    },
    status: async (id) => {
      const query = Number(id.slice(2));
      polls[query - 1]! += 1;
      return { state: statusOf(query, polls[query - 1]!) };
    },
    stop: async (id) => {
      stopped.push(id);
    },
  };
  const wait = {
    timeoutMs: 60_000,
    sleep: async () => {
      now += 10_000;
    },
    clock: () => now,
  };
  return { runner, wait, polls, stopped, clock: () => now };
}

describe('Function: runAthenaAttribution (time budget)', () => {
  it('gives the second query only what the first left of the budget, then stops it', async () => {
    // Prepare: the first query succeeds on its 5th poll (50 s); the second never ends.
    const athena = scriptedAthena((query, poll) => (query === 1 && poll === 5 ? 'SUCCEEDED' : 'RUNNING'));
    const store = new MemoryObjectStore();
    const state = new MemoryJobState();

    // Act
    const run = runAthenaAttribution(
      {
        store,
        now: () => NOW,
        lease: state,
        watermark: state,
        runner: athena.runner,
        s3Uri: (key) => `s3://lake/${key}`,
        wait: athena.wait,
      },
      { from: '2026-11-24', to: '2026-11-25' },
    );

    // Assess: 50 s + one 10 s poll of the second = 60 s, the whole budget (with a budget per
    // query it would have polled 6 times).
    await expect(run).rejects.toMatchObject({ name: 'AthenaQueryError', state: 'TIMED_OUT', queryId: 'q-2' });
    expect(athena.polls).toEqual([5, 1]);
    expect(athena.clock()).toBe(60_000);
    expect(athena.stopped).toEqual(['q-2']);
    expect(await store.list('lake/')).toEqual([]);
    expect(state.mark).toBeUndefined();
    expect(state.lease).toBeUndefined();
  });

  it('stops a first query that outlives the whole budget and starts no second one', async () => {
    const athena = scriptedAthena(() => 'QUEUED');
    const state = new MemoryJobState();

    const run = runAthenaAttribution(
      {
        store: new MemoryObjectStore(),
        now: () => NOW,
        watermark: state,
        runner: athena.runner,
        s3Uri: (key) => `s3://lake/${key}`,
        wait: athena.wait,
      },
      { from: '2026-11-25', to: '2026-11-25' },
    );

    await expect(run).rejects.toThrow(
      'Athena query attribution_credits (q-1) still QUEUED after 60 s; stopped',
    );
    expect(athena.polls).toEqual([6]);
    expect(athena.stopped).toEqual(['q-1']);
    expect(state.mark).toBeUndefined();
  });
});
