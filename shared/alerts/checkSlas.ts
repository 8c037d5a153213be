import { canonicalEvent } from '../../events/index.js';
import { appendEvents } from '../ingest/appendEvents.js';
import { alertEscalationBlocks } from '../slack/intentAlertMessage.js';
import { type AlertPorts, slackRouteFor } from './alertPorts.js';

/**
 * (schedule, every minute) -> alerts whose SLA passed unclaimed -> the manager channel, once,
 * and an `alert.escalated` event. Claimed or dismissed alerts are dropped from the timers.
 */
export async function checkSlas(ports: AlertPorts): Promise<{ due: number; escalated: number }> {
  const now = ports.now();
  const due = await ports.timers.due(now);
  let escalated = 0;
  const managerRoute = ports.config.alerts.managerRoute;
  for (const timer of due) {
    const state = await ports.alerts.get(timer.id);
    if (state && managerRoute && (state.status === 'open' || state.status === 'snoozed')) {
      // Claim the escalation first: concurrent checks or a retry never escalate twice.
      if (await ports.alerts.markEscalated(state.alertId, now.toISOString())) {
        await ports.slack.post(
          await slackRouteFor(managerRoute, ports),
          alertEscalationBlocks(state.render, now.toISOString()),
          `${state.alertId}:escalation`,
        );
        await appendEvents(
          [
            canonicalEvent(
              {
                type: 'alert.escalated',
                source: 'internal',
                vendorRef: `${state.alertId}:escalated`,
                occurredAt: now.toISOString(),
                alertId: state.alertId,
                priority: state.priority,
                routeId: managerRoute,
                overdueSeconds: Math.max(0, (now.getTime() - Date.parse(state.slaDueAt)) / 1000),
                contactId: state.render.contact.contactId,
              },
              now,
            ),
          ],
          ports,
        );
        escalated += 1;
      }
    }
  }
  await ports.timers.remove(due);
  return { due: due.length, escalated };
}
