import { z } from 'zod';
import type { EventDraft, EventType } from '../../events/index.js';
import { MalformedPayloadError } from '../http/errors.js';
import type { WebhookRequest } from '../http/webhookRequest.js';
import { toE164 } from '../phone.js';

/**
 * The generic JSON envelope: `{"events": [{"id": "<your id>", "type": "<canonical type>", …}]}`.
 * Each item is a canonical event draft whose `id` becomes `vendorRef`; the canonical schema
 * checks the rest, so the documented format is the event model itself.
 */
const GenericEnvelopeSchema = z.object({
  events: z
    .array(z.looseObject({ id: z.string().min(1).max(200), type: z.string() }))
    .min(1)
    .max(500),
});

const PHONE_FIELDS = ['phone', 'from', 'to'] as const;

export function parseJsonBody(request: WebhookRequest): unknown {
  try {
    return JSON.parse(request.rawBody.toString('utf8'));
  } catch (cause) {
    throw new MalformedPayloadError('body is not valid JSON', { cause });
  }
}

export function normalizeGeneric(request: WebhookRequest, allowed: readonly EventType[]): EventDraft[] {
  const parsed = GenericEnvelopeSchema.safeParse(parseJsonBody(request));
  if (!parsed.success) {
    throw new MalformedPayloadError(
      `expected {"events": [{"id", "type", …}]}: ${parsed.error.issues[0]?.message}`,
    );
  }
  return parsed.data.events.map((item, index) => {
    if (!allowed.includes(item.type as EventType)) {
      throw new MalformedPayloadError(
        `events[${index}].type "${item.type}" is not accepted on this endpoint`,
      );
    }
    const { id, ...rest } = item;
    const draft: Record<string, unknown> = { ...rest, source: 'generic', vendorRef: id };
    for (const field of PHONE_FIELDS) {
      const value = draft[field];
      if (typeof value === 'string' && value.startsWith('+') === false) {
        draft[field] = toE164(value) ?? value;
      }
    }
    return draft as EventDraft;
  });
}
