import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import { NotFoundError } from '../http/errors.js';
import { appendEvents } from '../ingest/appendEvents.js';
import type { EventQueue } from '../queue/eventQueue.js';
import type { EventStore } from '../store/eventStore.js';
import { classifyClick } from './clickClassifier.js';
import { LINK_CODE_PATTERN, type LinkStore } from './link.js';

export interface ClickPorts {
  links: LinkStore;
  events: EventStore;
  queue: EventQueue;
  now: () => Date;
}

export interface ClickRequest {
  code: string;
  method: string;
  userAgent?: string;
  /** The gateway's request id: a retried invocation of one request records one click. */
  requestId: string;
}

/**
 * (http) GET /c/{code} -> find link -> classify person vs scanner -> record message.clicked -> 302.
 * An unknown code records nothing.
 */
export async function recordClick(
  click: ClickRequest,
  ports: ClickPorts,
): Promise<{ destination: string; event: CanonicalEvent }> {
  const link = LINK_CODE_PATTERN.test(click.code) ? await ports.links.find(click.code) : undefined;
  if (!link) throw new NotFoundError('this link does not exist or has expired');
  const now = ports.now();
  const secondsSinceSend = link.sentAt ? (now.getTime() - Date.parse(link.sentAt)) / 1000 : undefined;
  const verdict = classifyClick({ method: click.method, userAgent: click.userAgent, secondsSinceSend });
  const event = canonicalEvent(
    {
      type: 'message.clicked',
      source: 'internal',
      vendorRef: `${link.code}:${click.requestId}`,
      occurredAt: now.toISOString(),
      channel: link.channel,
      messageId: link.messageId ?? `link:${link.code}`,
      phone: link.phone,
      email: link.email,
      contactId: link.contactId,
      programId: link.programId,
      kind: link.kind,
      campaignId: link.campaignId,
      workflowId: link.workflowId,
      step: link.step,
      templateId: link.templateId,
      variant: link.variant,
      utm: link.utm,
      linkCode: link.code,
      destination: link.destination,
      bot: verdict.bot,
      botReason: verdict.bot ? verdict.reason : undefined,
      userAgent: click.userAgent?.slice(0, 512),
    },
    now,
  );
  await appendEvents([event], ports);
  return { destination: link.destination, event };
}
