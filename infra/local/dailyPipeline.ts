import { runLocalJob } from './localJobs.js';

/**
 * The daily jobs in the order their inputs need: the lake first, then attribution (which the
 * scorecards read), holdouts (which read the scorecards' costs), and the report over all of them.
 * In AWS each runs on its own daily schedule; on a laptop the demo and `npm run job` run them.
 */
export const DAILY_JOBS = ['lake-export', 'attribution', 'scorecards', 'holdouts', 'report'] as const;

export interface DailyRun {
  job: (typeof DAILY_JOBS)[number];
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
