import type { Outcome, Touch } from '../../../shared/attribution/model.js';
import { DEFAULT_ATTRIBUTION_RULES } from '../../../shared/attribution/rules.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** 2026-03-01T12:00:00Z: every outcome in the hand vectors happens here unless it says otherwise. */
export const T0 = Date.UTC(2026, 2, 1, 12);

export const RULES = DEFAULT_ATTRIBUTION_RULES;

let touchSerial = 0;

/** A delivered SMS send of contact c1, T0 − 1 day, no campaign; override what the test is about. */
export function touch(overrides: Partial<Touch> = {}): Touch {
  touchSerial += 1;
  return {
    touchEventId: `evt_${String(touchSerial).padStart(6, '0')}`,
    contactId: 'c1',
    channel: 'sms',
    kind: 'send',
    at: T0 - DAY,
    ...overrides,
  };
}

/** A closed-won deal of contact c1 at T0 (contact level, 90-day window), 100.00 USD. */
export function outcome(overrides: Partial<Outcome> = {}): Outcome {
  return {
    outcomeId: 'o1',
    outcomeType: 'closed_won',
    at: T0,
    contactId: 'c1',
    level: 'contact',
    amountMinor: 10_000,
    currency: 'USD',
    ...overrides,
  };
}

/** Days before T0 as a time. */
export const daysBefore = (days: number) => T0 - days * DAY;
