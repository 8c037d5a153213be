// (schedule, every minute) unclaimed alerts past their SLA -> manager channel + alert.escalated
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { checkSlas } from '../../shared/alerts/checkSlas.js';
import { logger } from '../../shared/observability/powertools.js';
import { alertPorts } from '../../shared/runtime/alertPorts.js';

export const handler = middy(async () => {
  const result = await checkSlas(alertPorts());
  if (result.escalated > 0) logger.warn('alerts escalated', result);
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
