// (schedule, daily, after scorecards and holdouts) lake scorecards, lift_results, ltv_cohorts
// -> self-contained HTML -> reports/dt=<day>/report.html in the lake bucket (+ DATA_DIR/reports/ locally)
import { join } from 'node:path';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DaySchema, JobRangeInputSchema, progressLines } from '../../shared/jobs/jobInput.js';
import { lakeLocation } from '../../shared/lake/export/lakeExportPorts.js';
import { lakeObjectStore } from '../../shared/lake/lakeStore.js';
import { logger } from '../../shared/observability/powertools.js';
import { localReportCopy } from '../../shared/report/localReportCopy.js';
import { runReportJob } from '../../shared/report/reportJob.js';
import { now } from '../../shared/runtime/clock.js';

/**
 * EventBridge sends its scheduled-event envelope (ignored: the latest scorecards day is
 * reported); `npm run job -- report [--to YYYY-MM-DD]` sends `{ from, to, progress: true }`.
 */
const ReportInputSchema = JobRangeInputSchema.omit({ from: true }).extend({ dt: DaySchema.optional() });

export const handler = middy(async (event: unknown) => {
  const input = ReportInputSchema.parse(event ?? {});
  const progress = progressLines(input);
  const location = lakeLocation();
  if (!location) {
    logger.warn('report skipped: no lake here (set LAKE_BUCKET, LAKE_DIR or DATA_DIR)');
    return { skipped: 'no lake configured' };
  }
  const dataDir = process.env.DATA_DIR;
  const summary = await runReportJob(
    {
      store: lakeObjectStore(),
      now,
      saveLocalCopy:
        location === 'directory' && dataDir ? localReportCopy(join(dataDir, 'reports')) : undefined,
      progress,
    },
    { dt: input.dt ?? input.to },
  );
  logger.info('report finished', { ...summary });
  return summary;
}).use(injectLambdaContext(logger, { resetKeys: true }));
