/**
 * The governance audit: recomputes from the event history alone that no SMS the gate let
 * through broke consent, caps or quiet hours. An independent check on the gate for compliance
 * reviews: it reads no ledger, no contact profile and no gate decision, only canonical events
 * (`message.sent`, `consent.changed`, `crm.contact.upserted`) and the program config. It shares
 * the config's reading (which caps apply, which window a country gets) and the time-zone
 * arithmetic with the gate, not the gate's decisions.
 *
 * What it can and cannot know:
 * - consent: an entry counts from its `receivedAt` (when the system learned it); a send in the
 *   same millisecond is given the benefit of the doubt (the two raced).
 * - time zone: the gate uses the contact's profile zone, else the number's. The audit sees a
 *   profile zone only as the `timeZone` of a `crm.contact.upserted` event among `events`; a zone
 *   set by a CRM event outside them (older than the history read) is not seen, and the number's
 *   zone is used instead, which may differ (a +1 212 number living in California).
 * - config: today's config judges yesterday's sends; a cap or window changed since will show
 *   as breaches (or hide them).
 * Holdout is not audited: a new salt re-draws the groups, so history cannot be judged by today's.
 */
import type { CanonicalEvent } from '../../events/index.js';
import type { AppConfig, Cap, Program } from '../config/programConfig.js';
import type { ConsentEntry } from '../consent/consentLedger.js';
import { consentQuery, currentConsent, mayMessage } from '../consent/consentState.js';
import { applicableCaps, capWindowStart } from './caps.js';
import { isTimeZone, localParts, minutesOfDay } from './localTime.js';
import { sendWindowFor } from './quietHours.js';
import { isTransactional } from './sendGate.js';
import { contactTimeZone, countryForPhone } from './timeZones.js';

export type AuditRule = 'consent' | 'cap' | 'quiet_hours';

export interface AuditBreach {
  rule: AuditRule;
  /** The `message.sent` that broke the rule. */
  eventId: string;
  detail: string;
  /** Ids of the events that prove it: the send, and the opt-out, the other sends in the window, … */
  evidence: string[];
}

export interface AuditReport {
  checked: { sends: number; consentChanges: number };
  /** Sends that could not be judged (no program, or a program no longer configured). */
  skipped: Array<{ eventId: string; reason: string }>;
  breaches: AuditBreach[];
}

export interface AuditOptions {
  /**
   * Judge only sends received in [from, to) (ISO instants). Every event is still context:
   * an opt-out or a send from before `from` counts against a send inside it.
   */
  window?: { from: string; to: string };
}

type Sent = Extract<CanonicalEvent, { type: 'message.sent' }>;
type CrmContact = Extract<CanonicalEvent, { type: 'crm.contact.upserted' }>;

interface JudgedSend {
  event: Sent;
  program: Program;
  programId: string;
  at: number;
  transactional: boolean;
}

const instant = (iso: string) => Date.parse(iso);

