import type { AppConfig } from '../config/programConfig.js';
import type { ContactDirectory } from '../identity/contactDirectory.js';
import type { EventQueue } from '../queue/eventQueue.js';
import type { VendorSecrets } from '../secrets/vendorSecrets.js';
import type { SlackMessage } from '../slack/blockKit.js';
import type { SlackPoster, SlackRoute } from '../slack/slackClient.js';
import type { EventStore } from '../store/eventStore.js';
import type { AlertStore } from './alertStore.js';

/** The SLA timers the minutely check reads (durable timers in the table). */
export interface SlaTimers {
  schedule(alertId: string, dueAt: string): Promise<void>;
  due(now: Date): Promise<Array<{ id: string; dueAt: string }>>;
  remove(timers: ReadonlyArray<{ id: string; dueAt: string }>): Promise<void>;
}

export interface AlertPorts {
  config: AppConfig;
  secrets: () => Promise<VendorSecrets>;
  alerts: AlertStore;
  timers: SlaTimers;
  directory: ContactDirectory;
  events: EventStore;
  queue: EventQueue;
  slack: SlackPoster & { respond(responseUrl: string, message: SlackMessage): Promise<void> };
  now: () => Date;
}

/** A configured route id -> where to post, with the secret it names resolved. */
export async function slackRouteFor(
  routeId: string,
  ports: Pick<AlertPorts, 'config' | 'secrets'>,
): Promise<SlackRoute> {
  const route = ports.config.alerts.routes[routeId];
  if (!route) throw new Error(`alert route "${routeId}" is not configured`);
  const secrets = await ports.secrets();
  if (route.kind === 'webhook') {
    const url = secrets[route.urlSecret];
    if (!url) throw new Error(`alert route "${routeId}" needs the secret ${route.urlSecret}`);
    return { kind: 'webhook', url };
  }
  const token = secrets[route.tokenSecret];
  if (!token) throw new Error(`alert route "${routeId}" needs the secret ${route.tokenSecret}`);
  return { kind: 'bot', token, channel: route.channel };
}
