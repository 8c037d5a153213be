import type { WebhookRequest } from '../../shared/http/webhookRequest.js';

/** Builds a WebhookRequest as the HTTP adapters would hand it to a provider. */
export function webhookRequest(init: {
  url: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  method?: string;
}): WebhookRequest {
  const url = new URL(init.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    method: init.method ?? 'POST',
    url: init.url,
    headers,
    query: Object.fromEntries(url.searchParams),
    rawBody: Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body),
  };
}
