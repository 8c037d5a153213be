import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../observability/powertools.js';
import { httpErrors } from './errorMiddleware.js';

/** Wraps a small HTTP handler with the team's middleware: logger context and error mapping. */
export function apiHandler(
  fn: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
) {
  return middy(fn)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpErrors());
}
