import type { Program } from '../config/programConfig.js';
import type { ConsentChannel, ConsentEntry } from './consentLedger.js';

/** What a send is about: its channel, and the program and sender number it would go out under. */
export interface ConsentQuery {
  channel: ConsentChannel;
  programId?: string;
  sender?: string;
}

export type ConsentStatus = 'opted_in' | 'opted_out' | 'unknown';

export interface ConsentState {
  status: ConsentStatus;
  /** When the deciding entry happened. */
  since?: string;
  /** The deciding entry's id and evidence, for a suppression's detail and for audits. */
  eventId?: string;
  scope?: ConsentEntry['scope'];
  evidence?: ConsentEntry['evidence'];
}

/** The consent query for a send under `programId`: its channel, the program and its sender. */
export function consentQuery(programId: string, program: Pick<Program, 'channel' | 'from'>): ConsentQuery {
  return { channel: program.channel, programId, sender: program.from };
}

/**
 * Whether an entry speaks to this send: an `all` entry to every program and sender, a
 * `program` entry only to that program, a `sender` entry only to that sender number.
 */
export function appliesTo(entry: ConsentEntry, query: ConsentQuery): boolean {
  if (entry.channel !== query.channel) return false;
  switch (entry.scope.kind) {
    case 'all':
      return true;
    case 'program':
      return query.programId !== undefined && entry.scope.value === query.programId;
    case 'sender':
      return query.sender !== undefined && entry.scope.value === query.sender;
  }
}

/**
 * Orders entries by when they happened (as instants, so "+02:00" and "Z" times compare right);
 * at the same instant an opt-out comes after an opt-in, so a tie never re-opens a contact; the
 * event id breaks what remains, so the order never depends on how entries arrived.
 */
export function compareEntries(a: ConsentEntry, b: ConsentEntry): number {
  const byTime = Date.parse(a.occurredAt) - Date.parse(b.occurredAt);
  if (byTime !== 0) return byTime;
  if (a.status !== b.status) return a.status === 'opted_out' ? 1 : -1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/** The contact's consent for one send: the latest applicable entry wins. Pure; any input order. */
export function currentConsent(history: readonly ConsentEntry[], query: ConsentQuery): ConsentState {
  let latest: ConsentEntry | undefined;
  for (const entry of history) {
    if (appliesTo(entry, query) && (latest === undefined || compareEntries(entry, latest) > 0))
      latest = entry;
  }
  if (!latest) return { status: 'unknown' };
  return {
    status: latest.status,
    since: latest.occurredAt,
    eventId: latest.eventId,
    scope: latest.scope,
    evidence: latest.evidence,
  };
}

/** Whether the program's consent rule lets it message a contact in this state. */
export function mayMessage(state: Pick<ConsentState, 'status'>, program: Pick<Program, 'consent'>): boolean {
  return program.consent.required === 'opt_in' ? state.status === 'opted_in' : state.status !== 'opted_out';
}
