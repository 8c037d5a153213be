// (http) POST /v1/decisions (x-api-key) -> what the gate would answer now; changes nothing
import { ENV } from '../../shared/config/runtimeEnv.js';
import { apiHandler } from '../../shared/http/apiHandler.js';
import { requireApiKey } from '../../shared/http/apiKey.js';
import { parseJsonEvent } from '../../shared/http/jsonBody.js';
import { runtimePorts } from '../../shared/runtime/ports.js';
import { sendPorts } from '../../shared/runtime/sendPorts.js';
import { previewDecision } from '../../shared/sending/sendMessage.js';

export const handler = apiHandler(async (event) => {
  requireApiKey(event.headers as Record<string, string>, await runtimePorts().secrets());
  const input = parseJsonEvent(event);
  const baseUrl = process.env[ENV.publicBaseUrl] ?? `https://${event.requestContext.domainName}`;
  const outcome = await previewDecision(input, await sendPorts(baseUrl));
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(outcome) };
});
