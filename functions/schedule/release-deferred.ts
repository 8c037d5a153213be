// (schedule, every minute) deferred sends whose quiet hours ended -> send queue
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { ENV, requireEnv } from '../../shared/config/runtimeEnv.js';
import { logger } from '../../shared/observability/powertools.js';
import { sendJsonBatch } from '../../shared/queue/sqsBatch.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { runtimePorts } from '../../shared/runtime/ports.js';
import { DynamoDeferredSends } from '../../shared/sending/dynamoDeferredSends.js';
import { releaseDeferred } from '../../shared/sending/releaseDeferred.js';
import { documentClient } from '../../shared/store/dynamoClient.js';

export const handler = middy(async () => {
  const ports = runtimePorts();
  const result = await releaseDeferred({
    deferred: new DynamoDeferredSends(documentClient(), ports.tableName),
    enqueue: (requests) =>
      sendJsonBatch(
        sqsClient(),
        requireEnv(ENV.sendQueueUrl),
        requests.map((body) => ({ body })),
      ),
    now: ports.now,
  });
  logger.info('deferred sends released', result);
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
