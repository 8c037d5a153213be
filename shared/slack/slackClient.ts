import { type HttpOptions, type PostOutcome, postWithRetries } from '../messaging/httpRetry.js';
import type { SlackMessage } from './blockKit.js';

/**
 * The port the alert functions talk to, and its adapter over fetch.
 *
 * A route is either an incoming webhook URL (posts only, to the channel it was made for; the
 * answer is the text `ok`) or a bot token plus channel (chat.postMessage, which answers the
 * channel id and the message `ts` that chat.update needs later).
 */
export type SlackRoute = { kind: 'webhook'; url: string } | { kind: 'bot'; token: string; channel: string };

export interface PostedMessage {
  /** Channel id and message timestamp; bot routes only (a webhook answers neither). */
  channel?: string;
  ts?: string;
}

export interface SlackPoster {
  /**
   * Posts one message. Slack has no idempotency key for either call (chat.postMessage takes no
   * client id, an incoming webhook takes nothing but the message), so the caller dedupes on
   * `idempotencyKey` in its own store before calling; the adapter uses it only in errors.
   * Throws SlackRejectedError (permanent), SlackUnavailableError (retry later) or
   * SlackResponseError (may have posted: do not retry blindly).
   */
  post(route: SlackRoute, message: SlackMessage, idempotencyKey: string): Promise<PostedMessage>;
  /** Replaces a posted message (chat.update). Bot routes only: a webhook cannot edit. */
  update(route: SlackRoute, channel: string, ts: string, message: SlackMessage): Promise<void>;
}

/** Any failure of a Slack call; `retryable` says whether calling again later is sound. */
export abstract class SlackError extends Error {
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Slack refused for good: bad token or URL, unknown or archived channel, invalid blocks, a
 * webhook asked to edit. `code` is Slack's error string (`channel_not_found`, `invalid_auth`).
 */
export class SlackRejectedError extends SlackError {
  readonly retryable = false;
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(`Slack rejected the call (${status ? `${status} ` : ''}${code}): ${message}`);
  }
}

/**
 * Slack could not take the call now (429, 5xx, timeout, network, or a transient `error` in a
 * 200 answer), still so after the adapter's retries. `retryAfterMs` is Slack's own wait when
 * it asked for longer than the adapter blocks for.
 */
