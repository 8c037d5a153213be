import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../shared/slack/blockKit.js';
import { type FakeSlack, startFakeSlack } from '../../shared/slack/fakeSlackServer.js';
import { alertStatusBlocks, intentAlertBlocks } from '../../shared/slack/intentAlertMessage.js';
import {
  type SlackClientOptions,
  SlackHttpClient,
  SlackRejectedError,
  type SlackRoute,
  SlackUnavailableError,
} from '../../shared/slack/slackClient.js';
import { intentAlert } from '../unit/slack/builders.js';

const TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';
const ALERT_ID = 'alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z';

let slack: FakeSlack;
const sleeps: number[] = [];
/** Short timeouts, fixed jitter and a recorded, instant sleep: waits are measured, not waited. */
const transport: SlackClientOptions = {
  retry: { maxAttempts: 3, timeoutMs: 200, baseDelayMs: 100, maxDelayMs: 10_000 },
  sleep: async (ms) => void sleeps.push(ms),
  random: () => 0.5,
};
const client = () => new SlackHttpClient({ ...transport, apiBaseUrl: slack.apiBaseUrl });
const webhook = (): SlackRoute => ({
  kind: 'webhook',
  url: slack.webhookUrl('T024BE7LD/B07H2QA1C2D/alerts'),
});
const bot = (channel = 'C024BE91L'): SlackRoute => ({ kind: 'bot', token: TOKEN, channel });
/** What Slack should receive for a message: the message plus our no-unfurl flags. */
const wire = (message: SlackMessage) => ({
  ...JSON.parse(JSON.stringify(message)),
  unfurl_links: false,
  unfurl_media: false,
});

beforeAll(async () => {
  slack = await startFakeSlack({ tokens: [TOKEN], now: () => new Date('2026-11-25T15:00:01Z') });
});
afterAll(async () => slack.stop());
beforeEach(() => {
  slack.reset();
  sleeps.length = 0;
});

describe('Adapter: SlackHttpClient against the fake Slack, escaping', () => {
  const WJ = '\u2060';
  it.each([
    ['a channel broadcast', '<!channel> call me', '>&lt;!channel&gt; call me', '<!channel>'],
    ['a user mention', '<@U0G9QF9C6> can you call?', '>&lt;@U0G9QF9C6&gt; can you call?', '<@U0G9QF9C6>'],
    [
      'a forged link',
      '<https://evil.example|bank> pay here',
      '>&lt;https://evil.example|bank&gt; pay here',
      '<https://evil',
    ],
    ['typed entities', '&lt;!here&gt;', '>&amp;lt;!here&amp;gt;', '&lt;!here&gt;'],
    ['a bare @channel', '@channel we need pricing', `>@${WJ}channel we need pricing`, '@channel'],
    // Sent as UTF-8, not as JSON surrogate escapes.
    ['emoji', '👍🏽 sí, el martes 🎉', '>👍🏽 sí, el martes 🎉', '\\ud83d'],
    ['a 5,000-character reply', 'a'.repeat(5000), `>${'a'.repeat(2990)}…`, 'a'.repeat(2991)],
  ])('delivers %s as literal text, in the exact JSON', async (_name, reply, quoted, forbidden) => {
    // Prepare
    const message = intentAlertBlocks(intentAlert({ replyText: reply }));
    // Act
    await expect(client().post(webhook(), message, ALERT_ID)).resolves.toEqual({});
    // Assess: one request, exactly our JSON, the reply quoted and escaped, nothing live in the raw body.
    expect(slack.requests).toHaveLength(1);
    const [request] = slack.requests;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.json).toEqual(wire(message));
    expect(request?.json?.blocks).toContainEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Reply*\n${quoted}`, verbatim: true },
    });
    expect(request?.raw.includes(forbidden)).toBe(false);
    expect(slack.messages).toHaveLength(1);
  });
});

describe('Adapter: SlackHttpClient against the fake Slack, routes', () => {
  it('posts through chat.postMessage with the bot token, and returns channel and ts', async () => {
    const message = intentAlertBlocks(intentAlert());
    const posted = await client().post(bot(), message, ALERT_ID);

    const [request] = slack.requests;
    expect(request?.path).toBe('/api/chat.postMessage');
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request?.json).toEqual({ channel: 'C024BE91L', ...wire(message) });
    expect(posted).toEqual({ channel: 'C024BE91L', ts: slack.messages[0]?.ts });
    expect(posted.ts).toMatch(/^1795618801\.\d{6}$/);
  });

  it('updates the posted message in place with chat.update', async () => {
    const alert = intentAlert();
    const posted = await client().post(bot('#sales-alerts'), intentAlertBlocks(alert), ALERT_ID);
    const claimed = alertStatusBlocks(alert, {
      action: 'claimed',
      by: { id: 'U024BE7LH', name: 'sam.lee' },
      at: '2026-11-25T15:02:00Z',
    });

    await client().update(bot('#sales-alerts'), posted.channel!, posted.ts!, claimed);

    expect(posted.channel).toMatch(/^C[0-9A-F]{10}$/);
    expect(slack.requests[1]?.json).toEqual({
      channel: posted.channel,
      ts: posted.ts,
      ...JSON.parse(JSON.stringify(claimed)),
    });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]?.edits).toEqual([JSON.parse(JSON.stringify(claimed))]);
  });

  it('replaces a webhook-posted alert through the response_url', async () => {
    const alert = intentAlert();
    await client().post(webhook(), intentAlertBlocks(alert), ALERT_ID);
    const dismissed = alertStatusBlocks(alert, {
      action: 'dismissed',
      by: { id: 'U024BE7LH', name: 'sam.lee' },
      at: '2026-11-25T15:02:00Z',
    });

    await client().respond(
      `${slack.baseUrl}/actions/T024BE7LD/6331486012583/Xw7p2vQ9m4KfR8sT1uYz3aBc`,
      dismissed,
    );

    expect(slack.requests[1]?.json).toEqual({
      replace_original: true,
      ...JSON.parse(JSON.stringify(dismissed)),
    });
    expect(slack.messages[0]?.edits).toHaveLength(1);
  });

  it('records a form-encoded chat.postMessage raw, with its blocks parsed, as Slack accepts both', async () => {
    const body = new URLSearchParams({
      channel: 'C024BE91L',
      text: 'Hello & <world>',
      blocks: JSON.stringify([{ type: 'divider' }]),
    }).toString();
    const answer = await fetch(`${slack.apiBaseUrl}/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });

    expect(await answer.json()).toMatchObject({ ok: true, channel: 'C024BE91L' });
    expect(slack.requests[0]?.raw).toBe(body);
    expect(slack.requests[0]?.json).toEqual({
      channel: 'C024BE91L',
      text: 'Hello & <world>',
      blocks: [{ type: 'divider' }],
    });
  });

  it('reports an update of a message Slack does not have as a rejection', async () => {
    const update = client().update(bot(), 'C024BE91L', '1795618801.999999', intentAlertBlocks(intentAlert()));
    await expect(update).rejects.toMatchObject({ code: 'message_not_found', retryable: false });
  });
});

