// (schedule, daily, after attribution) lake send_decisions, events, consent_ledger, intent_alerts,
// attribution_credits, pipeline_outcomes -> scorecard core -> lake/scorecards/dt=<day>/*.parquet
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore } from '../../shared/lake/lakeStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { runScorecardsJob } from '../../shared/scorecards/job/scorecardsJob.js';
import { settingsFrom } from '../../shared/scorecards/scorecards.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-25');

/**
 * EventBridge sends its scheduled-event envelope (ignored: yesterday and today are scored);
 * `npm run job -- scorecards` sends `{ from, to, progress: true }`.
 */
const ScorecardsInputSchema = z.object({
  from: Day.optional(),
  to: Day.optional(),
  progress: z.boolean().optional(),
});

export const handler = middy(async (event: unknown) => {
  const input = ScorecardsInputSchema.parse(event ?? {});
  const progress = input.progress ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  if (!lakeLocation()) {
    logger.warn('scorecards skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const state = new DynamoJobState(documentClient(), requireEnv(ENV.tableName), 'scorecards');
  const summary = await runScorecardsJob(
    { store: lakeObjectStore(), lease: state, watermark: state, now: () => new Date(), progress },
    settingsFrom(appConfig()),
    { from: input.from, to: input.to },
  );
  logger.info('scorecards finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
