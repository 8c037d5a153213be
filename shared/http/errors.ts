/**
 * Domain errors a request can end in. Each carries its HTTP status and a stable code, and is
 * mapped to a response in one place (`errorResponse`), never in each handler.
 */
export abstract class RequestError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** No such vendor, link code or route. */
export class NotFoundError extends RequestError {
  readonly status = 404;
  readonly code = 'not_found';
}

/** Missing, invalid or stale signature or credentials. */
export class SignatureInvalidError extends RequestError {
  readonly status = 401;
  readonly code = 'signature_invalid';
}

/** The API key for an ops endpoint is missing or wrong. */
export class UnauthorizedError extends RequestError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

/** The body could not be parsed or does not follow the vendor's documented payload. */
export class MalformedPayloadError extends RequestError {
  readonly status = 400;
  readonly code = 'malformed_payload';
}

/** A query parameter or field the caller controls is invalid. */
export class BadRequestError extends RequestError {
  readonly status = 400;
  readonly code = 'bad_request';
}

export class PayloadTooLargeError extends RequestError {
  readonly status = 413;
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends RequestError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

export class MethodNotAllowedError extends RequestError {
  readonly status = 405;
  readonly code = 'method_not_allowed';
}

/** A dependency (an SMS vendor) is unavailable for now; the same request may be retried later. */
export class ServiceUnavailableError extends RequestError {
  readonly status = 503;
  readonly code = 'service_unavailable';
}
