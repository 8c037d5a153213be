import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { type CanonicalEvent, canonicalEvent, type EventDraft } from '../../events/index.js';
import type { AppConfig, Program } from '../config/programConfig.js';
import type { ConsentLedger } from '../consent/consentLedger.js';
import { currentConsent } from '../consent/consentState.js';
import { type Decision, decideSend } from '../governance/sendGate.js';
import { contactTimeZone } from '../governance/timeZones.js';
import { BadRequestError, ServiceUnavailableError } from '../http/errors.js';
import type { ContactDirectory } from '../identity/contactDirectory.js';
import type { ContactProfile } from '../identity/contactProfile.js';
import { appendEvents } from '../ingest/appendEvents.js';
import { countSegments } from '../messaging/segments.js';
import {
  type OutboundSms,
  type SendReceipt,
  type SmsSender,
  type SmsVendor,
  VendorRejectedError,
  VendorResponseError,
  VendorUnavailableError,
} from '../messaging/smsSender.js';
import type { EventQueue } from '../queue/eventQueue.js';
import type { EventStore } from '../store/eventStore.js';
import { claimRequest, REQUEST_LEASE_MS, RequestInFlightError } from './claimRequest.js';
import type { DeferredSends } from './deferredSends.js';
import type { SendLedger } from './sendLedger.js';
import { type SendRequest, SendRequestSchema, sendRequestId } from './sendRequest.js';
import { heldState, type SendRequestLedger, type SendRequestState } from './sendRequestLedger.js';

export interface SendPorts {
  config: AppConfig;
  directory: ContactDirectory;
  consent: ConsentLedger;
  ledger: SendLedger;
  /** One record per send request: which copy holds it, and how it was settled. */
  requests: SendRequestLedger;
  deferred: DeferredSends;
  senders: Partial<Record<SmsVendor, SmsSender>>;
  events: EventStore;
  queue: EventQueue;
  now: () => Date;
  /** Where vendors post status callbacks (our public webhook base URL). */
  publicBaseUrl: string;
  /** How long (real time) a copy waits for the copy holding its request to settle; @default 8000 */
  copyWaitMs?: number;
}

/** The answer of `POST /v1/messages` and `POST /v1/decisions` (the documented contract). */
export interface SendOutcome {
  decision: 'allow' | 'defer' | 'suppress';
  reason?: 'consent' | 'cap' | 'quiet_hours' | 'collision' | 'holdout';
  until?: string;
  requestId: string;
  /** The vendor's message id once sent. */
  messageId?: string;
  /** The vendor refused an allowed send (e.g. Twilio 21610: the number texted STOP to the carrier). */
  vendorError?: { code?: string; message: string };
}

interface Prepared {
  request: SendRequest;
  requestId: string;
  program: Program;
  contact: ContactProfile | undefined;
  gate: (history: Parameters<typeof decideSend>[0]['history']) => Decision;
  now: Date;
}

function parse(input: unknown, config: AppConfig): { request: SendRequest; program: Program } {
  const parsed = SendRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(`${issue?.path.join('.') || 'body'}: ${issue?.message}`);
  }
  const request = parsed.data;
  const program = config.programs[request.programId];
  if (!program) throw new BadRequestError(`programId: unknown program "${request.programId}"`);
  if (request.workflowId && !program.workflows[request.workflowId]) {
    throw new BadRequestError(
      `workflowId: program "${request.programId}" has no workflow "${request.workflowId}"`,
    );
  }
  if (request.campaignId && !program.campaigns[request.campaignId]) {
    throw new BadRequestError(
      `campaignId: program "${request.programId}" has no campaign "${request.campaignId}"`,
    );
  }
  return { request, program };
}

