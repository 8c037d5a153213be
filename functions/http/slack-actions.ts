// (http) POST /slack/actions -> verify Slack's v0 signature -> claim / snooze / dismiss -> update the message

import { respondToAlert } from '../../shared/alerts/respondToAlert.js';
import { ENV } from '../../shared/config/runtimeEnv.js';
import { toWebhookRequest } from '../../shared/http/apiGateway.js';
import { apiHandler } from '../../shared/http/apiHandler.js';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../shared/http/errors.js';
import { MAX_BODY_BYTES } from '../../shared/http/limits.js';
import { mediaType } from '../../shared/http/webhookRequest.js';
import { alertPorts } from '../../shared/runtime/alertPorts.js';

export const handler = apiHandler(async (event) => {
  const request = toWebhookRequest(event, process.env[ENV.publicBaseUrl]);
  if (mediaType(request.headers) !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedMediaTypeError('Slack interactions are application/x-www-form-urlencoded');
  }
  if (request.rawBody.length > MAX_BODY_BYTES) throw new PayloadTooLargeError('body over 256 KB');
  await respondToAlert(request, alertPorts());
  // Slack wants a 200 within 3 s; the message itself is updated through response_url.
  return { statusCode: 200, body: '' };
});
