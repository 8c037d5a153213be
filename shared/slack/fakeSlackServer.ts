import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockKitProblems } from './blockKit.js';

/**
 * The laptop stand-in for Slack, on 127.0.0.1, and what the local stack posts to when
 * SLACK_WEBHOOK_URL is unset. It serves:
 *
 * - `POST /webhook/<anything>`: an incoming webhook; answers 200 `ok` (text/plain), or the
 *   documented status and error string (400 `invalid_payload`, `no_text`, `invalid_blocks`).
 * - `POST /api/chat.postMessage` and `/api/chat.update`: the Web API with a Bearer token;
 *   answers 200 `{ ok: true, channel, ts, message }` or 200 `{ ok: false, error }`.
 * - `POST /actions/<anything>`: a response_url; answers 200 `ok`.
 *
 * Every request is recorded with its raw body and its parsed JSON, so tests assert exactly
 * what Slack would have received. Blocks are checked against Block Kit's documented limits.
 * Failures are scripted with `setBehaviour`: 429 with Retry-After, 5xx, a hang (the client's
 * timeout fires), or a rejection with a given error string, each for N requests.
 *
 * @see https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks
 * @see https://docs.slack.dev/reference/methods/chat.postMessage
 */

export type FakeSlackBehaviour =
  | { kind: 'accept' }
  | { kind: 'rateLimit'; retryAfterSeconds?: number; times?: number }
  | { kind: 'serverError'; status?: number; times?: number }
  | { kind: 'hang'; times?: number }
  /** A permanent error: webhooks get the documented status for it, the Web API a 200 `ok: false`. */
  | { kind: 'reject'; error: string; times?: number };

export type FakeSlackEndpoint = 'webhook' | 'chat.postMessage' | 'chat.update' | 'response_url' | 'unknown';

export interface FakeSlackRequest {
  endpoint: FakeSlackEndpoint;
  method: string;
  path: string;
  /** Lower-cased, as Node delivers them. */
  headers: Record<string, string>;
  /** The body exactly as received. */
  raw: string;
  /** The body parsed (JSON, or a form with its `blocks` parsed); undefined when unreadable. */
  json: Record<string, unknown> | undefined;
  /** The status this fake answered; undefined for a hang. */
  status?: number;
}

/** A message as it stands in the fake's channel history. */
export interface FakeSlackMessage {
  endpoint: 'webhook' | 'chat.postMessage';
  /** The webhook path for webhooks; the channel id for the Web API. */
  channel: string;
  ts: string;
  text?: unknown;
  blocks?: unknown;
  /** Each chat.update or replace_original applied to it, oldest first. */
  edits: Array<{ text?: unknown; blocks?: unknown }>;
}

export interface FakeSlackOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** When set, only these bot tokens are accepted; otherwise any `xox…` token is. */
  tokens?: string[];
  /** Called with each accepted post, e.g. to print alerts in the local stack's log. */
  onPost?: (message: FakeSlackMessage) => void;
  now?: () => Date;
}

export interface FakeSlack {
  baseUrl: string;
  /** The Web API base for SlackHttpClient's `apiBaseUrl`. */
  apiBaseUrl: string;
  /** An incoming webhook URL on this fake; any name works. */
  webhookUrl(name?: string): string;
  requests: FakeSlackRequest[];
  /** Accepted posts, oldest first, with their later edits. */
  messages: FakeSlackMessage[];
  setBehaviour(behaviour: FakeSlackBehaviour): void;
  /** Forgets requests and messages and goes back to accepting. */
  reset(): void;
  stop(): Promise<void>;
}

/** Incoming webhook error strings and the statuses Slack documents for them. */
const WEBHOOK_STATUS: Record<string, number> = {
  invalid_payload: 400,
  user_not_found: 400,
  no_text: 400,
  invalid_blocks: 400,
  action_prohibited: 403,
  channel_not_found: 404,
  no_service: 404,
  channel_is_archived: 410,
  rollup_error: 500,
};

