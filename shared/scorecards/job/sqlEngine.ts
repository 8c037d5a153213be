import {
  type AthenaRunner,
  type AthenaWaitOptions,
  DEFAULT_ATHENA_TIMEOUT_MS,
  runAthenaQuery,
} from '../../attribution/job/athenaRunner.js';
import { addDays } from '../../jobs/days.js';
import { scorecardsTable } from '../../lake/tables/scorecards.js';
import { replaceDaysFromStaging, UNLOAD_MAX_DAYS, unloadSql } from '../../sql/unload.js';
import type { ScorecardSettings } from '../scorecards.js';
import { type SqlSource, scorecardsQuery } from '../sql/scorecardsSql.js';
import {
  type ScorecardsJobOptions,
  type ScorecardsJobPorts,
  type ScorecardsJobSummary,
  startScorecardsRun,
} from './scorecardsJob.js';

/**
 * (schedule, daily, engine athena or duckdb) the scorecards' SQL twin -> the same `scorecards`
 * days the TypeScript engine writes. The query is UNLOADed, partitioned by dt, to a staging
 * prefix of the run; when it succeeded, each day is replaced with its staged parts (a failed or
 * stopped query changes no day) and the staging prefix is deleted. More than UNLOAD_MAX_DAYS
 * days run as slices of that many, one after the other, sharing one time budget.
 */
export interface SqlScorecardsPorts extends ScorecardsJobPorts {
  runner: AthenaRunner;
  /** `s3://<lake bucket>/<key>`: where UNLOAD writes the object store's `key`. */
  s3Uri: (key: string) => string;
  /** @default the .sql files as bundled (scorecardsSqlText.ts) */
  sql?: SqlSource;
  wait?: AthenaWaitOptions;
  /** @default UNLOAD_MAX_DAYS */
  maxDaysPerQuery?: number;
}

export const SCORECARDS_STAGING_PREFIX = 'lake/_staging/scorecards/';

export async function runSqlScorecards(
  ports: SqlScorecardsPorts,
  settings: ScorecardSettings,
  options: ScorecardsJobOptions,
  engine: 'athena' | 'duckdb',
): Promise<ScorecardsJobSummary> {
  const { plan, runId, summary, underLease } = startScorecardsRun(ports, settings, options, engine);
  const clock = ports.wait?.clock ?? (() => performance.now());
  const deadline = clock() + (ports.wait?.timeoutMs ?? DEFAULT_ATHENA_TIMEOUT_MS);
  const staging = `${SCORECARDS_STAGING_PREFIX}${runId}/`;
  const sliceDays = Math.min(ports.maxDaysPerQuery ?? UNLOAD_MAX_DAYS, UNLOAD_MAX_DAYS);
  return underLease(async (renew) => {
    for (let first = 0; first < plan.days.length; first += sliceDays) {
      const days = plan.days.slice(first, first + sliceDays);
      const prefix = `${staging}${days[0]}/`;
      try {
        const query = scorecardsQuery(
          settings,
          { days, scanToDt: addDays(days.at(-1)!, settings.config.lateArrivalDays) },
          ports.sql,
        );
        const run = await runAthenaQuery(ports.runner, unloadSql(query, ports.s3Uri(prefix)), 'scorecards', {
          ...ports.wait,
          timeoutMs: Math.max(0, deadline - clock()),
        });
        summary.queries = [
          ...(summary.queries ?? []),
          {
            from: days[0]!,
            to: days.at(-1)!,
            queryId: run.queryId,
            seconds: Math.round(run.waitedMs) / 1000,
            ...(run.scannedBytes === undefined ? {} : { scannedBytes: run.scannedBytes }),
          },
        ];
        await renew();
        const rowsByDay = await replaceDaysFromStaging(ports.store, scorecardsTable, prefix, days, runId);
        for (const [day, rows] of rowsByDay) {
          summary.days.push(day);
          summary.rows += rows;
          ports.progress?.(`scorecards (${engine}) ${day}: ${rows} rows`);
        }
      } finally {
        await ports.store.delete(await ports.store.list(prefix)).catch(() => undefined);
      }
    }
  });
}
