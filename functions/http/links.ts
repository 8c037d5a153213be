// (http) POST /v1/links (x-api-key) -> tracked link for a message -> { code, url }
import { ENV } from '../../shared/config/runtimeEnv.js';
import { apiHandler } from '../../shared/http/apiHandler.js';
import { requireApiKey } from '../../shared/http/apiKey.js';
import { parseJsonEvent } from '../../shared/http/jsonBody.js';
import { createLink } from '../../shared/links/createLink.js';
import { runtimePorts } from '../../shared/runtime/ports.js';

export const handler = apiHandler(async (event) => {
  const ports = runtimePorts();
  requireApiKey(event.headers as Record<string, string>, await ports.secrets());
  const { link, url } = await createLink(parseJsonEvent(event), {
    ...ports,
    publicBaseUrl: process.env[ENV.publicBaseUrl] ?? `https://${event.requestContext.domainName}`,
  });
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: link.code, url }),
  };
});
