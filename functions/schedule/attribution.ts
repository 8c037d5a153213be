// (schedule, daily) lake events -> attribution core (engine lambda) or its SQL twin on Athena
// (engine athena) -> lake/{attribution_credits,pipeline_outcomes}/dt=<outcome day>/*.parquet
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { runAthenaAttribution } from '../../shared/attribution/job/athenaEngine.js';
import {
  type AttributionConfig,
  configuredRules,
  DEFAULT_ATTRIBUTION_CONFIG,
} from '../../shared/attribution/job/attributionConfig.js';
import { type AttributionJobPorts, runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { sdkAthenaRunner } from '../../shared/attribution/job/sdkAthenaRunner.js';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { JobRangeInputSchema, progressLines } from '../../shared/jobs/jobInput.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore, lakeS3Uri } from '../../shared/lake/lakeStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { now } from '../../shared/runtime/clock.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

/**
 * EventBridge sends its scheduled-event envelope (ignored: yesterday and today are
 * attributed); `npm run job -- attribution` sends `{ from, to, progress: true }`.
 */
/** Left of the invocation after the Athena queries: copying the staged parts into the days. */
const WRITE_MARGIN_MS = 2 * 60_000;

export const handler = middy(async (event: unknown, context: Context) => {
  const input = JobRangeInputSchema.parse(event ?? {});
  const progress = progressLines(input);
  if (!lakeLocation()) {
    logger.warn('attribution skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const config: AttributionConfig = appConfig().attribution ?? DEFAULT_ATTRIBUTION_CONFIG;
  const state = new DynamoJobState(documentClient(), requireEnv(ENV.tableName), 'attribution');
  const ports: AttributionJobPorts = {
    store: lakeObjectStore(),
    lease: state,
    watermark: state,
    now,
    progress,
  };
  const options = {
    from: input.from,
    to: input.to,
    rules: configuredRules(config),
    currencyRates: config.currencyRates,
    lateArrivalDays: config.lateArrivalDays,
    kpis: config.kpis,
  };
  const summary =
    config.engine === 'athena'
      ? await runAthenaAttribution(
          {
            ...ports,
            runner: sdkAthenaRunner(),
            s3Uri: lakeS3Uri('attribution'),
            wait: { timeoutMs: Math.max(60_000, context.getRemainingTimeInMillis() - WRITE_MARGIN_MS) },
          },
          options,
        )
      : await runAttributionJob(ports, options);
  logger.info('attribution finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
