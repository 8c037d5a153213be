import type { ObjectStore } from '../lake/objectStore.js';
import { latestPartitionDay } from './lakeRows.js';
import { renderReport } from './renderReport.js';
import { type ReportFromLakeOptions, reportDataFromLake, SCORECARDS_TABLE } from './reportFromLake.js';
import { formatReportSummary } from './reportSummary.js';

/**
 * (schedule, daily, after scorecards and holdouts) lake -> ReportData -> one self-contained
 * HTML file at `reports/dt=<day>/report.html` in the lake's bucket (overwritten whole: a rerun
 * of a day replaces its report), and on a laptop a copy under DATA_DIR/reports/.
 */
export interface ReportJobPorts {
  store: ObjectStore;
  now: () => Date;
  /** Saves the laptop copy; returns where it went (report-<dt>.html, latest.html). */
  saveLocalCopy?: (dt: string, html: string) => Promise<string[]>;
  progress?: (line: string) => void;
}

export interface ReportJobOptions
  extends Pick<ReportFromLakeOptions, 'period' | 'trendDays' | 'definitionsText'> {
  /** The day to report. @default the latest scorecards day on or before today (UTC) */
  dt?: string;
}

export interface ReportJobSummary {
  dt?: string;
  /** The report's key in the bucket. */
  key?: string;
  /** The laptop copies, when written. */
  paths: string[];
  bytes: number;
  categories: number;
  workflows: number;
  liftResults: number;
  seconds: number;
  /** Why nothing was written. */
  skipped?: string;
}

export const reportKey = (dt: string): string => `reports/dt=${dt}/report.html`;

export async function runReportJob(
  ports: ReportJobPorts,
  options: ReportJobOptions = {},
): Promise<ReportJobSummary> {
  const started = performance.now();
  const today = ports.now().toISOString().slice(0, 10);
  const dt = options.dt ?? (await latestPartitionDay(ports.store, SCORECARDS_TABLE, today));
  const empty = { paths: [], bytes: 0, categories: 0, workflows: 0, liftResults: 0 };
  if (!dt) {
    ports.progress?.('report: skipped: no scorecards yet (npm run job -- scorecards)');
    return { ...empty, seconds: 0, skipped: 'no scorecards yet' };
  }
  const data = await reportDataFromLake(ports.store, dt, { ...options, now: ports.now });
  const html = renderReport(data);
  const bytes = new TextEncoder().encode(html);
  const key = reportKey(dt);
  await ports.store.put(key, bytes);
  const paths = (await ports.saveLocalCopy?.(dt, html)) ?? [];
  ports.progress?.(formatReportSummary(data));
  ports.progress?.(`report ${dt}: ${key}${paths.length > 0 ? ` and ${paths.join(', ')}` : ''}`);
  return {
    dt,
    key,
    paths,
    bytes: bytes.length,
    categories: data.categories.length,
    workflows: data.categories.reduce((sum, c) => sum + c.workflows.length, 0),
    liftResults: data.lift?.length ?? 0,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
