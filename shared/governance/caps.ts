import type { AppConfig, Cap, Program } from '../config/programConfig.js';
import { startOfLocalDay } from './localTime.js';

/** A message that counted against a contact's caps, or an email that opens a collision window. */
export interface GateHistoryEntry {
  /** ISO instant the message was sent. */
  at: string;
  channel: 'sms' | 'email';
  programId: string;
  workflowId?: string;
  campaignId?: string;
}

export type CapScope = 'global' | 'program' | 'workflow';

/** A configured cap together with the sends it counts. */
export interface AppliedCap {
  scope: CapScope;
  cap: Cap;
  /** Where it is configured, for the suppression detail: `globalCaps[1]`, `programs.demo.caps[0]`. */
  source: string;
}

const HOUR_MS = 3_600_000;

/**
 * A local calendar day lasts at most 25 hours (the fall-back day), so its start is never
 * more than 25 hours before any instant inside it.
 */
const LONGEST_CALENDAR_DAY_HOURS = 25;

/**
 * The caps a send on `channel` for `programId` (and `workflowId`) must respect, in the order
 * they are checked: across all programs, then the program's, then the workflow's.
 */
export function applicableCaps(
  config: AppConfig,
  program: Program,
  request: { programId: string; workflowId?: string; channel: 'sms' | 'email' },
): AppliedCap[] {
  const applied: AppliedCap[] = [];
  const add = (scope: CapScope, caps: Cap[], path: string) =>
    caps.forEach((cap, i) => {
      if (cap.channel === request.channel) applied.push({ scope, cap, source: `${path}[${i}]` });
    });
  add('global', config.globalCaps, 'globalCaps');
  add('program', program.caps, `programs.${request.programId}.caps`);
  const workflow = request.workflowId ? program.workflows[request.workflowId] : undefined;
  if (workflow) {
    add('workflow', workflow.caps, `programs.${request.programId}.workflows.${request.workflowId}.caps`);
  }
  return applied;
}

/**
 * The first instant whose sends count against `cap` at `now`: the recipient's local midnight
 * for `calendar_day`, `hours` ago for `rolling`.
 */
export function capWindowStart(cap: Cap, now: Date, timeZone: string): Date {
  if (cap.window.kind === 'calendar_day') return startOfLocalDay(now, timeZone);
  return new Date(now.getTime() - cap.window.hours * HOUR_MS);
}

/** True when `entry` is in the cap's scope (channel, and program or workflow where scoped). */
function countsFor(
  applied: AppliedCap,
  entry: GateHistoryEntry,
  request: { programId: string; workflowId?: string },
): boolean {
  if (entry.channel !== applied.cap.channel) return false;
  if (applied.scope === 'global') return true;
  if (entry.programId !== request.programId) return false;
  return applied.scope === 'program' || entry.workflowId === request.workflowId;
}

/**
 * True unless `at` is provably before `windowStart`: an unreadable timestamp counts, because
 * the gate must not let a send through on a record it cannot place in time.
 */
export function atOrAfter(at: string, windowStart: Date): boolean {
  return !(Date.parse(at) < windowStart.getTime());
}

/** How many of `history` count against `applied` at `now` (later entries count too: clocks drift). */
export function capUsage(
  applied: AppliedCap,
  history: readonly GateHistoryEntry[],
  request: { programId: string; workflowId?: string },
  now: Date,
  timeZone: string,
): number {
  const start = capWindowStart(applied.cap, now, timeZone);
  return history.filter((entry) => countsFor(applied, entry, request) && atOrAfter(entry.at, start)).length;
}

function capHours(cap: Cap): number {
  return cap.window.kind === 'calendar_day' ? LONGEST_CALENDAR_DAY_HOURS : cap.window.hours;
}

function programsOf(config: AppConfig, program?: Program): Program[] {
  return program ? [program] : Object.values(config.programs);
}

/**
 * The longest any cap looks back, in hours: global caps plus those of `program` (or of every
 * program when omitted) and its workflows. 0 when nothing is capped.
 */
export function longestCapWindowHours(config: AppConfig, program?: Program): number {
  const caps = [
    ...config.globalCaps,
    ...programsOf(config, program).flatMap((p) => [
      ...p.caps,
      ...Object.values(p.workflows).flatMap((w) => w.caps),
    ]),
  ];
  return Math.max(0, ...caps.map(capHours));
}

/**
 * How much of a contact's send history the gate can ever look at, in hours: the longest cap
 * window or collision window. A ledger may prune entries older than this before `now`.
 */
export function historyHorizonHours(config: AppConfig, program?: Program): number {
  const collision = programsOf(config, program).map((p) => p.collisionHours);
  return Math.max(longestCapWindowHours(config, program), ...collision);
}
