import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../shared/slack/blockKit.js';
import {
  SlackError,
  SlackHttpClient,
  SlackRejectedError,
  SlackResponseError,
  SlackUnavailableError,
} from '../../../shared/slack/slackClient.js';

/** A fetch that plays back scripted answers and records each call. */
function scriptedFetch(...script: Response[]) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return script[Math.min(calls.length - 1, script.length - 1)]!.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const message: SlackMessage = { text: 'Hot lead', blocks: [{ type: 'divider' }] };
const bot = {
  kind: 'bot' as const,
  token: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
  channel: 'C024BE91L',
};

function client(fetch: typeof globalThis.fetch) {
  return new SlackHttpClient({
    fetch,
    apiBaseUrl: 'https://slack.invalid/api/',
    sleep: async () => undefined,
    retry: { maxAttempts: 3, timeoutMs: 1_000, baseDelayMs: 10, maxDelayMs: 100 },
  });
}

describe('Adapter: SlackHttpClient (scripted answers)', () => {
  it('does not retry a transient error Slack reports inside a 200, but says it is retryable', async () => {
    const { fetch, calls } = scriptedFetch(json({ ok: false, error: 'internal_error' }));
    const error = await client(fetch)
      .post(bot, message, 'alr_1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackUnavailableError);
    expect(error).toMatchObject({
      retryable: true,
      details: { attempts: 1, status: 200, code: 'internal_error' },
    });
    expect(calls).toHaveLength(1);
  });

  it('treats a 2xx that is not Slack JSON as a possible post, not to be retried blindly', async () => {
    const { fetch, calls } = scriptedFetch(new Response('<html>ok</html>', { status: 200 }));
    await expect(client(fetch).post(bot, message, 'alr_1')).rejects.toBeInstanceOf(SlackResponseError);
    expect(calls).toHaveLength(1);
  });

  it('treats ok without channel and ts as unreadable', async () => {
    const { fetch } = scriptedFetch(json({ ok: true }));
    await expect(client(fetch).post(bot, message, 'alr_1')).rejects.toBeInstanceOf(SlackResponseError);
  });

  it('does not follow a redirect: a 3xx is a rejection', async () => {
    const { fetch, calls } = scriptedFetch(new Response(null, { status: 302, headers: { location: '/x' } }));
    await expect(client(fetch).post(bot, message, 'alr_1')).rejects.toMatchObject({
      code: 'http_302',
      status: 302,
    });
    expect(calls).toHaveLength(1);
  });

  it('refuses to edit through a webhook route without calling Slack', async () => {
    const { fetch, calls } = scriptedFetch(json({ ok: true }));
    const webhook = { kind: 'webhook' as const, url: 'https://hooks.slack.com/services/T0/B0/x' };
    await expect(client(fetch).update(webhook, 'C024BE91L', '1.2', message)).rejects.toMatchObject({
      code: 'webhook_cannot_update',
      retryable: false,
    });
    expect(calls).toHaveLength(0);
  });

  it('joins the API base without a double slash', async () => {
    const { fetch, calls } = scriptedFetch(json({ ok: true, channel: 'C024BE91L', ts: '1.2' }));
    await client(fetch).post(bot, message, 'alr_1');
    expect(calls[0]?.url).toBe('https://slack.invalid/api/chat.postMessage');
  });

  it.each([
    [new SlackRejectedError('channel_not_found', 'posting', 404), false],
    [new SlackUnavailableError('HTTP 500', { attempts: 3, status: 500 }), true],
    [new SlackResponseError('no ts'), false],
  ])('%s says whether calling again is sound', (error, retryable) => {
    expect(error).toBeInstanceOf(SlackError);
    expect(error.retryable).toBe(retryable);
    expect(error.name).toBe(error.constructor.name);
  });
});
