import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { WebhookRequest, WebhookResponse } from './webhookRequest.js';

/**
 * API Gateway HTTP API (payload v2) -> WebhookRequest. The public URL is what the vendor
 * called: PUBLIC_BASE_URL when set (custom domains and proxies change host and path prefix),
 * else the API's own domain.
 */
export function toWebhookRequest(event: APIGatewayProxyEventV2, publicBaseUrl?: string): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const base = (publicBaseUrl ?? `https://${event.requestContext.domainName}`).replace(/\/+$/, '');
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const rawBody = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  return {
    method: event.requestContext.http.method,
    url: `${base}${event.rawPath}${query}`,
    headers,
    query: Object.fromEntries(new URLSearchParams(event.rawQueryString ?? '')),
    rawBody,
  };
}

export function toApiResult(response: WebhookResponse): APIGatewayProxyStructuredResultV2 {
  return { statusCode: response.status, headers: response.headers, body: response.body ?? '' };
}
