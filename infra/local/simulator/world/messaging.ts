import type { AppConfig } from '../../../../shared/config/programConfig.js';
import type { FakeSentMessage } from '../../../../shared/messaging/fakeVendorServer.js';
import { type Arm, type MessageFate, messageFate, outcomeFor } from '../../../../shared/sim/behaviour.js';
import type { JourneySpec } from '../../../../shared/sim/catalog.js';
import type { MessageKey, TruthLedger } from '../../../../shared/sim/truth.js';
import { DAY_MS, type SimContact, type SimWorld } from '../../../../shared/sim/world.js';
import type { DeliveryFate } from '../deliveryReports.js';
import { type GenericItem, outcomeItem } from './crmEvents.js';
import type { StackDoors } from './doors.js';
import type { Timeline } from './timeline.js';

/** One unit of simulated work in a time bucket: a call, or an item for a batched webhook. */
export type Task = {
  run: () => Promise<void>;
  /** The contact a send is for (its STOP must be in force first). */
  sendTo?: number;
  crm?: GenericItem;
  email?: GenericItem;
  duplicate?: boolean;
};

/** What happened on the current simulated day, for the progress line. */
export interface DayCounts {
  sends: number;
  delivered: number;
  failed: number;
  holdout: number;
  otherSuppressed: number;
  clicks: number;
  replies: number;
  optOuts: number;
  crm: number;
}

interface SentMessage {
  key: MessageKey;
  contact: SimContact;
  journey: JourneySpec;
  requestId: string;
  messageId?: string;
  sentAt: number;
  fate: MessageFate;
  link?: Promise<string | undefined>;
}

interface ContactState {
  delivered: number[];
  last?: SentMessage;
  arm?: Arm;
}

export interface MessagingContext {
  world: SimWorld;
  config: AppConfig;
  doors: StackDoors;
  ledger: TruthLedger;
  timeline: Timeline<Task>;
  day: DayCounts;
  /** Contacts whose STOP was posted since the queues were last drained. */
  optOutsInFlight: Set<number>;
  /** The current bucket's instant (the simulated clock). */
  now: () => number;
  scheduleCrm: (at: number, item: GenericItem, duplicate?: boolean) => void;
}

/** The workflow or campaign a status callback URL names, and its step (our gate puts them there). */
function callbackKey(message: FakeSentMessage): string | undefined {
  if (!message.statusCallbackUrl) return undefined;
  const query = new URL(message.statusCallbackUrl).searchParams;
  const id = query.get('workflowId') ?? query.get('campaignId');
  return id ? `${message.to}|${id}|${query.get('step') ?? ''}` : undefined;
}

/**
 * The SMS side of the world: each step is a request to the send gate; what it answers is
 * counted, and an allowed, delivered message brings its planted follow-ups (a scanner's click,
 * a person's click, a reply, a STOP) and, at the contact's first exposure, their conversion.
 * The fake vendor's delivery callbacks ask `deliveryFate`, so planted failures are what it posts.
 */
