import { type CanonicalEvent, canonicalEvent } from '../../events/index.js';
import type { AlertStore } from '../alerts/alertStore.js';
import { detectIntent } from '../alerts/detectIntent.js';
import type { DomainBus } from '../bus/domainBus.js';
import type { AppConfig } from '../config/programConfig.js';
import type { ConsentEntry, ConsentLedger } from '../consent/consentLedger.js';
import { consentChangesFor, helpReplyFor, programsSendingFrom } from '../consent/consentSignals.js';
import { compareEntries, consentQuery, currentConsent } from '../consent/consentState.js';
import type { ContactDirectory } from '../identity/contactDirectory.js';
import { identityUpdatesFor } from '../identity/contactProfile.js';
import { appendEvents } from '../ingest/appendEvents.js';
import {
  type SmsSender,
  type SmsVendor,
  VendorRejectedError,
  VendorUnavailableError,
} from '../messaging/smsSender.js';
import type { EventQueue } from '../queue/eventQueue.js';
import { claimRequest, REQUEST_LEASE_MS } from '../sending/claimRequest.js';
import type { SendLedger } from '../sending/sendLedger.js';
import { heldState, type SendRequestLedger } from '../sending/sendRequestLedger.js';
import type { EventStore } from '../store/eventStore.js';
import { domainEventsFor } from './domainEventsFor.js';

export interface ProcessPorts {
  config: AppConfig;
  /** Team rotations for routing alerts. */
  alerts: Pick<AlertStore, 'rotate'>;
  directory: ContactDirectory;
  consent: ConsentLedger;
  ledger: SendLedger;
  requests: SendRequestLedger;
  senders: Partial<Record<SmsVendor, SmsSender>>;
  events: EventStore;
  queue: EventQueue;
  bus: DomainBus;
  now: () => Date;
}

/**
 * (events queue) -> identity -> consent ledger (+ consent.changed events, HELP / opt-out
 * replies) -> email collision windows -> domain events on the bus.
 * Every write is keyed by the event's id, so a retried batch changes nothing twice.
 */
export async function processEvent(event: CanonicalEvent, ports: ProcessPorts): Promise<void> {
  for (const update of identityUpdatesFor(event)) await ports.directory.apply(update);

  if (event.type === 'consent.changed') await ports.consent.append(event);
  const consentEvents = consentChangesFor(event, ports.config)
    .map((draft) => canonicalEvent(draft, ports.now()))
    .filter((e): e is ConsentEntry => e.type === 'consent.changed');
  let firstOptOut = false;
  // The program whose number was texted: its consent (any scope that covers it) says whether the
  // contact was already opted out, so an opt-out already in force is never confirmed again.
  const texted =
    event.type === 'message.received' ? programsSendingFrom(ports.config, event.to)[0] : undefined;
  for (const change of consentEvents) {
    const address = change.channel === 'sms' ? change.phone : change.email;
    const before = (address ? await ports.consent.history(change.channel, address) : []).filter(
      (e) => e.eventId !== change.eventId,
    );
    const wasOptedOut =
      texted && change.channel === 'sms'
        ? currentConsent(before, consentQuery(texted[0], texted[1])).status === 'opted_out'
        : before
            .filter((e) => e.scope.kind === change.scope.kind && e.scope.value === change.scope.value)
            .sort(compareEntries)
            .at(-1)?.status === 'opted_out';
    // Into the ledger now, so a send racing this STOP is already refused.
    const { appended } = await ports.consent.append(change);
    if (appended && change.status === 'opted_out' && !wasOptedOut) firstOptOut = true;
  }
  // And into the event log, so the timeline and the lake show them (processed again: no-op).
  await appendEvents(consentEvents, ports);

  const optOut = consentEvents.some((c) => c.status === 'opted_out');
  // An opt-out is confirmed once (the rules allow exactly one message); HELP is always answered.
  if (!optOut || firstOptOut) await replyIfAsked(event, ports);
  // A high-intent reply or click (not a consent keyword) becomes an alert for its owner.
  if (consentEvents.length === 0) {
    const intent = await detectIntent(event, ports);
    if (intent) await appendEvents([intent], ports);
  }
  await openCollisionWindow(event, ports);
  await ports.bus.publish(domainEventsFor(event));
}

/** HELP/INFO get the program's help text; an opt-out its confirmation. Once per message. */
async function replyIfAsked(event: CanonicalEvent, ports: ProcessPorts): Promise<void> {
  if (event.type !== 'message.received') return;
  const reply = helpReplyFor(event, ports.config);
  if (!reply) return;
  const program = programsSendingFrom(ports.config, event.to)[0]?.[1];
  const sender = program ? ports.senders[program.vendor] : undefined;
  if (!sender) return;
  const requestId = `reply:${event.eventId}`;
  const now = ports.now();
  const claimed = await claimRequest(ports.requests, requestId, { now: ports.now, waitMs: 0 });
  // Another copy of this event replied, or refused to: nothing more to say.
  if (!claimed.held) return;
  const at = now.toISOString();
  const { claim } = claimed;
  if (claimed.previous?.state === 'sending') {
    // A copy stopped while calling the vendor: the reply may be out, so it is not sent again.
    await ports.requests.settle(requestId, claim, { state: 'unconfirmed', message: 'interrupted', at });
    return;
  }
  if (!(await ports.requests.settle(requestId, claim, heldState('sending', claim, now, REQUEST_LEASE_MS))))
    return;
  try {
    const receipt = await sender.send({ ...reply, idempotencyKey: requestId });
    await ports.requests.settle(requestId, claim, {
      state: 'sent',
      vendorMessageId: receipt.vendorMessageId,
      at,
    });
  } catch (error) {
    if (error instanceof VendorUnavailableError) {
      // Not taken by the vendor: the queue's retry of this event sends the reply.
      await ports.requests.settle(requestId, claim, { state: 'reserved', at });
      throw error;
    }
    // A number blocked at the carrier cannot get the reply; that must not block the event.
    if (!(error instanceof VendorRejectedError)) throw error;
    await ports.requests.settle(requestId, claim, {
      state: 'rejected',
      code: error.code,
      message: error.message,
      at,
    });
  }
}

/** An email of a program opens that program's no-SMS window for the same person. */
async function openCollisionWindow(event: CanonicalEvent, ports: ProcessPorts): Promise<void> {
  if (event.type !== 'email.sent' || !event.programId) return;
  const contact = event.contactId
    ? await ports.directory.findContact(event.contactId)
    : event.email
      ? await ports.directory.lookupEmail(event.email)
      : undefined;
  const phone = event.phone ?? contact?.phone;
  if (!phone) return;
  await ports.ledger.append(phone, {
    at: event.occurredAt,
    channel: 'email',
    programId: event.programId,
    workflowId: event.workflowId,
    campaignId: event.campaignId,
    requestId: event.eventId,
  });
}
