import type { IntentAlert } from '../../../shared/slack/intentAlertMessage.js';
import { signSlackRequest } from '../../../shared/slack/signature.js';

/** A complete hot alert; each test overrides what it is about. */
export function intentAlert(overrides: Partial<IntentAlert> = {}): IntentAlert {
  return {
    alertId: 'alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z',
    intent: 'meeting_request',
    confidence: 0.92,
    priority: 'hot',
    contact: { name: 'Dana Reyes', phone: '+14155550123', contactId: 'ct_8842' },
    account: { name: 'Reyes & Daughters Bakery', tier: 'A' },
    owner: { name: 'Sam Lee', slackUserId: 'U024BE7LH' },
    opportunity: { stage: 'Proposal sent', amountMinor: 1_250_000, currency: 'USD' },
    replyText: 'Can we meet Tuesday?',
    lastSentText: 'Hi Dana, your quote for the spring order is ready. Reply to set up a call.',
    receivedAt: '2026-11-25T15:00:00Z',
    slaDueAt: '2026-11-25T15:05:00Z',
    ...overrides,
  };
}

/**
 * A `block_actions` payload as Slack documents it for a button click in a message, with the
 * fields we do not read left in so the parser is tested against the real shape.
 *
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export function blockActionsPayload(
  actionId = 'intent_claim',
  value = 'alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z',
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: 'U024BE7LH', username: 'sam.lee', name: 'sam.lee', team_id: 'T024BE7LD' },
    api_app_id: 'A07H2Q9KX4M',
    token: 'Shh_its_a_seekrit',
    container: {
      type: 'message',
      message_ts: '1795618800.000200',
      channel_id: 'C024BE91L',
      is_ephemeral: false,
    },
    trigger_id: '6331486012583.7964613648.5c2f0e1a9b8d7c6e5f4a3b2c1d0e9f8a',
    team: { id: 'T024BE7LD', domain: 'reyes-sales' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'C024BE91L', name: 'sales-alerts' },
    message: {
      type: 'message',
      subtype: 'bot_message',
      text: 'Hot lead: Meeting request from Dana Reyes (+•••••••0123)',
      ts: '1795618800.000200',
      bot_id: 'B07H2QA1C2D',
      blocks: [],
    },
    state: { values: {} },
    response_url: 'https://hooks.slack.com/actions/T024BE7LD/6331486012583/Xw7p2vQ9m4KfR8sT1uYz3aBc',
    actions: [
      {
        action_id: actionId,
        block_id: 'Qb9aE',
        text: { type: 'plain_text', text: 'Claim', emoji: true },
        value,
        style: 'primary',
        type: 'button',
        action_ts: '1795618861.123456',
      },
    ],
  };
}

/** The body Slack posts to the Request URL: form-encoded, one `payload` field of JSON. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Headers for a body signed now with `secret`, as Slack sends them. */
export function slackHeaders(secret: string, timestamp: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(secret, timestamp, body),
  };
}
