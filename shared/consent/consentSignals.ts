import type { CanonicalEvent, EventDraft } from '../../events/index.js';
import type { AppConfig, Program } from '../config/programConfig.js';
import { toE164 } from '../phone.js';
import type { ConsentEntry } from './consentLedger.js';
import { classifyConsentMessage } from './keywords.js';

export type ConsentDraft = Extract<EventDraft, { type: 'consent.changed' }>;
type Scope = ConsentEntry['scope'];
type Evidence = ConsentEntry['evidence'];
type Received = Extract<CanonicalEvent, { type: 'message.received' }>;

/** Evidence keeps the start of what the contact wrote, enough to read the request back. */
export const EVIDENCE_TEXT_MAX = 160;

/** Cuts by code point, so an emoji at the cut is dropped whole rather than split in half. */
const evidenceText = (text: string) => Array.from(text).slice(0, EVIDENCE_TEXT_MAX).join('');

const sameNumber = (a: string, b: string) => (toE164(a) ?? a.trim()) === (toE164(b) ?? b.trim());

/** The programs that send from the number a contact wrote to (several may share one). */
export function programsSendingFrom(config: AppConfig, sender: string): [string, Program][] {
  return Object.entries(config.programs).filter(([, program]) => sameNumber(program.from, sender));
}

/** Where one program's opt-outs apply, as its config says. */
function programScope(programId: string, program: Program): Scope {
  if (program.consent.scope === 'program') return { kind: 'program', value: programId };
  if (program.consent.scope === 'sender') return { kind: 'sender', value: program.from };
  return { kind: 'all' };
}

/**
 * Where a reply to `sender` applies. An unknown number gives no program to narrow it to, so it
 * applies to everything. When programs share the number the contact cannot tell them apart, so
 * it applies to the number (or to everything when one of them says so).
 */
function replyScope(programs: [string, Program][]): Scope {
  const [first] = programs;
  if (!first) return { kind: 'all' };
  if (programs.length === 1) return programScope(...first);
  if (programs.some(([, program]) => program.consent.scope === 'all')) return { kind: 'all' };
  return { kind: 'sender', value: first[1].from };
}

/** The keywords of every program on the number, so a reply to a shared number knows them all. */
function keywordsOf(programs: [string, Program][]): Pick<Program, 'keywords'> {
  const lists = programs.map(([, program]) => program.keywords);
  return {
    keywords: {
      optOut: lists.flatMap((k) => k.optOut),
      optIn: lists.flatMap((k) => k.optIn),
      help: lists.flatMap((k) => k.help),
    },
  };
}

/**
 * A consent change derived from `source`. Its vendorRef comes from the source event id, so a
 * replayed or retried source derives the same consent event id, and the ledger stores it once.
 */
function draft(
  source: CanonicalEvent,
  fields: Pick<ConsentDraft, 'channel' | 'status' | 'scope' | 'phone' | 'email'>,
  evidence: Omit<Evidence, 'sourceEventId'>,
): ConsentDraft {
  const identity = {
    ...(source.contactId !== undefined && { contactId: source.contactId }),
    ...(source.accountId !== undefined && { accountId: source.accountId }),
  };
  return {
    type: 'consent.changed',
    source: 'internal',
    vendorRef: `${source.eventId}:consent`,
    occurredAt: source.occurredAt,
    ...identity,
    ...fields,
    evidence: {
      method: evidence.method,
      ...(evidence.keyword !== undefined && { keyword: evidence.keyword }),
      ...(evidence.text !== undefined && { text: evidence.text }),
      sourceEventId: source.eventId,
    },
  };
}

function fromReply(event: Received, config: AppConfig): ConsentDraft[] {
  const programs = programsSendingFrom(config, event.to);
  const found = classifyConsentMessage(event.body, keywordsOf(programs));
  if ((found.action !== 'opt_out' && found.action !== 'opt_in') || !found.method) return [];
  const status = found.action === 'opt_out' ? 'opted_out' : 'opted_in';
  return [
    draft(
      event,
      { channel: 'sms', status, scope: replyScope(programs), phone: event.from },
      { method: found.method, keyword: found.keyword, text: evidenceText(event.body) },
    ),
  ];
}

/**
 * The consent changes a canonical event implies. Pure.
 * - `message.received`: an opt-out or opt-in keyword, or a plain-language opt-out, scoped by the
 *   program that sends from the number written to;
 * - `message.failed` with `carrierOptOut`: the carrier or vendor already blocks the number
 *   (Twilio 21610, Telnyx 40300), scoped by the program that tried to send;
 * - `email.unsubscribed`: the email address, for all mail or the program's group.
 */
export function consentChangesFor(event: CanonicalEvent, config: AppConfig): ConsentDraft[] {
  switch (event.type) {
    case 'message.received':
      return fromReply(event, config);
    case 'message.failed': {
      if (!event.carrierOptOut) return [];
      const program = event.programId ? config.programs[event.programId] : undefined;
      const scope =
        program && event.programId ? programScope(event.programId, program) : { kind: 'all' as const };
      const reason = [event.errorCode, event.errorMessage].filter(Boolean).join(': ');
      return [
        draft(
          event,
          { channel: 'sms', status: 'opted_out', scope, phone: event.to },
          { method: 'carrier', text: reason ? evidenceText(reason) : undefined },
        ),
      ];
    }
    case 'email.unsubscribed': {
      if (!event.email) return [];
      // A group unsubscribe narrows to the program only when we know the program; else all mail.
      const programId = event.scope === 'group' ? event.programId : undefined;
      const scope: Scope =
        programId && config.programs[programId] ? { kind: 'program', value: programId } : { kind: 'all' };
      return [
        draft(
          event,
          { channel: 'email', status: 'opted_out', scope, email: event.email },
          { method: 'email_unsubscribe' },
        ),
      ];
    }
    default:
      return [];
  }
}

export interface AutoReply {
  to: string;
  from: string;
  body: string;
}

/**
 * The text a reply earns: HELP or INFO gets the program's help text, an opt-out gets its
 * one-time confirmation (when configured; FCC 47 CFR 64.1200(a)(12) allows exactly one).
 * Undefined for anything else, and for numbers no program sends from. Pure: the caller decides
 * whether to send it (e.g. not when the contact was already opted out).
 */
export function helpReplyFor(event: CanonicalEvent, config: AppConfig): AutoReply | undefined {
  if (event.type !== 'message.received') return undefined;
  const programs = programsSendingFrom(config, event.to);
  const program = programs[0]?.[1];
  if (!program) return undefined;
  const found = classifyConsentMessage(event.body, keywordsOf(programs));
  const body =
    found.action === 'help'
      ? program.helpText
      : found.action === 'opt_out'
        ? program.optOutConfirmation
        : undefined;
  return body === undefined ? undefined : { to: event.from, from: event.to, body };
}
