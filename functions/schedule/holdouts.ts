// (schedule, daily) lake send_decisions + pipeline_outcomes + events + scorecards -> holdout
// cohorts, lift, incremental ROI, verdicts, LTV -> lake/{holdout_cohorts,lift_results,ltv_cohorts}/dt=<as-of day>/
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { runHoldoutsJob } from '../../shared/incrementality/job/holdoutsJob.js';
import { JobRangeInputSchema, progressLines } from '../../shared/jobs/jobInput.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore } from '../../shared/lake/lakeStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { now } from '../../shared/runtime/clock.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

/**
 * EventBridge sends its scheduled-event envelope (ignored: yesterday is measured, by the system's
 * clock — the simulated one in the local demo);
 * `npm run job -- holdouts` sends `{ from, to, progress: true }`.
 */
export const handler = middy(async (event: unknown) => {
  const input = JobRangeInputSchema.parse(event ?? {});
  const progress = progressLines(input);
  if (!lakeLocation()) {
    logger.warn('holdouts skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const config = appConfig();
  const state = new DynamoJobState(documentClient(), requireEnv(ENV.tableName), 'holdouts');
  const summary = await runHoldoutsJob(
    { store: lakeObjectStore(), lease: state, watermark: state, now, progress },
    {
      from: input.from,
      to: input.to,
      config,
      currencyRates: config.attribution?.currencyRates,
      lateArrivalDays: config.attribution?.lateArrivalDays,
    },
  );
  logger.info('holdouts finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
