import { ENV, requireEnv } from '../config/runtimeEnv.js';
import type { IngestPorts } from '../ingest/ingestWebhook.js';
import { DynamoLinkStore } from '../links/dynamoLinkStore.js';
import type { LinkStore } from '../links/link.js';
import { sqsClient } from '../queue/sqsClient.js';
import { SqsEventQueue } from '../queue/sqsEventQueue.js';
import { cachedSecrets } from '../secrets/secretsSource.js';
import { documentClient, resetDocumentClient } from '../store/dynamoClient.js';
import { DynamoEventStore } from '../store/dynamoEventStore.js';
import { now } from './clock.js';

export interface Ports extends IngestPorts {
  links: LinkStore;
  tableName: string;
}

/**
 * Adapters wired from the environment, built once per container (and once per local process).
 * Kept out of handler modules so a handler reads as parse -> core -> result.
 */
let ports: Ports | undefined;

export function runtimePorts(): Ports {
  if (!ports) {
    const tableName = requireEnv(ENV.tableName);
    ports = {
      secrets: cachedSecrets(),
      events: new DynamoEventStore(documentClient(), tableName),
      links: new DynamoLinkStore(documentClient(), tableName),
      queue: new SqsEventQueue(sqsClient(), requireEnv(ENV.eventsQueueUrl)),
      tableName,
      // The wall clock in AWS; the simulated world may move it on a laptop (see clock.ts).
      now,
    };
  }
  return ports;
}

/** Forgets the wired adapters, like a new Lambda container would (local runner restarts). */
export function resetRuntimePorts(): void {
  ports = undefined;
  resetDocumentClient();
}
