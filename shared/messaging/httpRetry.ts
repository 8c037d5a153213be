import { setTimeout as delay } from 'node:timers/promises';
import {
  type SmsVendor,
  VendorRejectedError,
  VendorResponseError,
  VendorUnavailableError,
} from './smsSender.js';

/**
 * One vendor POST with a per-attempt timeout and bounded retries, shared by the vendor senders
 * (SMS through `callVendor`, Slack through `postWithRetries`).
 *
 * Retried: 429, 5xx, timeouts and network failures, after the answer's Retry-After when it
 * has one, else after exponential backoff with full jitter. Never retried: any other non-2xx,
 * which is the vendor's final answer. A Retry-After longer than `maxDelayMs` is not waited
 * for in-process: the call fails at once with VendorUnavailableError carrying `retryAfterMs`,
 * so the caller can defer the send (SQS delay) instead of holding a Lambda.
 *
 * Retrying a POST after a timeout or 5xx can duplicate a message the vendor did accept:
 * neither Twilio nor Telnyx documents deduplication of message creation. Where the vendor can
 * be asked (`HttpPost.lookup`: Twilio's Messages list), a try that got no answer is looked up
 * before the next one; otherwise keep `maxAttempts` small.
 *
 * The worst case a caller must budget for is about
 * `maxAttempts * timeoutMs + (maxAttempts - 1) * maxDelayMs`.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. @default 3 */
  maxAttempts: number;
  /** Per attempt, from sending the request to the last byte of the answer. @default 10_000 */
  timeoutMs: number;
  /** Backoff ceiling before the first retry; it doubles for each later one. @default 250 */
  baseDelayMs: number;
  /** Cap on one backoff, and on a Retry-After this process will wait. @default 5_000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  timeoutMs: 10_000,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
};

/** Transport options every vendor sender accepts; the functions are seams for tests. */
export interface HttpOptions {
  retry?: Partial<RetryPolicy>;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<unknown>;
  /** A number in [0, 1) for jitter. */
  random?: () => number;
  /** Epoch milliseconds, to read an HTTP-date Retry-After. */
  now?: () => number;
}

/** One POST as the retry loop sends it, whatever the vendor. */
export interface HttpPost {
  url: string;
  headers: Record<string, string>;
  body: string;
  /**
   * After a try that got no answer (timeout, dropped connection) the vendor may have acted on
   * it: where the vendor lets us look, this finds the result of that try (its JSON body), so
   * the loop returns it instead of sending again. Undefined: nothing found, retrying is sound.
   */
  lookup?: () => Promise<unknown | undefined>;
}

export interface VendorCall extends HttpPost {
  vendor: SmsVendor;
  /** The vendor's error code and message from a parsed error body, where it has them. */
  readError: (body: unknown) => { code?: string; message?: string };
  /** Error codes that mean the recipient opted out. */
  optOutCodes: ReadonlySet<string>;
}

export interface VendorAnswer {
  status: number;
  /** The parsed JSON body of the 2xx answer. */
  body: unknown;
  attempts: number;
}

/** Seconds (`120`) or an HTTP-date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * How `postWithRetries` ended. It never throws for HTTP or network trouble: each caller maps
 * the outcome to its own errors (SMS vendors, Slack).
 */
export type PostOutcome =
  /** A final answer: any 2xx, or a non-2xx that is not worth repeating (3xx, 4xx other than 429). */
  | { kind: 'answered'; status: number; text: string; attempts: number }
  /**
   * Still 429, 5xx, timeout or network failure at the last attempt, or a Retry-After longer than
   * `maxDelayMs`. `status` and `text` are absent when no answer came at all.
   */
  | {
      kind: 'unavailable';
      attempts: number;
      /** Why, for a message: the network failure, or `HTTP <status>`. */
      reason: string;
      status?: number;
      text?: string;
      retryAfterMs?: number;
      cause?: unknown;
    };

/**
 * The retry loop itself, vendor-neutral: POSTs until a final answer or until retrying is no
 * longer sound, under the policy described on RetryPolicy.
 */
export async function postWithRetries(post: HttpPost, options: HttpOptions = {}): Promise<PostOutcome> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const fetchFn = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? delay;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const backoff = (attempt: number) =>
    Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));

  for (let attempt = 1; ; attempt += 1) {
    const last = attempt >= policy.maxAttempts;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await fetchFn(post.url, {
        method: 'POST',
        headers: post.headers,
        body: post.body,
        // A redirect means a wrong base URL; following it would turn the POST into a GET.
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      let found: unknown;
      try {
        found = post.lookup ? await post.lookup() : undefined;
      } catch (lookupError) {
        // Cannot tell whether the try went through: stop here rather than risk a second message.
        const reason = `${describeFailure(error, policy.timeoutMs)}; lookup failed: ${describeFailure(lookupError, policy.timeoutMs)}`;
        return { kind: 'unavailable', attempts: attempt, reason, cause: error };
      }
      if (found !== undefined) {
        return { kind: 'answered', status: 200, text: JSON.stringify(found), attempts: attempt };
      }
      if (last) {
        return {
          kind: 'unavailable',
          attempts: attempt,
          reason: describeFailure(error, policy.timeoutMs),
          cause: error,
        };
      }
      await sleep(backoff(attempt));
      continue;
    }

    if (status !== 429 && status < 500) return { kind: 'answered', status, text, attempts: attempt };

    // RFC 9110 allows Retry-After on 503 as well as on 429.
    const retryAfterMs = parseRetryAfter(retryAfter, now());
    const tooLong = retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs;
    if (last || tooLong) {
      return { kind: 'unavailable', attempts: attempt, reason: `HTTP ${status}`, status, text, retryAfterMs };
    }
    await sleep(retryAfterMs ?? backoff(attempt));
  }
}

/** `postWithRetries` for the SMS senders: their JSON bodies, error codes and VendorError classes. */
export async function callVendor(call: VendorCall, options: HttpOptions = {}): Promise<VendorAnswer> {
  const outcome = await postWithRetries(call, options);

  if (outcome.kind === 'unavailable') {
    const { attempts, status, retryAfterMs } = outcome;
    if (status === undefined) {
      throw new VendorUnavailableError(call.vendor, outcome.reason, { attempts, cause: outcome.cause });
    }
    const { code, message = outcome.reason } = call.readError(parseJson(outcome.text ?? ''));
    throw new VendorUnavailableError(call.vendor, message, { attempts, status, code, retryAfterMs });
  }

  const { status, text, attempts } = outcome;
  if (status >= 200 && status < 300) {
    const body = parseJson(text);
    if (body === undefined) {
      throw new VendorResponseError(
        call.vendor,
        `${call.vendor} answered ${status} with a body that is not JSON`,
      );
    }
    return { status, body, attempts };
  }

  const { code, message = `HTTP ${status}` } = call.readError(parseJson(text));
  throw new VendorRejectedError(
    call.vendor,
    status,
    code,
    message,
    code !== undefined && call.optOutCodes.has(code),
  );
}
