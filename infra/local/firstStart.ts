import { now } from '../../shared/runtime/clock.js';
import { runDailyPipeline } from './dailyPipeline.js';
import { runDemo } from './demo.js';
import type { LocalStack } from './localStack.js';
import { runSimulatedWorld, type SimRunOptions } from './simulator/world/runWorld.js';

export interface FirstStartResult {
  worldSeconds: number;
  jobsSeconds: number;
  truthFile: string;
  reportPaths: string[];
  refused: number;
}

const day = (at: string | number | Date) => new Date(at).toISOString().slice(0, 10);

/**
 * What a newcomer's first `npm start` shows: the bundled story (every vendor, one contact's
 * timeline), then a simulated month of customers through the same public doors, then the daily
 * jobs (lake export, attribution, scorecards, holdouts, report) over that month, ending with
 * the scorecard in the terminal and the HTML report's path.
 */
export async function runFirstStart(
  stack: LocalStack,
  world: SimRunOptions,
  print: (line: string) => void,
): Promise<FirstStartResult> {
  await runDemo(stack, print);

  print('\nA simulated month of customers, through the same signed webhooks and the send API:');
  const sim = await runSimulatedWorld(stack, world, print);
  print(
    `  ${sim.requests} requests in ${sim.seconds.toFixed(1)} s (${sim.refused} refused, ${sim.duplicatePosts} duplicate deliveries); truth: ${sim.truthFile}`,
  );
  for (const error of sim.errors.slice(0, 5)) print(`  error: ${error}`);

  print('\nThe daily jobs over that month:');
  const started = performance.now();
  const runs = await runDailyPipeline({ from: day(sim.start), to: day(now()) }, print);
  const report = runs.find((run) => run.job === 'report')?.result as { paths?: string[] } | undefined;
  return {
    worldSeconds: sim.seconds,
    jobsSeconds: (performance.now() - started) / 1000,
    truthFile: sim.truthFile,
    reportPaths: report?.paths ?? [],
    refused: sim.refused,
  };
}
