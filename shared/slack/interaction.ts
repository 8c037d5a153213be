import { z } from 'zod';
import { MalformedPayloadError } from '../http/errors.js';
import { ALERT_ACTION_IDS } from './intentAlertMessage.js';

/**
 * The fields of a `block_actions` interaction payload we read; Slack sends many more.
 *
 * @example
 * {
 *   "type": "block_actions",
 *   "user": { "id": "U024BE7LH", "username": "sam.lee", "name": "sam.lee", "team_id": "T024BE7LD" },
 *   "container": { "type": "message", "message_ts": "1764082800.000200", "channel_id": "C024BE91L" },
 *   "response_url": "https://hooks.slack.com/actions/T024BE7LD/6331486012583/Xw7p2vQ9m4KfR8sT1uYz3aBc",
 *   "actions": [{ "type": "button", "action_id": "intent_claim", "value": "alr_01JDZQ5V8K2M4N6P8R0T2V4X6Z",
 *                 "block_id": "Qb9aE", "action_ts": "1764082861.123456" }]
 * }
 * @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({
    id: z.string().min(1),
    username: z.string().optional(),
    /** Legacy; still sent. */
    name: z.string().optional(),
  }),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string().optional() }).optional(),
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

/** Any interaction payload: only its `type` is checked before we know it is one of ours. */
const InteractionTypeSchema = z.object({ type: z.string() });

export type AlertAction = keyof typeof ALERT_ACTION_IDS;

/** A click on one of an intent alert's buttons. */
export interface SlackInteraction {
  action: AlertAction;
  alertId: string;
  /** The Slack member who clicked; `name` is their username, or their id when Slack sent none. */
  user: { id: string; name: string };
  channel?: string;
  messageTs?: string;
  /** Where to send a replacement message (the way to update a webhook-posted alert). */
  responseUrl?: string;
}

const ACTION_BY_ID = new Map<string, AlertAction>(
  Object.entries(ALERT_ACTION_IDS).map(([action, id]) => [id, action as AlertAction]),
);

function payloadJson(rawBody: Buffer | string): unknown {
  const payload = new URLSearchParams(rawBody.toString()).get('payload');
  if (payload === null) throw new MalformedPayloadError('the body has no payload parameter');
  try {
    return JSON.parse(payload);
  } catch (error) {
    throw new MalformedPayloadError('payload is not JSON', { cause: error });
  }
}

/**
 * Reads the interaction Slack posts to `/slack/actions` (form-encoded, one `payload` field
 * holding JSON). Call it after verifySlackRequest. Returns undefined for a well-formed
 * interaction that is not a click on an alert button (another payload type, another
 * action_id): acknowledge those with 200 and ignore them. Throws MalformedPayloadError when
 * the body is not a Slack interaction, or a click on our buttons carries no alert id.
 */
export function parseInteraction(rawBody: Buffer | string): SlackInteraction | undefined {
  const json = payloadJson(rawBody);
  const kind = InteractionTypeSchema.safeParse(json);
  if (!kind.success) throw new MalformedPayloadError('payload has no interaction type');
  if (kind.data.type !== 'block_actions') return undefined;

  const parsed = BlockActionsSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedPayloadError(`block_actions payload: ${z.prettifyError(parsed.error)}`);
  }
  const { user, container, channel, message, response_url, actions } = parsed.data;
  // A button click carries exactly one action.
  const [clicked] = actions;
  const action = ACTION_BY_ID.get(clicked!.action_id);
  if (!action) return undefined;
  if (!clicked!.value) throw new MalformedPayloadError(`${clicked!.action_id} click carries no alert id`);

  const channelId = container?.channel_id ?? channel?.id;
  const messageTs = container?.message_ts ?? message?.ts;
  return {
    action,
    alertId: clicked!.value,
    user: { id: user.id, name: user.username ?? user.name ?? user.id },
    ...(channelId ? { channel: channelId } : {}),
    ...(messageTs ? { messageTs } : {}),
    ...(response_url ? { responseUrl: response_url } : {}),
  };
}