/** Total order on events: by instant, then id, so the report never depends on input order. */
function byTime(a: { occurredAt: string; eventId: string }, b: { occurredAt: string; eventId: string }) {
  const diff = instant(a.occurredAt) - instant(b.occurredAt);
  return diff !== 0 ? diff : a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** One send per vendor message: our own `message.sent` and a vendor callback may both exist. */
function distinctSends(events: readonly CanonicalEvent[]): Sent[] {
  const seen = new Map<string, Sent>();
  const sends = events
    .filter((e): e is Sent => e.type === 'message.sent' && e.channel === 'sms')
    .sort(byTime);
  for (const send of sends) {
    const key = `${send.source}:${send.messageId}`;
    if (!seen.has(key)) seen.set(key, send);
  }
  return [...seen.values()];
}

/** Recomputes consent, caps and quiet hours for every SMS sent through a configured program. */
export function auditSends(
  history: readonly CanonicalEvent[],
  config: AppConfig,
  options: AuditOptions = {},
): AuditReport {
  const events = [...new Map(history.map((e) => [e.eventId, e])).values()];
  const consent = events.filter(
    (e): e is ConsentEntry => e.type === 'consent.changed' && e.channel === 'sms',
  );
  const consentByPhone = groupBy(consent, (e) => e.phone?.trim());
  const crm = events
    .filter((e): e is CrmContact => e.type === 'crm.contact.upserted' && e.timeZone !== undefined)
    .sort(byTime);

  const skipped: AuditReport['skipped'] = [];
  const judged: JudgedSend[] = [];
  for (const event of distinctSends(events)) {
    const program = event.programId ? config.programs[event.programId] : undefined;
    if (!event.programId || !program) {
      skipped.push({
        eventId: event.eventId,
        reason: event.programId ? `program ${event.programId} is not configured` : 'no programId',
      });
      continue;
    }
    judged.push({
      event,
      program,
      programId: event.programId,
      at: instant(event.occurredAt),
      transactional: isTransactional(program, { workflowId: event.workflowId }),
    });
  }

  const inWindow = (send: JudgedSend) =>
    !options.window ||
    (instant(send.event.receivedAt) >= instant(options.window.from) &&
      instant(send.event.receivedAt) < instant(options.window.to));

  const breaches: AuditBreach[] = [];
  const judgedSends = judged.filter(inWindow);
  const sendsByPhone = groupBy(judged, (s) => s.event.to);
  for (const send of judgedSends) {
    const zone = zoneAt(send, crm, config);
    breaches.push(
      ...consentBreaches(send, consentByPhone.get(send.event.to.trim()) ?? []),
      ...quietHourBreaches(send, zone),
      ...capBreaches(send, sendsByPhone.get(send.event.to) ?? [], zone, config),
    );
  }
  return {
    checked: { sends: judgedSends.length, consentChanges: consent.length },
    skipped,
    breaches,
  };
}

/** The recipient's zone at the send: a CRM-given zone known by then, else the number's. */
function zoneAt(
  send: JudgedSend,
  crm: readonly CrmContact[],
  config: AppConfig,
): { timeZone: string; evidence: string[] } {
  const { event } = send;
  const profile = crm
    .filter(
      (c) =>
        instant(c.receivedAt) < send.at &&
        (c.phone === event.to || (event.contactId !== undefined && c.contactId === event.contactId)),
    )
    .at(-1);
  const timeZone = contactTimeZone(profile?.timeZone, event.to, config.defaultTimeZone);
  const fromProfile = profile?.timeZone !== undefined && isTimeZone(profile.timeZone);
  return { timeZone, evidence: fromProfile && profile ? [profile.eventId] : [] };
}

function consentBreaches(send: JudgedSend, entries: readonly ConsentEntry[]): AuditBreach[] {
  const { event, program, programId } = send;
  // Known before the send: what the ledger held when the gate decided.
  const known = entries.filter((e) => instant(e.receivedAt) < send.at);
  const state = currentConsent(known, consentQuery(programId, program));
  if (mayMessage(state, program)) return [];
  const why =
    state.status === 'opted_out'
      ? `after opt-out ${state.eventId} at ${state.since} (${state.evidence?.keyword ?? state.evidence?.method})`
      : `with no opt-in on record, which program ${programId} requires`;
  return [
    {
      rule: 'consent',
      eventId: event.eventId,
      detail: `SMS to ${event.to} for ${programId} at ${event.occurredAt} ${why}`,
      evidence: [event.eventId, ...(state.eventId ? [state.eventId] : [])],
    },
  ];
}

function quietHourBreaches(send: JudgedSend, zone: { timeZone: string; evidence: string[] }): AuditBreach[] {
  const { event, program, programId } = send;
  const window = sendWindowFor(program.quietHours, countryForPhone(event.to));
  const local = localParts(new Date(send.at), zone.timeZone);
  const minute = local.hour * 60 + local.minute;
  const [start, end] = [minutesOfDay(window.start), minutesOfDay(window.end)];
  // start > end is a window across midnight; start = end is open all day (as in the gate).
  const open = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (open) return [];
  const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return [
    {
      rule: 'quiet_hours',
      eventId: event.eventId,
      detail: `SMS to ${event.to} for ${programId} at ${hhmm} ${zone.timeZone}, outside ${window.start}-${window.end}`,
      evidence: [event.eventId, ...zone.evidence],
    },
  ];
}

function describe(cap: Cap): string {
  return `${cap.max} per ${cap.window.kind === 'calendar_day' ? 'local calendar day' : `${cap.window.hours} h`}`;
}

/**
 * The order sends used up capacity in. Events cannot order sends made in the same millisecond
 * (a release job letting several deferred sends out at once), so a tie is read in the gate's
 * favour: capped sends before transactional ones, which bypass caps whatever came first.
 */
function capOrder(a: JudgedSend, b: JudgedSend): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.transactional !== b.transactional) return a.transactional ? 1 : -1;
  return byTime(a.event, b.event);
}

function capBreaches(
  send: JudgedSend,
  sameRecipient: readonly JudgedSend[],
  zone: { timeZone: string; evidence: string[] },
  config: AppConfig,
): AuditBreach[] {
  const { event, program, programId } = send;
  if (send.transactional) return [];
  // Every send up to and including this one (transactional ones too: they use up capacity).
  const upTo = sameRecipient.filter((s) => capOrder(s, send) <= 0);
  const request = { programId, workflowId: event.workflowId, channel: 'sms' as const };
  return applicableCaps(config, program, request).flatMap((applied) => {
    const start = capWindowStart(applied.cap, new Date(send.at), zone.timeZone).getTime();
    const counted = upTo.filter(
      (s) =>
        s.at >= start &&
        (applied.scope === 'global' ||
          (s.programId === programId &&
            (applied.scope === 'program' || s.event.workflowId === event.workflowId))),
    );
    if (counted.length <= applied.cap.max) return [];
    return [
      {
        rule: 'cap' as const,
        eventId: event.eventId,
        detail: `SMS to ${event.to} for ${programId} at ${event.occurredAt} is number ${counted.length} in the window of ${applied.scope} cap ${applied.source} (${describe(applied.cap)}, ${zone.timeZone})`,
        evidence: [...counted.map((s) => s.event.eventId), ...zone.evidence],
      },
    ];
  });
}
