import type { CanonicalEvent } from '../../events/index.js';
import { type IntentAlert, intentAlertBlocks } from '../slack/intentAlertMessage.js';
import { type AlertPorts, slackRouteFor } from './alertPorts.js';

type IntentDetected = Extract<CanonicalEvent, { type: 'intent.detected' }>;

/** What the alert shows: who, which account and deal, what they wrote, what we last sent. */
async function renderAlert(event: IntentDetected, ports: AlertPorts): Promise<IntentAlert> {
  const source = await ports.events.get(event.sourceEventId);
  const contact = event.contactId
    ? await ports.directory.findContact(event.contactId)
    : event.phone
      ? await ports.directory.lookupPhone(event.phone)
      : undefined;
  const account = event.accountId ? await ports.directory.findAccount(event.accountId) : undefined;
  const opportunity = await ports.directory.latestOpenOpportunity({
    contactId: event.contactId,
    accountId: event.accountId,
  });
  const owner = event.ownerId ? ports.config.alerts.owners[event.ownerId] : undefined;
  const history = event.phone ? await ports.events.timeline({ phone: event.phone }, { limit: 200 }) : [];
  const lastSent = history
    .filter((e) => e.type === 'message.sent' && e.occurredAt <= (source?.occurredAt ?? event.occurredAt))
    .at(-1);
  const replyText =
    source?.type === 'message.received'
      ? source.body
      : source?.type === 'message.clicked'
        ? `Clicked ${source.destination}`
        : '';
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(' ');
  return {
    alertId: event.alertId,
    intent: event.intent,
    confidence: event.confidence,
    reason: event.reason,
    priority: event.priority,
    contact: {
      name: name || undefined,
      phone: event.phone ?? contact?.phone ?? 'unknown',
      contactId: event.contactId,
    },
    account: account ? { name: account.name, tier: account.tier } : undefined,
    owner: owner ? { name: owner.name, slackUserId: owner.slackUserId } : undefined,
    opportunity: opportunity
      ? { stage: opportunity.stage, amountMinor: opportunity.amountMinor, currency: opportunity.currency }
      : undefined,
    replyText,
    lastSentText: lastSent?.type === 'message.sent' ? lastSent.body : undefined,
    receivedAt: source?.occurredAt ?? event.occurredAt,
    slaDueAt: event.slaDueAt,
  };
}

/**
 * (bus: IntentDetected) -> alert state (once per alert) -> Slack -> SLA timer.
 * A redelivered event finds the alert posted and does nothing: never posted twice. A failure
 * before the post is retried by the bus target (and dead-lettered, never lost).
 */
export async function postIntentAlert(
  event: CanonicalEvent,
  ports: AlertPorts,
): Promise<'posted' | 'already_posted'> {
  if (event.type !== 'intent.detected') throw new Error(`postIntentAlert got ${event.type}`);
  const existing = await ports.alerts.get(event.alertId);
  if (existing?.posted) return 'already_posted';
  const render = existing?.render ?? (await renderAlert(event, ports));
  await ports.alerts.open({
    alertId: event.alertId,
    status: 'open',
    priority: event.priority,
    routeId: event.routeId,
    createdAt: event.occurredAt,
    slaDueAt: event.slaDueAt,
    render,
  });
  const route = await slackRouteFor(event.routeId, ports);
  const posted = await ports.slack.post(route, intentAlertBlocks(render), event.alertId);
  await ports.alerts.markPosted(event.alertId, { ...posted, at: ports.now().toISOString() });
  await ports.timers.schedule(event.alertId, event.slaDueAt);
  return 'posted';
}