async function prepare(input: unknown, ports: SendPorts, resolve: boolean): Promise<Prepared> {
  const { request, program } = parse(input, ports.config);
  const now = ports.now();
  const contact = resolve
    ? await ports.directory.resolvePhone(request.to, now.toISOString())
    : await ports.directory.lookupPhone(request.to);
  const consent = currentConsent(await ports.consent.history('sms', request.to), {
    channel: 'sms',
    programId: request.programId,
    sender: program.from,
  });
  const timeZone = contactTimeZone(contact?.timeZone, request.to, ports.config.defaultTimeZone);
  const country = parsePhoneNumberFromString(request.to)?.country;
  const requestId = sendRequestId(request);
  const gate = (history: Parameters<typeof decideSend>[0]['history']) =>
    decideSend({
      request: {
        programId: request.programId,
        workflowId: request.workflowId,
        campaignId: request.campaignId,
        step: request.step,
        channel: 'sms',
        to: request.to,
        requestId,
      },
      program,
      config: ports.config,
      consent,
      // Holdout by phone: stable even when a provisional contact later merges into a CRM one.
      contactKey: request.to,
      timeZone,
      country,
      history,
      now,
    });
  return { request, requestId, program, contact, gate, now };
}

function outcomeOf(decision: Decision, requestId: string): SendOutcome {
  if (decision.decision === 'allow') return { decision: 'allow', requestId };
  if (decision.decision === 'defer')
    return { decision: 'defer', reason: decision.reason, until: decision.until, requestId };
  return { decision: 'suppress', reason: decision.reason, requestId };
}

/** `POST /v1/decisions`: what the gate would answer now. Changes nothing: no cap, no event, no contact. */
export async function previewDecision(input: unknown, ports: SendPorts): Promise<SendOutcome> {
  const prepared = await prepare(input, ports, false);
  return outcomeOf(prepared.gate(await ports.ledger.history(prepared.request.to)), prepared.requestId);
}

/** Copies wait this long (real time) for the first copy's answer: inside the API's 10 s budget. */
const COPY_WAIT_MS = 8_000;

interface Hold {
  requestId: string;
  claim: string;
}

/**
 * (api | send queue | deferred release) -> claim the request (one copy of any number wins; the
 * others answer its decision and message id) -> gate (consent, holdout, quiet hours, collision,
 * caps; atomic per contact) -> vendor API -> message.sent, or send.suppressed / send.deferred.
 * One request is one message: a copy never reaches the vendor once another copy has tried.
 */
export async function sendMessage(input: unknown, ports: SendPorts): Promise<SendOutcome> {
  const prepared = await prepare(input, ports, true);
  const { request, requestId, now } = prepared;
  const claimed = await claimRequest(ports.requests, requestId, {
    now: ports.now,
    waitMs: ports.copyWaitMs ?? COPY_WAIT_MS,
  }).catch((error: unknown) => {
    if (error instanceof RequestInFlightError)
      throw new ServiceUnavailableError(error.message, { cause: error });
    throw error;
  });
  if (!claimed.held) return answerOf(claimed.settled, requestId);
  const hold: Hold = { requestId, claim: claimed.claim };
  const tried = earlierTry(claimed.previous);
  if (tried?.blind && !ports.senders[prepared.program.vendor]?.findSent) {
    // The copy before us stopped while calling a vendor we cannot ask: the text may be out.
    return settle(hold, { state: 'unconfirmed', message: INTERRUPTED, at: now.toISOString() }, ports);
  }

  const { decision } = await ports.ledger.decideAndRecord(request.to, (history) => {
    // Allowed on an earlier try that did not reach the vendor (reserved): deliver it now.
    if (history.some((entry) => entry.requestId === requestId))
      return { decision: { decision: 'allow' } as Decision };
    const verdict = prepared.gate(history);
    if (verdict.decision !== 'allow') return { decision: verdict };
    return {
      decision: verdict,
      record: {
        at: now.toISOString(),
        channel: 'sms',
        programId: request.programId,
        workflowId: request.workflowId,
        campaignId: request.campaignId,
        requestId,
      },
    };
  });

  if (decision.decision === 'allow') return deliver(prepared, hold, ports, tried?.since);
  await appendEvents([decisionEvent(prepared, decision)], ports);
  if (decision.decision === 'defer') {
    await ports.deferred.schedule({ request: { ...request, requestId }, until: decision.until });
    return settle(hold, { state: 'deferred', until: decision.until, at: now.toISOString() }, ports);
  }
  return settle(hold, { state: 'suppressed', reason: decision.reason, at: now.toISOString() }, ports);
}

const INTERRUPTED = 'an earlier copy of this request stopped while calling the vendor; not resent';

/**
 * When an earlier copy may already have reached the vendor: it stopped mid-call (`blind`: we
 * cannot tell how it ended), or the vendor gave no usable answer and the request was reserved.
 */