const MAX_BODY_BYTES = 1024 * 1024;

interface Reply {
  status: number;
  body: string | object;
  headers?: Record<string, string>;
}

const text = (status: number, body: string): Reply => ({ status, body });
const apiError = (error: string, extra: object = {}): Reply => ({
  status: 200,
  body: { ok: false, error, ...extra },
});

function endpointOf(path: string): FakeSlackEndpoint {
  if (path.startsWith('/webhook/')) return 'webhook';
  if (path === '/api/chat.postMessage') return 'chat.postMessage';
  if (path === '/api/chat.update') return 'chat.update';
  if (path.startsWith('/actions/')) return 'response_url';
  return 'unknown';
}

/** JSON, or a form whose `blocks` is JSON, as chat.postMessage accepts both. */
function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const form: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
      if (typeof form.blocks === 'string') form.blocks = JSON.parse(form.blocks);
      return form;
    }
    const json = JSON.parse(raw);
    return json && typeof json === 'object' && !Array.isArray(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

/** A stable channel id for a channel given by name, as Slack answers ids. */
function channelId(channel: string): string {
  if (/^[CDG][A-Z0-9]{6,}$/.test(channel)) return channel;
  return `C${createHash('sha256').update(channel).digest('hex').slice(0, 10).toUpperCase()}`;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? (() => new Date());
  const requests: FakeSlackRequest[] = [];
  const messages: FakeSlackMessage[] = [];
  let behaviour: FakeSlackBehaviour = { kind: 'accept' };
  let failuresLeft = 0;
  let sequence = 0;
  const setBehaviour = (next: FakeSlackBehaviour) => {
    behaviour = next;
    failuresLeft = next.kind === 'accept' ? 0 : (next.times ?? Number.POSITIVE_INFINITY);
  };

  /** Unique, increasing message timestamps in Slack's `seconds.micro` form. */
  const nextTs = () => {
    sequence += 1;
    return `${Math.floor(now().getTime() / 1000)}.${String(sequence).padStart(6, '0')}`;
  };

  function scripted(endpoint: FakeSlackEndpoint): Reply | 'hang' | undefined {
    if (behaviour.kind === 'accept' || failuresLeft <= 0) return undefined;
    failuresLeft -= 1;
    const viaApi = endpoint === 'chat.postMessage' || endpoint === 'chat.update';
    switch (behaviour.kind) {
      case 'hang':
        return 'hang';
      case 'rateLimit': {
        const wait = behaviour.retryAfterSeconds;
        return {
          status: 429,
          body: viaApi ? { ok: false, error: 'ratelimited' } : 'rate_limited',
          ...(wait === undefined ? {} : { headers: { 'retry-after': String(wait) } }),
        };
      }
      case 'serverError': {
        const status = behaviour.status ?? 500;
        return viaApi
          ? { status, body: { ok: false, error: 'internal_error' } }
          : text(status, 'rollup_error');
      }
      case 'reject':
        return viaApi
          ? apiError(behaviour.error)
          : text(WEBHOOK_STATUS[behaviour.error] ?? 400, behaviour.error);
    }
  }

  function accept(message: Omit<FakeSlackMessage, 'ts' | 'edits'>): FakeSlackMessage {
    const record = { ...message, ts: nextTs(), edits: [] };
    messages.push(record);
    options.onPost?.(record);
    return record;
  }

  function webhook(req: FakeSlackRequest): Reply {
    const json = req.json;
    if (!json) return text(400, 'invalid_payload');
    if (json.text === undefined && json.blocks === undefined) return text(400, 'no_text');
    if (blockKitProblems(json).length > 0) return text(400, 'invalid_blocks');
    accept({ endpoint: 'webhook', channel: req.path, text: json.text, blocks: json.blocks });
    return text(200, 'ok');
  }

  function responseUrl(req: FakeSlackRequest): Reply {
    const json = req.json;
    if (!json) return text(400, 'invalid_payload');
    if (blockKitProblems(json).length > 0) return text(400, 'invalid_blocks');
    // Without a message to replace (none is tied to a URL here), edit the latest one.
    const target = messages.at(-1);
    if (json.replace_original === true && target) target.edits.push({ text: json.text, blocks: json.blocks });
    return text(200, 'ok');
  }

  function authorized(req: FakeSlackRequest): Reply | undefined {
    const token = req.headers.authorization?.match(/^Bearer (xox[a-z]-\S+)$/)?.[1];
    if (!req.headers.authorization) return apiError('not_authed');
    if (!token || (options.tokens && !options.tokens.includes(token))) return apiError('invalid_auth');
    return undefined;
  }

  function postMessage(req: FakeSlackRequest): Reply {
    const json = req.json;
    if (!json) return apiError('invalid_json');
    if (typeof json.channel !== 'string' || !json.channel) return apiError('channel_not_found');
    if (json.text === undefined && json.blocks === undefined) return apiError('no_text');
    const problems = blockKitProblems(json);
    if (problems.length > 0) return apiError('invalid_blocks', { errors: problems });
    const posted = accept({
      endpoint: 'chat.postMessage',
      channel: channelId(json.channel),
      text: json.text,
      blocks: json.blocks,
    });
    return {
      status: 200,
      body: {
        ok: true,
        channel: posted.channel,
        ts: posted.ts,
        message: {
          type: 'message',
          subtype: 'bot_message',
          text: posted.text,
          blocks: posted.blocks,
          bot_id: 'B0FAKESLACK',
          ts: posted.ts,
        },
      },
    };
  }

  function update(req: FakeSlackRequest): Reply {
    const json = req.json;
    if (!json) return apiError('invalid_json');
    if (typeof json.channel !== 'string' || typeof json.ts !== 'string') return apiError('message_not_found');
    const target = messages.find((m) => m.ts === json.ts && m.channel === channelId(json.channel as string));
    if (!target) return apiError('message_not_found');
    const problems = blockKitProblems(json);
    if (problems.length > 0) return apiError('invalid_blocks', { errors: problems });
    target.edits.push({ text: json.text, blocks: json.blocks });
    return {
      status: 200,
      body: {
        ok: true,
        channel: target.channel,
        ts: target.ts,
        text: json.text,
        message: { text: json.text, blocks: json.blocks },
      },
    };
  }

  function route(req: FakeSlackRequest): Reply | 'hang' {
    if (req.method !== 'POST') return text(405, 'method_not_allowed');
    const viaApi = req.endpoint === 'chat.postMessage' || req.endpoint === 'chat.update';
    if (viaApi) {
      const denied = authorized(req);
      if (denied) return denied;
    }
    const failure = req.endpoint === 'unknown' ? undefined : scripted(req.endpoint);
    if (failure) return failure;
    switch (req.endpoint) {
      case 'webhook':
        return webhook(req);
      case 'chat.postMessage':
        return postMessage(req);
      case 'chat.update':
        return update(req);
      case 'response_url':
        return responseUrl(req);
      default:
        return text(404, 'no_service');
    }
  }

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: FakeSlackRequest = {
      endpoint: endpointOf(path),
      method: req.method ?? 'GET',
      path,
      headers,
      raw: raw ?? '',
      json: raw === undefined ? undefined : parseBody(raw, headers['content-type'] ?? ''),
    };
    requests.push(request);

    const reply = raw === undefined ? text(413, 'request_too_large') : route(request);
    if (reply === 'hang') return;
    request.status = reply.status;
    const isText = typeof reply.body === 'string';
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(isText ? reply.body : JSON.stringify(reply.body));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    apiBaseUrl: `${baseUrl}/api`,
    webhookUrl: (name = 'T0LOCAL/B0LOCAL/local') => `${baseUrl}/webhook/${name}`,
    requests,
    messages,
    setBehaviour,
    reset() {
      requests.length = 0;
      messages.length = 0;
      setBehaviour({ kind: 'accept' });
    },
    async stop() {
      // Hanging requests would keep close() waiting for ever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
