// (http) GET|HEAD /c/{code} -> find link -> classify person vs scanner -> message.clicked -> 302
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiHandler } from '../../shared/http/apiHandler.js';
import { recordClick } from '../../shared/links/recordClick.js';
import { runtimePorts } from '../../shared/runtime/ports.js';

const NOT_FOUND_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Link not found</title><body><h1>Link not found</h1><p>This link does not exist or has expired.</p></body></html>';

export const handler = apiHandler(async (event): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    const { destination } = await recordClick(
      {
        code: event.pathParameters?.code ?? '',
        method: event.requestContext.http.method,
        userAgent: event.headers['user-agent'],
        requestId: event.requestContext.requestId,
      },
      runtimePorts(),
    );
    return { statusCode: 302, headers: { location: destination, 'cache-control': 'no-store' }, body: '' };
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return { statusCode: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: NOT_FOUND_PAGE };
  }
});
