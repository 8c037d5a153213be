// (schedule, daily, after attribution) lake send_decisions, events, consent_ledger, intent_alerts,
// attribution_credits, pipeline_outcomes -> scorecard core (engine lambda) or its SQL twin on
// Athena (engine athena) or local DuckDB (engine duckdb) -> lake/scorecards/dt=<day>/*.parquet
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { sdkAthenaRunner } from '../../shared/attribution/job/sdkAthenaRunner.js';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { JobRangeInputSchema, progressLines } from '../../shared/jobs/jobInput.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore, lakeS3Uri } from '../../shared/lake/lakeStore.js';
import { localLakeRoot } from '../../shared/lake/localObjectStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { now } from '../../shared/runtime/clock.js';
import {
  runScorecardsJob,
  type ScorecardsJobPorts,
  type ScorecardsJobSummary,
} from '../../shared/scorecards/job/scorecardsJob.js';
import { runSqlScorecards } from '../../shared/scorecards/job/sqlEngine.js';
import { settingsFrom } from '../../shared/scorecards/scorecards.js';
import { openLocalSqlRunner } from '../../shared/sql/localSqlRunner.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

/**
 * EventBridge sends its scheduled-event envelope (ignored: yesterday and today are scored);
 * `npm run job -- scorecards` sends `{ from, to, progress: true }`.
 */
/** Left of the invocation after the query: copying the staged parts into the days. */
const WRITE_MARGIN_MS = 2 * 60_000;

export const handler = middy(async (event: unknown, context: Context) => {
  const input = JobRangeInputSchema.parse(event ?? {});
  const progress = progressLines(input);
  if (!lakeLocation()) {
    logger.warn('scorecards skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const state = new DynamoJobState(documentClient(), requireEnv(ENV.tableName), 'scorecards');
  const settings = settingsFrom(appConfig());
  const ports: ScorecardsJobPorts = {
    store: lakeObjectStore(),
    lease: state,
    watermark: state,
    now,
    progress,
  };
  const options = { from: input.from, to: input.to };
  const engine = settings.config.engine;
  let summary: ScorecardsJobSummary;
  if (engine === 'athena') {
    const wait = { timeoutMs: Math.max(60_000, context.getRemainingTimeInMillis() - WRITE_MARGIN_MS) };
    summary = await runSqlScorecards(
      { ...ports, runner: sdkAthenaRunner(process.env, 'scorecards'), s3Uri: lakeS3Uri('scorecards'), wait },
      settings,
      options,
      engine,
    );
  } else if (engine === 'duckdb') {
    const runner = await openLocalSqlRunner(localLakeRoot(), 'scorecards');
    try {
      summary = await runSqlScorecards({ ...ports, runner, s3Uri: runner.s3Uri }, settings, options, engine);
    } finally {
      runner.close();
    }
  } else summary = await runScorecardsJob(ports, settings, options);
  logger.info('scorecards finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
