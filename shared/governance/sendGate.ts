/**
 * The send gate: one pure decision for (contact, program, workflow or campaign, step, channel,
 * time) = allow | defer(until) | suppress(reason). No I/O and no clock: the caller passes the
 * consent state, the contact's recent sends and `now`, so the same input always gives the same
 * decision, `/v1/decisions` can answer without side effects, and the audit job can replay it.
 *
 * Checks run in a fixed order and the first one that objects decides:
 * 1. consent: the law, and what a STOP promised; nothing bypasses it, transactional included.
 * 2. holdout: assignment must not depend on anything that happens at send time. Checked after
 *    consent (a contact who may not be texted is in neither group) and before quiet hours,
 *    collision and caps, so every request for a held-out contact becomes a ghost exposure and
 *    the comparison stays intent-to-treat. Transactional workflows are never held out.
 * 3. quiet hours: defer to the next window (or drop, as the program says). Before collision and
 *    caps because a deferred send is gated again when it comes back, in a new window where a
 *    calendar-day cap may have reset and an email's collision window may have passed.
 * 4. collision: no SMS within `collisionHours` after an email of the same program.
 * 5. caps: global, program, then workflow; transactional workflows bypass them.
 * Quiet hours and collision are about texting, so they apply to SMS only.
 */
import type { AppConfig, Program } from '../config/programConfig.js';
import { type AppliedCap, applicableCaps, atOrAfter, capUsage, type GateHistoryEntry } from './caps.js';
import { isHeldOut } from './holdout.js';
import { checkSendWindow, sendWindowFor } from './quietHours.js';

export type { GateHistoryEntry } from './caps.js';

export type Channel = 'sms' | 'email';

export interface GateRequest {
  programId: string;
  workflowId?: string;
  campaignId?: string;
  step?: number;
  channel: Channel;
  /** Recipient (E.164 or email). */
  to: string;
  requestId: string;
}

/** The contact's consent for this program and channel, as the consent ledger resolves it. */
export interface ConsentState {
  status: 'opted_in' | 'opted_out' | 'unknown';
}

export interface GateInput {
  request: GateRequest;
  /** `config.programs[request.programId]`. */
  program: Program;
  config: AppConfig;
  consent: ConsentState;
  /** Stable contact identity the holdout hashes (the same key for every send to this person). */
  contactKey: string;
  /** The recipient's IANA time zone (see `contactTimeZone`). */
  timeZone: string;
  /** Recipient's country (ISO 3166 alpha-2), for per-country quiet hours. */
  country?: string;
  /** This contact's earlier sends that count against caps, and this program's emails to them. */
  history: readonly GateHistoryEntry[];
  now: Date;
}

export type SuppressReason = 'consent' | 'cap' | 'quiet_hours' | 'collision' | 'holdout';

export type Decision =
  | { decision: 'allow' }
  | { decision: 'defer'; reason: 'quiet_hours'; until: string }
  | {
      decision: 'suppress';
      reason: SuppressReason;
      detail: string;
      /**
       * Holdout only: when the message would have gone out (the next window start when quiet
       * hours would have deferred it), the time to stamp the ghost exposure with.
       */
      exposureAt?: string;
    };

type Check = (input: GateInput) => Decision | undefined;

const HOUR_MS = 3_600_000;

const suppress = (reason: SuppressReason, detail: string): Decision => ({
  decision: 'suppress',
  reason,
  detail,
});

/** True when the request's workflow is configured as transactional (confirmations, receipts). */
export function isTransactional(program: Program, request: Pick<GateRequest, 'workflowId'>): boolean {
  return request.workflowId !== undefined && program.workflows[request.workflowId]?.transactional === true;
}

const checkConsent: Check = ({ program, consent }) => {
  if (consent.status === 'opted_out') return suppress('consent', 'contact opted out');
  if (program.consent.required === 'opt_in' && consent.status !== 'opted_in') {
    return suppress('consent', 'program requires opt-in and none is on record');
  }
  return undefined;
};

/** When the message would go out if nothing but quiet hours stood in the way. */
function wouldSendAt(input: GateInput): Date {
  if (input.request.channel !== 'sms') return input.now;
  const { quietHours } = input.program;
  const window = checkSendWindow(input.now, input.timeZone, sendWindowFor(quietHours, input.country));
  return window.open || quietHours.outside === 'drop' ? input.now : window.opensAt;
}

const checkHoldout: Check = (input) => {
  const { program, request, contactKey } = input;
  if (isTransactional(program, request) || !isHeldOut(program.holdout, contactKey)) return undefined;
  return {
    ...suppress('holdout', `held out of ${request.programId} (rate ${program.holdout.rate})`),
    exposureAt: wouldSendAt(input).toISOString(),
  };
};

const checkQuietHours: Check = ({ request, program, timeZone, country, now }) => {
  if (request.channel !== 'sms') return undefined;
  const window = sendWindowFor(program.quietHours, country);
  const check = checkSendWindow(now, timeZone, window);
  if (check.open) return undefined;
  if (program.quietHours.outside === 'drop') {
    return suppress(
      'quiet_hours',
      `${check.localTime} in ${timeZone} is outside ${window.start}-${window.end} and the program drops such sends`,
    );
  }
  return { decision: 'defer', reason: 'quiet_hours', until: check.opensAt.toISOString() };
};

// A total order on timestamps (unreadable ones sort after all others, ties by text), so the detail
// does not depend on the order the history was stored in.
function isLater(a: string, b: string): boolean {
  const key = (at: string) => (Number.isNaN(Date.parse(at)) ? Number.POSITIVE_INFINITY : Date.parse(at));
  return key(a) !== key(b) ? key(a) > key(b) : a > b;
}

const checkCollision: Check = ({ request, program, history, now }) => {
  if (request.channel !== 'sms' || program.collisionHours <= 0) return undefined;
  const since = new Date(now.getTime() - program.collisionHours * HOUR_MS);
  const email = history
    .filter((e) => e.channel === 'email' && e.programId === request.programId && atOrAfter(e.at, since))
    .reduce<GateHistoryEntry | undefined>(
      (latest, e) => (!latest || isLater(e.at, latest.at) ? e : latest),
      undefined,
    );
  if (!email) return undefined;
  return suppress(
    'collision',
    `email of ${request.programId} at ${email.at} is within ${program.collisionHours} h before this SMS`,
  );
};

function describeCap(applied: AppliedCap): string {
  const { cap } = applied;
  const window = cap.window.kind === 'calendar_day' ? 'local calendar day' : `${cap.window.hours} h`;
  return `${applied.scope} cap ${applied.source}: ${cap.max} ${cap.channel} per ${window}`;
}

const checkCaps: Check = ({ request, program, config, history, now, timeZone }) => {
  if (isTransactional(program, request)) return undefined;
  for (const applied of applicableCaps(config, program, request)) {
    const used = capUsage(applied, history, request, now, timeZone);
    if (used >= applied.cap.max) return suppress('cap', `${describeCap(applied)} reached (${used} sent)`);
  }
  return undefined;
};

const CHECKS: readonly Check[] = [checkConsent, checkHoldout, checkQuietHours, checkCollision, checkCaps];

/** Decides one send. Pure and deterministic: see the module comment for the order of checks. */
export function decideSend(input: GateInput): Decision {
  for (const check of CHECKS) {
    const decision = check(input);
    if (decision) return decision;
  }
  return { decision: 'allow' };
}