describe('Adapter: SlackHttpClient against the fake Slack, failures', () => {
  const routes: Array<[string, () => SlackRoute, { rateLimited: string; serverError: string }]> = [
    ['incoming webhook', webhook, { rateLimited: 'rate_limited', serverError: 'rollup_error' }],
    ['chat.postMessage', bot, { rateLimited: 'ratelimited', serverError: 'internal_error' }],
  ];
  const post = (route: () => SlackRoute) =>
    client().post(route(), intentAlertBlocks(intentAlert()), ALERT_ID);

  it.each(routes)('%s: waits the Retry-After of each 429, then posts once', async (_name, route) => {
    slack.setBehaviour({ kind: 'rateLimit', retryAfterSeconds: 2, times: 2 });
    await post(route);
    expect(sleeps).toEqual([2_000, 2_000]);
    expect(slack.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(slack.messages).toHaveLength(1);
  });

  it.each(routes)(
    '%s: hands a Retry-After longer than it blocks for back to the caller',
    async (_name, route, codes) => {
      slack.setBehaviour({ kind: 'rateLimit', retryAfterSeconds: 30 });
      const error = await post(route).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SlackUnavailableError);
      expect((error as SlackUnavailableError).details).toEqual({
        attempts: 1,
        status: 429,
        code: codes.rateLimited,
        retryAfterMs: 30_000,
        cause: undefined,
      });
      expect(sleeps).toEqual([]);
      expect(slack.messages).toHaveLength(0);
    },
  );

  it.each(routes)('%s: backs off exponentially with jitter between 500s', async (_name, route) => {
    slack.setBehaviour({ kind: 'serverError', times: 2 });
    await post(route);
    // Half (the fixed jitter) of 100 ms, then of 200 ms.
    expect(sleeps).toEqual([50, 100]);
    expect(slack.messages).toHaveLength(1);
  });

  it.each(routes)('%s: gives up after the last 500 as unavailable', async (_name, route, codes) => {
    slack.setBehaviour({ kind: 'serverError' });
    await expect(post(route)).rejects.toMatchObject({
      retryable: true,
      details: { attempts: 3, status: 500, code: codes.serverError },
    });
    expect(slack.requests).toHaveLength(3);
  });

  it.each(routes)('%s: retries after a timeout', async (_name, route) => {
    slack.setBehaviour({ kind: 'hang', times: 1 });
    await post(route);
    expect(slack.requests.map((r) => r.status)).toEqual([undefined, 200]);
    expect(slack.messages).toHaveLength(1);
  });

  it('gives up after three timeouts as unavailable', async () => {
    slack.setBehaviour({ kind: 'hang' });
    await expect(post(webhook)).rejects.toThrow(/unavailable after 3 attempt\(s\).*no answer within 200 ms/);
    expect(slack.requests).toHaveLength(3);
  });

  it.each([
    ['an archived webhook channel', webhook, 'channel_is_archived', 410],
    ['a revoked webhook', webhook, 'no_service', 404],
    ['an unknown bot channel', bot, 'channel_not_found', 200],
  ] as const)('rejects %s at once, without retrying', async (_name, route, error, status) => {
    slack.setBehaviour({ kind: 'reject', error });
    const failure = await post(route).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SlackRejectedError);
    expect(failure).toMatchObject({ code: error, status });
    expect(slack.requests).toHaveLength(1);
  });

  it('rejects a wrong bot token as invalid_auth', async () => {
    const route: SlackRoute = { kind: 'bot', token: 'xoxb-wrong', channel: 'C024BE91L' };
    await expect(client().post(route, intentAlertBlocks(intentAlert()), ALERT_ID)).rejects.toMatchObject({
      code: 'invalid_auth',
    });
  });

  it('is refused, like real Slack, a section longer than Block Kit allows', async () => {
    const oversized: SlackMessage = {
      text: 'too long',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
    };
    await expect(client().post(webhook(), oversized, ALERT_ID)).rejects.toMatchObject({
      code: 'invalid_blocks',
      status: 400,
    });
    await expect(client().post(bot(), oversized, ALERT_ID)).rejects.toMatchObject({ code: 'invalid_blocks' });
    expect(slack.messages).toHaveLength(0);
  });
});