export class SlackUnavailableError extends SlackError {
  readonly retryable = true;
  constructor(
    message: string,
    readonly details: {
      attempts: number;
      status?: number;
      code?: string;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(`Slack unavailable after ${details.attempts} attempt(s): ${message}`, { cause: details.cause });
  }
}

/** Slack answered 2xx with a body that is not its documented shape: the post may have happened. */
export class SlackResponseError extends SlackError {
  readonly retryable = false;
}

export const SLACK_API_BASE_URL = 'https://slack.com/api';

/**
 * Web API errors that come in a 200 answer but mean "not now". `fatal_error` is documented as
 * possibly half-done; retrying it may post twice, which beats losing the alert.
 */
const TRANSIENT_API_ERRORS: ReadonlySet<string> = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

export interface SlackClientOptions extends HttpOptions {
  /** @default https://slack.com/api (locally, the fake Slack server's `/api`) */
  apiBaseUrl?: string;
}

interface ApiAnswer {
  ok?: unknown;
  error?: unknown;
  channel?: unknown;
  ts?: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Slack's error string from a Web API JSON body or a webhook's plain-text body. */
function errorCode(text: string): string | undefined {
  const json = parseJson(text) as ApiAnswer | undefined;
  if (typeof json?.error === 'string') return json.error;
  const word = text.trim();
  return /^[a-z_]{1,64}$/.test(word) ? word : undefined;
}

function unavailable(
  outcome: Extract<PostOutcome, { kind: 'unavailable' }>,
  what: string,
): SlackUnavailableError {
  const code = outcome.text === undefined ? undefined : errorCode(outcome.text);
  return new SlackUnavailableError(`${what}: ${code ?? outcome.reason}`, {
    attempts: outcome.attempts,
    status: outcome.status,
    code,
    retryAfterMs: outcome.retryAfterMs,
    cause: outcome.cause,
  });
}

/**
 * SlackPoster over fetch, with postWithRetries' policy: 429 waits Retry-After (seconds),
 * 5xx and timeouts back off exponentially with jitter, other 4xx are final. Links are not
 * unfurled: a texter's URL must not turn into a preview card.
 *
 * Retrying a post after a timeout can duplicate a message Slack did accept late; keep
 * `maxAttempts` small. The caller's dedupe covers redeliveries, not that window.
 *
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * @see https://docs.slack.dev/reference/methods/chat.postMessage
 * @see https://docs.slack.dev/reference/methods/chat.update
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export class SlackHttpClient implements SlackPoster {
  private readonly apiBaseUrl: string;

  constructor(private readonly options: SlackClientOptions = {}) {
    this.apiBaseUrl = (options.apiBaseUrl ?? SLACK_API_BASE_URL).replace(/\/+$/, '');
  }

  async post(route: SlackRoute, message: SlackMessage, idempotencyKey: string): Promise<PostedMessage> {
    const what = `posting ${idempotencyKey}`;
    const body = { text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
    if (route.kind === 'webhook') {
      await this.webhook(route.url, body, what);
      return {};
    }
    const answer = await this.api(route.token, 'chat.postMessage', { channel: route.channel, ...body }, what);
    if (typeof answer.channel !== 'string' || typeof answer.ts !== 'string') {
      throw new SlackResponseError(`${what}: chat.postMessage answered ok without channel and ts`);
    }
    return { channel: answer.channel, ts: answer.ts };
  }

  async update(route: SlackRoute, channel: string, ts: string, message: SlackMessage): Promise<void> {
    if (route.kind === 'webhook') {
      throw new SlackRejectedError(
        'webhook_cannot_update',
        'an incoming webhook cannot edit its messages; use respond() with the click’s response_url',
      );
    }
    await this.api(
      route.token,
      'chat.update',
      { channel, ts, text: message.text, blocks: message.blocks },
      `updating ${channel}/${ts}`,
    );
  }

  /**
   * Replaces the message a button was clicked on, through the click's `response_url`: the
   * way to update a message posted by an incoming webhook. A response_url works for 30
   * minutes and 5 calls.
   *
   * @see https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
   */
  async respond(responseUrl: string, message: SlackMessage): Promise<void> {
    const body = { replace_original: true, text: message.text, blocks: message.blocks };
    await this.webhook(responseUrl, body, 'responding');
  }

  /** Incoming webhooks and response_urls: any 2xx is success (the body is `ok`). */
  private async webhook(url: string, body: object, what: string): Promise<void> {
    const outcome = await postWithRetries(
      { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      this.options,
    );
    if (outcome.kind === 'unavailable') throw unavailable(outcome, what);
    if (outcome.status < 200 || outcome.status >= 300) {
      const code = errorCode(outcome.text) ?? `http_${outcome.status}`;
      throw new SlackRejectedError(code, what, outcome.status);
    }
    const json = parseJson(outcome.text) as ApiAnswer | undefined;
    if (json?.ok === false) throw new SlackRejectedError(errorCode(outcome.text) ?? 'unknown', what);
  }

  /** Web API methods: JSON in, `{ ok, error }` out, errors usually in a 200. */
  private async api(token: string, method: string, args: object, what: string): Promise<ApiAnswer> {
    const outcome = await postWithRetries(
      {
        url: `${this.apiBaseUrl}/${method}`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json; charset=utf-8',
        },
        body: JSON.stringify(args),
      },
      this.options,
    );
    if (outcome.kind === 'unavailable') throw unavailable(outcome, `${what} (${method})`);
    const { status, text, attempts } = outcome;
    const answer = parseJson(text) as ApiAnswer | undefined;
    if (status < 200 || status >= 300) {
      throw new SlackRejectedError(errorCode(text) ?? `http_${status}`, `${what} (${method})`, status);
    }
    if (typeof answer?.ok !== 'boolean') {
      throw new SlackResponseError(
        `${what}: ${method} answered ${status} with a body that is not Slack's JSON`,
      );
    }
    if (answer.ok) return answer;
    const code = typeof answer.error === 'string' ? answer.error : 'unknown';
    if (TRANSIENT_API_ERRORS.has(code)) {
      throw new SlackUnavailableError(`${what} (${method}): ${code}`, { attempts, status, code });
    }
    throw new SlackRejectedError(code, `${what} (${method})`, status);
  }
}
