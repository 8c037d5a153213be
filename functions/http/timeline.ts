// (http) GET /v1/timeline?phone=<E.164>|contactId=<id> (x-api-key) -> { events } oldest first

import { apiHandler } from '../../shared/http/apiHandler.js';
import { requireApiKey } from '../../shared/http/apiKey.js';
import { runtimePorts } from '../../shared/runtime/ports.js';
import { contactTimeline } from '../../shared/timeline/contactTimeline.js';

export const handler = apiHandler(async (event) => {
  const ports = runtimePorts();
  requireApiKey(event.headers as Record<string, string>, await ports.secrets());
  const body = await contactTimeline(event.queryStringParameters ?? {}, ports.events);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
});
