// (schedule, hourly) events by arrival day -> lake/{events,consent_ledger,send_decisions}/dt=<day>/*.parquet
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { JobRangeInputSchema, progressLines } from '../../shared/jobs/jobInput.js';
import { exportLake } from '../../shared/lake/export/exportLake.js';
import { lakeExportPorts } from '../../shared/lake/export/lakeExportPorts.js';
import { logger } from '../../shared/observability/powertools.js';

/**
 * EventBridge sends its scheduled-event envelope (ignored); `npm run job -- lake-export`
 * sends `{ from, to, progress: true }`.
 */
export const handler = middy(async (event: unknown) => {
  const input = JobRangeInputSchema.parse(event ?? {});
  const progress = progressLines(input);
  const ports = await lakeExportPorts(progress);
  if (!ports) {
    logger.warn('lake export skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const summary = await exportLake(ports, { from: input.from, to: input.to });
  logger.info('lake export finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
