import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger, metrics } from '../observability/powertools.js';
import { RequestError } from './errors.js';

/**
 * Maps domain errors to HTTP responses in one place: a RequestError becomes its status with a
 * JSON `{error, message}`; anything else is logged and becomes a bare 500 (no internals leak).
 */
export function httpErrors(): MiddlewareObj<unknown, APIGatewayProxyStructuredResultV2> {
  const httpErrorsOnError = async (request: Request<unknown, APIGatewayProxyStructuredResultV2>) => {
    const error = request.error;
    if (error instanceof RequestError) {
      logger.warn('request refused', { status: error.status, code: error.code, reason: error.message });
      metrics.addMetric(`Refused${error.status}`, MetricUnit.Count, 1);
      request.response = {
        statusCode: error.status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: error.code, message: error.message }),
      };
      return;
    }
    logger.error('request failed', { error: error as Error });
    request.response = {
      statusCode: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: 'internal_error',
        message: 'the request could not be processed; retry later',
      }),
    };
  };
  return { onError: httpErrorsOnError };
}
