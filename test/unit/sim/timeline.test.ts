import { describe, expect, it } from 'vitest';
import { runLimited, Timeline } from '../../../infra/local/simulator/world/timeline.js';

describe('Class: Timeline', () => {
  it('hands out buckets in time order, grouping what falls in one bucket', () => {
    const timeline = new Timeline<string>(15 * 60_000);
    for (const [at, label] of [
      [3_600_000, 'c'],
      [60_000, 'a'],
      [14 * 60_000, 'b'],
      [2 * 3_600_000, 'd'],
    ] as const)
      timeline.add(at, label);

    const order: Array<[number, string[]]> = [];
    for (let bucket = timeline.take(); bucket; bucket = timeline.take()) {
      order.push([bucket.at, bucket.actions]);
      // An action scheduling a later one (a click after a send) lands in its own bucket.
      if (bucket.actions.includes('c')) timeline.add(bucket.at + 30 * 60_000, 'c+30');
    }

    expect(order).toEqual([
      [0, ['a', 'b']],
      [3_600_000, ['c']],
      [3_600_000 + 30 * 60_000, ['c+30']],
      [7_200_000, ['d']],
    ]);
  });
});

describe('Function: runLimited', () => {
  it('runs every task with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) => async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(i);
      inFlight -= 1;
    });

    await runLimited(tasks, 3);

    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
  });
});
