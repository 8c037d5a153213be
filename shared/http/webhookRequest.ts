/**
 * A vendor's HTTP call as our core sees it: transport-neutral, so the same verify/normalize
 * code serves API Gateway in AWS and the local server on a laptop.
 */
export interface WebhookRequest {
  method: string;
  /** The public URL the vendor called, including the raw query string (URL-signed schemes sign it). */
  url: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Query parameters, decoded. */
  query: Record<string, string>;
  /** The exact bytes the vendor sent: signatures are verified over these, before any parsing. */
  rawBody: Buffer;
}

export interface WebhookResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** The media type of a request, without parameters: `application/json; charset=utf-8` -> `application/json`. */
export function mediaType(headers: Record<string, string>): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): WebhookResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