export function worldMessaging(context: MessagingContext) {
  const { world, config, doors, ledger, timeline, day, optOutsInFlight, now, scheduleCrm } = context;
  const bucketMs = timeline.bucketMs;
  const states: ContactState[] = world.contacts.map(() => ({ delivered: [] }));
  const awaitingCallback = new Map<string, SentMessage>();

  /** The fake vendor's status callback for a message: the world's planted delivery failures. */
  const deliveryFate = (message: FakeSentMessage): DeliveryFate => {
    const key = callbackKey(message);
    const sent = key ? awaitingCallback.get(key) : undefined;
    if (!sent || !key) return { status: 'delivered' };
    awaitingCallback.delete(key);
    if (sent.fate.failureCode) {
      ledger.count(sent.key, { kind: 'failed' });
      day.failed += 1;
      return { status: 'undelivered', errorCode: sent.fate.failureCode };
    }
    ledger.count(sent.key, { kind: 'delivered' });
    states[sent.contact.index]!.delivered.push(sent.sentAt);
    day.delivered += 1;
    return { status: 'delivered' };
  };

  const ensureLink = (sent: SentMessage) => {
    sent.link ??= doors.link({
      destination: sent.journey.destination,
      messageId: sent.messageId,
      channel: 'sms',
      phone: sent.contact.phone,
      contactId: sent.contact.contactId,
      sentAt: new Date(sent.sentAt).toISOString(),
      programId: sent.journey.programId,
      kind: sent.journey.kind,
      ...(sent.journey.kind === 'flow' ? { workflowId: sent.journey.id } : { campaignId: sent.journey.id }),
      step: sent.key.step,
      templateId: `${sent.journey.id}-${sent.key.step}-${sent.key.variant}`,
      variant: sent.key.variant,
    });
    return sent.link;
  };

  const decideArm = (contact: SimContact, journey: JourneySpec, key: MessageKey, arm: Arm, at: number) => {
    const state = states[contact.index]!;
    if (state.arm !== undefined) return;
    state.arm = arm;
    const outcome = outcomeFor(world, contact, arm, at);
    ledger.outcome(key, outcome);
    if (!outcome.realized) return;
    ledger.extra.outcomeEvents += 1;
    scheduleCrm(outcome.at, outcomeItem(contact, journey, outcome), outcome.duplicate);
  };

  const followUps = (sent: SentMessage, at: number) => {
    const { fate, contact, journey } = sent;
    if (fate.failureCode) return;
    const program = config.programs[journey.programId]!;
    const next = at + bucketMs;
    if (fate.botClick) {
      const userAgent = fate.botClick.userAgent;
      timeline.add(next, {
        run: async () => {
          const path = await ensureLink(sent);
          if (path && (await doors.click(path, userAgent))) ledger.count(sent.key, { kind: 'botClick' });
        },
      });
    }
    if (fate.humanClick) {
      const { userAgent, afterMinutes } = fate.humanClick;
      timeline.add(Math.max(next, at + afterMinutes * 60_000), {
        run: async () => {
          const path = await ensureLink(sent);
          if (path && (await doors.click(path, userAgent))) {
            ledger.count(sent.key, { kind: 'humanClick' });
            day.clicks += 1;
          }
        },
      });
    }
    if (fate.reply) {
      const reply = fate.reply;
      timeline.add(Math.max(next, at + reply.afterMinutes * 60_000), {
        run: async () => {
          const ok = await doors.inboundSms({
            from: contact.phone,
            to: program.from,
            body: reply.text,
            key: `${sent.requestId}:reply`,
            duplicate: reply.duplicate,
          });
          if (ok) {
            ledger.count(sent.key, { kind: 'reply' });
            day.replies += 1;
          }
        },
      });
    }
    if (fate.optOut) {
      const optOut = fate.optOut;
      timeline.add(Math.max(next, at + optOut.afterMinutes * 60_000), {
        run: async () => {
          // Credited to the contact's last message before the STOP, whatever it was.
          const last = states[contact.index]!.last ?? sent;
          const ok = await doors.inboundSms({
            from: contact.phone,
            to: program.from,
            body: optOut.text,
            key: `${sent.requestId}:stop`,
            duplicate: optOut.duplicate,
          });
          if (ok) {
            ledger.count(last.key, { kind: 'optOut' });
            optOutsInFlight.add(contact.index);
            day.optOuts += 1;
          }
        },
      });
    }
  };

  const sendStep = (contact: SimContact, journey: JourneySpec, step: number) => async () => {
    const at = now();
    const state = states[contact.index]!;
    const key: MessageKey = {
      journeyId: journey.id,
      step,
      variant: contact.variant,
      contactIndex: contact.index,
    };
    const received = state.delivered.filter((t) => t > at - 30 * DAY_MS).length;
    const requestId = `sim-${world.seed}-${contact.contactId}-${journey.id}-${step}`.slice(0, 128);
    const sent: SentMessage = {
      key,
      contact,
      journey,
      requestId,
      sentAt: at,
      fate: messageFate(world, contact, step, received),
    };
    const callback = `${contact.phone}|${journey.id}|${step}`;
    // Registered before the request: the vendor's callback may arrive before the gate's answer.
    awaitingCallback.set(callback, sent);
    const greeting = contact.variant === 'personalized' ? `Hi ${contact.firstName}, ` : 'Acme: ';
    ledger.enrolled(key);
    const answer = await doors.send({
      to: contact.phone,
      programId: journey.programId,
      ...(journey.kind === 'flow' ? { workflowId: journey.id } : { campaignId: journey.id }),
      step,
      templateId: `${journey.id}-${step}-${contact.variant}`,
      variant: contact.variant,
      body: `${greeting}${journey.text} ${journey.destination} Reply STOP to opt out.`,
      requestId,
    });
    if (answer?.decision === 'allow' && answer.messageId && !answer.vendorError) {
      sent.messageId = answer.messageId;
      state.last = sent;
      ledger.count(key, { kind: 'sent' });
      day.sends += 1;
      decideArm(contact, journey, key, 'treated', at);
      followUps(sent, at);
      return;
    }
    awaitingCallback.delete(callback);
    if (!answer) return;
    if (answer.decision === 'defer') {
      ledger.count(key, { kind: 'deferred' });
      day.otherSuppressed += 1;
    } else if (answer.decision === 'suppress' || answer.vendorError) {
      const reason = answer.reason ?? 'vendor_error';
      ledger.count(key, { kind: 'suppressed', reason });
      if (reason === 'holdout') {
        day.holdout += 1;
        decideArm(contact, journey, key, 'holdout', at);
      } else day.otherSuppressed += 1;
    }
  };

  return { deliveryFate, sendStep };
}
