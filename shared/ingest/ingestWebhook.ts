import { ZodError } from 'zod';
import { type CanonicalEvent, canonicalEvent, type EventDraft } from '../../events/index.js';
import {
  MalformedPayloadError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../http/errors.js';
import { MAX_BODY_BYTES } from '../http/limits.js';
import {
  jsonResponse,
  mediaType,
  type WebhookRequest,
  type WebhookResponse,
} from '../http/webhookRequest.js';
import type { ProviderFamily } from '../providers/provider.js';
import { findProvider } from '../providers/registry.js';
import type { EventQueue } from '../queue/eventQueue.js';
import type { SecretsSource } from '../secrets/secretsSource.js';
import type { EventStore } from '../store/eventStore.js';
import { appendEvents } from './appendEvents.js';

export { MAX_BODY_BYTES };

export interface IngestPorts {
  secrets: SecretsSource;
  events: EventStore;
  queue: EventQueue;
  now: () => Date;
}

export interface IngestResult {
  response: WebhookResponse;
  events: CanonicalEvent[];
  /** Events stored by this request (the rest were replays). */
  created: number;
}

/**
 * (http) -> verify -> normalize -> store (idempotent) -> queue.
 * Every check that can refuse a request runs before the first write, so a refused request
 * changes nothing. A replay of a stored event is re-enqueued only if its first enqueue did
 * not complete, which keeps delivery at-least-once without duplicating work downstream.
 */
export async function ingestWebhook(
  family: ProviderFamily,
  vendor: string | undefined,
  request: WebhookRequest,
  ports: IngestPorts,
): Promise<IngestResult> {
  const provider = findProvider(family, vendor);
  if (!provider) throw new NotFoundError(`no ${family} webhook for vendor "${vendor ?? ''}"`);
  if (request.rawBody.length > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`body is ${request.rawBody.length} bytes; the limit is ${MAX_BODY_BYTES}`);
  }
  const type = mediaType(request.headers);
  if (!provider.contentTypes.includes(type)) {
    throw new UnsupportedMediaTypeError(
      `${vendor} webhooks must be ${provider.contentTypes.join(' or ')}, got "${type || 'none'}"`,
    );
  }
  const now = ports.now();
  await provider.verify(request, await ports.secrets(), now);
  // Vendors that send no timestamp of their own (Twilio inbound) take the arrival time.
  const stamped = { ...request, headers: { ...request.headers, 'x-received-at': now.toISOString() } };
  const events = toCanonical(provider.normalize(stamped), now);

  const created = await appendEvents(events, ports);
  const response = provider.respond?.(request) ?? jsonResponse(200, { received: events.length, created });
  return { response, events, created };
}

function toCanonical(drafts: EventDraft[], now: Date): CanonicalEvent[] {
  try {
    return drafts.map((draft) => canonicalEvent(draft, now));
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      throw new MalformedPayloadError(
        `payload does not map to a valid event: ${issue?.path.join('.')} ${issue?.message}`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}
