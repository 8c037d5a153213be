// (schedule, daily, after attribution) lake send_decisions, events, consent_ledger, intent_alerts,
// attribution_credits, pipeline_outcomes -> scorecard core -> lake/scorecards/dt=<day>/*.parquet
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { JobRangeInputSchema, progressLines } from '../../shared/jobs/jobInput.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore } from '../../shared/lake/lakeStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { now } from '../../shared/runtime/clock.js';
import { runScorecardsJob } from '../../shared/scorecards/job/scorecardsJob.js';
import { settingsFrom } from '../../shared/scorecards/scorecards.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

/**
 * EventBridge sends its scheduled-event envelope (ignored: yesterday and today are scored);
 * `npm run job -- scorecards` sends `{ from, to, progress: true }`.
 */
export const handler = middy(async (event: unknown) => {
  const input = JobRangeInputSchema.parse(event ?? {});
  const progress = progressLines(input);
  if (!lakeLocation()) {
    logger.warn('scorecards skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const state = new DynamoJobState(documentClient(), requireEnv(ENV.tableName), 'scorecards');
  const summary = await runScorecardsJob(
    { store: lakeObjectStore(), lease: state, watermark: state, now, progress },
    settingsFrom(appConfig()),
    { from: input.from, to: input.to },
  );
  logger.info('scorecards finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
