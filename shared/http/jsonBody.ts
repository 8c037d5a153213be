import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MalformedPayloadError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.js';
import { MAX_BODY_BYTES } from './limits.js';

/** Parses a JSON API body, refusing other media types (415), oversized (413) and broken JSON (400). */
export function parseJsonEvent(event: APIGatewayProxyEventV2): unknown {
  const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new UnsupportedMediaTypeError('send application/json');
  const raw = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  if (raw.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new MalformedPayloadError('body is not valid JSON', { cause });
  }
}
