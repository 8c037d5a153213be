import { basename } from 'node:path';
import { DAILY_CHAIN, SCHEDULED_FUNCTIONS } from '../routes.js';
import { runLocalJob } from './localJobs.js';

/**
 * The daily jobs in DAILY_CHAIN's order, by their local job names (`lake-export`, …): in AWS
 * the daily Step Functions chain runs them; on a laptop the demo and `npm run job` do.
 */
export const DAILY_JOBS = DAILY_CHAIN.map((name) => basename(SCHEDULED_FUNCTIONS[name].entry, '.ts'));

export interface DailyRun {
  job: string;
  ms: number;
  result: unknown;
}

/** Runs every daily job over the days [from, to], each with its progress lines on stderr unless told not to. */
export async function runDailyPipeline(
  range: { from: string; to: string },
  print: (line: string) => void = () => {},
  options: { progress?: boolean } = {},
): Promise<DailyRun[]> {
  const progress = options.progress ?? true;
  const runs: DailyRun[] = [];
  for (const [index, job] of DAILY_JOBS.entries()) {
    print(`[${index + 1}/${DAILY_JOBS.length}] ${job} ${range.from} .. ${range.to}`);
    const started = performance.now();
    const input = job === 'report' ? { to: range.to, progress } : { ...range, progress };
    const result = await runLocalJob(job, input);
    const ms = Math.round(performance.now() - started);
    print(`      ${job} done in ${(ms / 1000).toFixed(1)} s`);
    runs.push({ job, ms, result });
  }
  return runs;
}