function earlierTry(previous: SendRequestState | undefined): { since: Date; blind: boolean } | undefined {
  if (previous?.state === 'sending')
    return { since: new Date(Date.parse(previous.leaseUntil) - REQUEST_LEASE_MS), blind: true };
  if (previous?.state === 'reserved') return { since: new Date(previous.at), blind: false };
  return undefined;
}

/** Sends, unless the vendor says an earlier try since `since` already went out: then that one's receipt. */
async function sendOnce(
  sender: SmsSender,
  message: OutboundSms,
  since: Date | undefined,
): Promise<SendReceipt> {
  if (since && sender.findSent) {
    const found = await sender.findSent(message, since).catch((error: unknown) => {
      throw new VendorUnavailableError(sender.vendor, `could not look up an earlier try: ${String(error)}`, {
        attempts: 0,
        cause: error,
      });
    });
    if (found) return found;
  }
  return sender.send(message);
}

/** The one answer every copy of a request gets, from where the request stands. */
function answerOf(state: SendRequestState, requestId: string): SendOutcome {
  switch (state.state) {
    case 'sent':
      return { decision: 'allow', requestId, messageId: state.vendorMessageId };
    case 'rejected':
      return { decision: 'allow', requestId, vendorError: { code: state.code, message: state.message } };
    case 'unconfirmed':
      return { decision: 'allow', requestId, vendorError: { message: state.message } };
    case 'suppressed':
      return { decision: 'suppress', reason: state.reason, requestId };
    case 'deferred':
      return { decision: 'defer', reason: 'quiet_hours', until: state.until, requestId };
    default:
      throw new ServiceUnavailableError(
        `request ${requestId} is not settled yet (${state.state}); retry with the same requestId`,
      );
  }
}

/** Settles a held request and answers from it; a lost claim answers what the taker settled. */
async function settle(hold: Hold, next: SendRequestState, ports: SendPorts): Promise<SendOutcome> {
  if (await ports.requests.settle(hold.requestId, hold.claim, next)) return answerOf(next, hold.requestId);
  const current = await ports.requests.find(hold.requestId);
  if (!current) throw new Error(`send request ${hold.requestId} vanished while held`);
  return answerOf(current, hold.requestId);
}

function touchOf(prepared: Prepared) {
  const { request, contact } = prepared;
  return {
    phone: request.to,
    contactId: contact && !contact.provisional ? contact.contactId : undefined,
    accountId: contact?.accountId,
    channel: 'sms' as const,
    programId: request.programId,
    kind: request.workflowId ? ('flow' as const) : ('campaign' as const),
    campaignId: request.campaignId,
    workflowId: request.workflowId,
    step: request.step,
    templateId: request.templateId,
    variant: request.variant,
  };
}

/** Suppressions and deferrals are events too: a holdout member's ghost exposure is stamped now. */
function decisionEvent(
  prepared: Prepared,
  decision: Exclude<Decision, { decision: 'allow' }>,
): CanonicalEvent {
  const { requestId, now } = prepared;
  // A holdout member's ghost exposure is stamped when the real send would have gone out
  // (after quiet hours), so treatment and holdout are compared from the same clock.
  const occurredAt =
    decision.decision === 'suppress' && decision.exposureAt ? decision.exposureAt : now.toISOString();
  const common = { ...touchOf(prepared), source: 'internal' as const, occurredAt, requestId };
  const draft: EventDraft =
    decision.decision === 'defer'
      ? {
          ...common,
          type: 'send.deferred',
          vendorRef: `${requestId}:deferred:${decision.until}`,
          reason: 'quiet_hours',
          until: decision.until,
        }
      : {
          ...common,
          type: 'send.suppressed',
          vendorRef: `${requestId}:suppressed`,
          reason: decision.reason,
          detail: decision.detail,
        };
  return canonicalEvent(draft, now);
}

/** The status callback URL carries the campaign identity, so vendor callbacks are attributed too. */
function statusCallbackUrl(prepared: Prepared, vendor: SmsVendor, base: string): string {
  const { request } = prepared;
  const query = new URLSearchParams();
  query.set('programId', request.programId);
  query.set('kind', request.workflowId ? 'flow' : 'campaign');
  if (request.campaignId) query.set('campaignId', request.campaignId);
  if (request.workflowId) query.set('workflowId', request.workflowId);
  if (request.step !== undefined) query.set('step', String(request.step));
  if (request.templateId) query.set('templateId', request.templateId);
  if (request.variant) query.set('variant', request.variant);
  return `${base.replace(/\/+$/, '')}/webhooks/sms/${vendor}?${query}`;
}

