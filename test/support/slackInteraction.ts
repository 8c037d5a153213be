import { signSlackRequest } from '../../shared/slack/signature.js';

const ACTION_IDS = {
  claim: 'intent_claim',
  snooze_1h: 'intent_snooze_1h',
  dismiss: 'intent_dismiss',
} as const;

/** A Slack block_actions interaction for one of our alert buttons, signed as Slack signs it. */
export function signedInteraction(
  secret: string,
  alertId: string,
  action: keyof typeof ACTION_IDS,
  now: Date,
  user = { id: 'U07DANAKIM', username: 'dana' },
  responseUrl = 'https://hooks.slack.com/actions/T0001/123/abc',
) {
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.username, name: user.username, team_id: 'T0001' },
    team: { id: 'T0001', domain: 'acme' },
    container: {
      type: 'message',
      message_ts: '1764082861.000100',
      channel_id: 'C07SALES',
      is_ephemeral: false,
    },
    channel: { id: 'C07SALES', name: 'sales-alerts' },
    response_url: responseUrl,
    trigger_id: '123.456.abc',
    actions: [
      {
        type: 'button',
        action_id: ACTION_IDS[action],
        block_id: 'b1',
        value: alertId,
        action_ts: '1764082861.123456',
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(secret, timestamp, body),
    },
  };
}
