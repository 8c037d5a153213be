import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import type { WebhookRequest } from '../http/webhookRequest.js';
import { appendEvents } from '../ingest/appendEvents.js';
import { type AlertStatus, alertStatusBlocks } from '../slack/intentAlertMessage.js';
import { parseInteraction } from '../slack/interaction.js';
import { verifySlackRequest } from '../slack/signature.js';
import { type AlertPorts, slackRouteFor } from './alertPorts.js';
import type { AlertAction, AlertState } from './alertStore.js';

const SNOOZE_MS = 3600_000;

const EVENT_TYPE = {
  claim: 'alert.claimed',
  snooze_1h: 'alert.snoozed',
  dismiss: 'alert.dismissed',
} as const;

/**
 * (http) POST /slack/actions -> verify Slack's v0 signature -> record claim / snooze / dismiss
 * (first response wins; time-to-first-response and SLA attainment become an event) -> update
 * the Slack message. Clicks that are not ours are acknowledged and ignored.
 */
export async function respondToAlert(
  request: WebhookRequest,
  ports: AlertPorts,
): Promise<{ recorded: boolean }> {
  const now = ports.now();
  verifySlackRequest(request.headers, request.rawBody, (await ports.secrets()).SLACK_SIGNING_SECRET, now);
  const interaction = parseInteraction(request.rawBody);
  if (!interaction) return { recorded: false };

  const at = now.toISOString();
  const by = { slackUserId: interaction.user.id, name: interaction.user.name };
  const { first, state } = await ports.alerts.respond(interaction.alertId, interaction.action, by, at);
  if (!state) return { recorded: false };
  if (first) {
    await appendEvents([responseEvent(state, interaction.action, by, now)], ports);
    // A snoozed alert is looked at again in an hour: unclaimed by then, it escalates.
    if (interaction.action === 'snooze_1h') {
      await ports.timers.schedule(state.alertId, new Date(now.getTime() + SNOOZE_MS).toISOString());
    }
  }
  const status = statusOf(state, interaction.action, now);
  const message = alertStatusBlocks(state.render, status);
  if (interaction.responseUrl) await ports.slack.respond(interaction.responseUrl, message);
  else if (state.posted?.channel && state.posted.ts) {
    await ports.slack.update(
      await slackRouteFor(state.routeId, ports),
      state.posted.channel,
      state.posted.ts,
      message,
    );
  }
  return { recorded: first };
}

function statusOf(state: AlertState, action: AlertAction, now: Date): AlertStatus {
  const by = { id: state.respondedBy?.slackUserId ?? 'unknown', name: state.respondedBy?.name ?? 'someone' };
  const at = state.respondedAt ?? now.toISOString();
  if (action === 'snooze_1h') {
    return { action: 'snoozed', by, at, until: new Date(Date.parse(at) + SNOOZE_MS).toISOString() };
  }
  return { action: action === 'claim' ? 'claimed' : 'dismissed', by, at } as AlertStatus;
}

function responseEvent(
  state: AlertState,
  action: AlertAction,
  by: { slackUserId: string; name?: string },
  now: Date,
): CanonicalEvent {
  const responseSeconds = Math.max(0, (now.getTime() - Date.parse(state.createdAt)) / 1000);
  const common = {
    source: 'internal' as const,
    vendorRef: `${state.alertId}:response`,
    occurredAt: now.toISOString(),
    alertId: state.alertId,
    by,
    responseSeconds,
    withinSla: now.getTime() <= Date.parse(state.slaDueAt),
    priority: state.priority,
    phone: state.render.contact.phone.startsWith('+') ? state.render.contact.phone : undefined,
    contactId: state.render.contact.contactId,
  };
  const type = EVENT_TYPE[action];
  return canonicalEvent(
    type === 'alert.snoozed'
      ? { ...common, type, until: new Date(now.getTime() + SNOOZE_MS).toISOString() }
      : { ...common, type },
    now,
  );
}
