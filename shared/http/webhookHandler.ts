import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '../config/runtimeEnv.js';
import { ingestWebhook } from '../ingest/ingestWebhook.js';
import { logger, metrics } from '../observability/powertools.js';
import type { ProviderFamily } from '../providers/provider.js';
import { runtimePorts } from '../runtime/ports.js';
import { toApiResult, toWebhookRequest } from './apiGateway.js';
import { httpErrors } from './errorMiddleware.js';

/** The Lambda for `POST /webhooks/<family>/{vendor}`: adapt the request, ingest, map the result. */
export function webhookHandler(family: ProviderFamily) {
  const ingest = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const vendor = event.pathParameters?.vendor;
    logger.appendKeys({ family, vendor });
    const request = toWebhookRequest(event, process.env[ENV.publicBaseUrl]);
    const result = await ingestWebhook(family, vendor, request, runtimePorts());
    metrics.addDimension('vendor', vendor ?? 'unknown');
    metrics.addMetric('EventsReceived', MetricUnit.Count, result.events.length);
    metrics.addMetric('EventsCreated', MetricUnit.Count, result.created);
    logger.info('webhook ingested', { events: result.events.length, created: result.created });
    return toApiResult(result.response);
  };
  return middy(ingest)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(httpErrors());
}