/**
 * The vendor's own reference for "accepted", as its status-callback normalizer derives it, so
 * our message.sent and the vendor's later `sent` callback are one event, not two.
 */
function sentVendorRef(vendor: SmsVendor, vendorMessageId: string): string {
  return vendor === 'twilio' ? `${vendorMessageId}:sent` : vendorMessageId;
}

function feeMicros(config: AppConfig, country: string | undefined, segments: number): number | undefined {
  const perSegment =
    config.fees.smsPerSegmentMicros[country ?? ''] ?? config.fees.smsPerSegmentMicros.DEFAULT;
  return perSegment === undefined ? undefined : perSegment * segments;
}

async function deliver(
  prepared: Prepared,
  hold: Hold,
  ports: SendPorts,
  earlierTrySince?: Date,
): Promise<SendOutcome> {
  const { request, requestId, program, now } = prepared;
  const at = now.toISOString();
  const sender = ports.senders[program.vendor];
  if (!sender) {
    await ports.requests.settle(requestId, hold.claim, { state: 'reserved', at });
    throw new Error(`no ${program.vendor} credentials are configured for program ${request.programId}`);
  }
  // The fence: only the copy still holding the request may call the vendor.
  const fence = heldState('sending', hold.claim, ports.now(), REQUEST_LEASE_MS);
  if (!(await ports.requests.settle(requestId, hold.claim, fence))) {
    const current = await ports.requests.find(requestId);
    return answerOf(current ?? fence, requestId);
  }
  const touch = touchOf(prepared);
  let receipt: SendReceipt;
  try {
    const message = {
      from: program.from,
      to: request.to,
      body: request.body,
      statusCallbackUrl: statusCallbackUrl(prepared, program.vendor, ports.publicBaseUrl),
      idempotencyKey: requestId,
    };
    receipt = await sendOnce(sender, message, earlierTrySince);
  } catch (error) {
    if (error instanceof VendorResponseError) {
      // The vendor answered 2xx with a body we cannot read: the text may be out, so never resend.
      return settle(hold, { state: 'unconfirmed', message: error.message, at }, ports);
    }
    if (error instanceof VendorUnavailableError) {
      // Allowed and reserved: a retry with the same requestId delivers it without a second cap.
      await ports.requests.settle(requestId, hold.claim, { state: 'reserved', at });
      throw new ServiceUnavailableError(
        `${program.vendor} is unavailable (${error.message}); retry with requestId ${requestId}`,
        { cause: error },
      );
    }
    if (!(error instanceof VendorRejectedError)) throw error;
    const failed = canonicalEvent(
      {
        ...touch,
        type: 'message.failed',
        source: program.vendor,
        vendorRef: `${requestId}:rejected`,
        occurredAt: at,
        messageId: `rejected:${requestId}`,
        to: request.to,
        errorCode: error.code,
        errorMessage: error.message,
        carrierOptOut: error.optOut,
      },
      now,
    );
    await appendEvents([failed], ports);
    return settle(hold, { state: 'rejected', code: error.code, message: error.message, at }, ports);
  }
  const answer = await settle(hold, { state: 'sent', vendorMessageId: receipt.vendorMessageId, at }, ports);
  const segments = receipt.segments || countSegments(request.body).segments;
  const country = parsePhoneNumberFromString(request.to)?.country;
  const sent = canonicalEvent(
    {
      ...touch,
      type: 'message.sent',
      source: program.vendor,
      vendorRef: sentVendorRef(program.vendor, receipt.vendorMessageId),
      occurredAt: at,
      messageId: receipt.vendorMessageId,
      to: request.to,
      from: program.from,
      body: request.body,
      cost: {
        segments,
        priceMicros: receipt.priceMicros ?? feeMicros(ports.config, country, segments),
        currency: receipt.currency ?? ports.config.fees.currency,
      },
    },
    now,
  );
  await appendEvents([sent], ports);
  return answer;
}
