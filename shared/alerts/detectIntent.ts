import { createHash } from 'node:crypto';
import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import type { Intent } from '../../events/intent.js';
import type { AppConfig } from '../config/programConfig.js';
import { programsSendingFrom } from '../consent/consentSignals.js';
import type { ContactDirectory } from '../identity/contactDirectory.js';
import { clickIntent, DEFAULT_CLICK_INTENT_CONFIG } from '../intent/highIntentClicks.js';
import { classifyIntent } from '../intent/intentRules.js';
import type { AlertStore } from './alertStore.js';
import { routeAlert } from './routeAlert.js';

export interface DetectPorts {
  config: AppConfig;
  directory: ContactDirectory;
  alerts: Pick<AlertStore, 'rotate'>;
  now: () => Date;
}

/** One alert per source event, whatever the retries: the id derives from the event's id. */
export function alertIdFor(sourceEventId: string): string {
  return `alert_${createHash('sha256').update(sourceEventId).digest('hex').slice(0, 24)}`;
}

interface Signal {
  signal: 'reply' | 'click';
  intent: Intent;
  confidence: number;
  reason?: 'size' | 'shipping' | 'availability' | 'price';
  programId?: string;
}

function signalOf(event: CanonicalEvent, config: AppConfig): Signal | undefined {
  if (event.type === 'message.received') {
    const found = classifyIntent(event.body);
    return {
      signal: 'reply',
      intent: found.intent,
      confidence: found.confidence,
      reason: found.reason,
      programId: programsSendingFrom(config, event.to)[0]?.[0],
    };
  }
  if (event.type === 'message.clicked' && !event.bot) {
    const intent = clickIntent(event.destination, {
      pricingPaths: config.alerts.pricingLinks ?? DEFAULT_CLICK_INTENT_CONFIG.pricingPaths,
      bookingPaths: config.alerts.bookingLinks ?? DEFAULT_CLICK_INTENT_CONFIG.bookingPaths,
    });
    return intent ? { signal: 'click', intent, confidence: 0.9, programId: event.programId } : undefined;
  }
  return undefined;
}

/**
 * (reply or click) -> intent -> owner, route, priority, SLA -> an `intent.detected` event, or
 * nothing when the intent is not one the config alerts on or nobody is set to receive it.
 */
export async function detectIntent(
  event: CanonicalEvent,
  ports: DetectPorts,
): Promise<CanonicalEvent | undefined> {
  const alerts = ports.config.alerts;
  const signal = signalOf(event, ports.config);
  if (!signal || !alerts.intents.includes(signal.intent)) return undefined;

  const contact = event.contactId
    ? await ports.directory.findContact(event.contactId)
    : event.phone
      ? await ports.directory.lookupPhone(event.phone)
      : undefined;
  const accountId = contact?.accountId ?? event.accountId;
  const account = accountId ? await ports.directory.findAccount(accountId) : undefined;
  const opportunity = await ports.directory.latestOpenOpportunity({
    contactId: contact && !contact.provisional ? contact.contactId : undefined,
    accountId,
  });
  const routing = await routeAlert(
    {
      intent: signal.intent,
      programId: signal.programId,
      contactOwnerId: contact?.ownerId,
      accountOwnerId: account?.ownerId,
      accountTier: account?.tier,
      openOpportunityStage: opportunity?.stage,
      rotation: (teamId) => ports.alerts.rotate(teamId),
    },
    alerts,
  );
  if (!routing) return undefined;

  const now = ports.now();
  return canonicalEvent(
    {
      type: 'intent.detected',
      source: 'internal',
      vendorRef: `${event.eventId}:intent`,
      occurredAt: now.toISOString(),
      phone: event.phone,
      contactId: contact && !contact.provisional ? contact.contactId : event.contactId,
      accountId,
      alertId: alertIdFor(event.eventId),
      sourceEventId: event.eventId,
      signal: signal.signal,
      intent: signal.intent,
      confidence: signal.confidence,
      reason: signal.reason,
      priority: routing.priority,
      ownerId: routing.ownerId,
      routedBy: routing.routedBy,
      routeId: routing.routeId,
      slaDueAt: new Date(now.getTime() + routing.slaMinutes * 60_000).toISOString(),
      programId: signal.programId,
      opportunityId: opportunity?.opportunityId,
      opportunityStage: opportunity?.stage,
    },
    now,
  );
}
