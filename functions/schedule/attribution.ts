// (schedule, daily) lake events -> attribution core (engine lambda) or its SQL twin on Athena
// (engine athena) -> lake/{attribution_credits,pipeline_outcomes}/dt=<outcome day>/*.parquet
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import {
  type AttributionConfig,
  configuredRules,
  DEFAULT_ATTRIBUTION_CONFIG,
} from '../../shared/attribution/job/attributionConfig.js';
import { runAttributionJob } from '../../shared/attribution/job/attributionJob.js';
import { appConfig } from '../../shared/config/runtimeConfig.js';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { DynamoJobState } from '../../shared/lake/export/dynamoJobState.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore } from '../../shared/lake/lakeStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-25');

/**
 * EventBridge sends its scheduled-event envelope (ignored: yesterday and today are
 * attributed); `npm run job -- attribution` sends `{ from, to, progress: true }`.
 */
const AttributionInputSchema = z.object({
  from: Day.optional(),
  to: Day.optional(),
  progress: z.boolean().optional(),
});

export const handler = middy(async (event: unknown) => {
  const input = AttributionInputSchema.parse(event ?? {});
  const progress = input.progress ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  if (!lakeLocation()) {
    logger.warn('attribution skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const config: AttributionConfig = appConfig().attribution ?? DEFAULT_ATTRIBUTION_CONFIG;
  if (config.engine === 'athena') {
    // The Athena engine (shared/attribution/job/athenaEngine.ts) needs an AthenaRunner over
    // @aws-sdk/client-athena, which this project does not depend on yet.
    throw new Error(
      'attribution engine "athena" needs an Athena client (@aws-sdk/client-athena); use "lambda"',
    );
  }
  const state = new DynamoJobState(documentClient(), requireEnv(ENV.tableName), 'attribution');
  const summary = await runAttributionJob(
    { store: lakeObjectStore(), lease: state, watermark: state, now: () => new Date(), progress },
    {
      from: input.from,
      to: input.to,
      rules: configuredRules(config),
      currencyRates: config.currencyRates,
      lateArrivalDays: config.lateArrivalDays,
    },
  );
  logger.info('attribution finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
