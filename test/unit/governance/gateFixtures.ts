import { type AppConfig, parseConfig } from '../../../shared/config/programConfig.js';
import { holdoutBucket } from '../../../shared/governance/holdout.js';
import type { GateHistoryEntry, GateInput } from '../../../shared/governance/sendGate.js';

/** A program with every rule switched off; each test switches on the one it is about. */
export const PLAIN_PROGRAM = {
  name: 'Test program',
  channel: 'sms',
  vendor: 'twilio',
  from: '+14155550199',
  consent: { required: 'opt_in', scope: 'all' },
  helpText: 'Test: reply STOP to opt out.',
  caps: [],
  quietHours: { start: '08:00', end: '21:00', outside: 'defer' },
  holdout: { rate: 0, salt: 'test-salt' },
  collisionHours: 0,
  workflows: {
    onboarding: { category: 'onboarding' },
    'renewal-reminder': { category: 'renewal' },
    'appointment-confirmation': { category: 'appointment_confirmation', transactional: true },
  },
  campaigns: { 'spring-sale': { category: 'promotion' } },
};

/** A validated config (defaults applied) with program `p1` = PLAIN_PROGRAM plus `program`, and `p2`. */
export function configWith(program: Record<string, unknown> = {}, globalCaps: unknown[] = []): AppConfig {
  return parseConfig({
    version: 1,
    globalCaps,
    programs: { p1: { ...PLAIN_PROGRAM, ...program }, p2: { ...PLAIN_PROGRAM, name: 'Other program' } },
  });
}

/** 2026-06-10 12:00 in New York (EDT), inside the default 08:00–21:00 window. */
export const NOON_NEW_YORK = new Date('2026-06-10T16:00:00Z');

/** A gate input for program `p1` that every check lets through; override what the test is about. */
export function gateInput(overrides: Partial<GateInput> & { config?: AppConfig } = {}): GateInput {
  const config = overrides.config ?? configWith();
  const program = config.programs.p1!;
  return {
    request: {
      programId: 'p1',
      campaignId: 'spring-sale',
      channel: 'sms',
      to: '+12125550123',
      requestId: 'req-1',
    },
    program,
    config,
    consent: { status: 'opted_in' },
    contactKey: '+12125550123',
    timeZone: 'America/New_York',
    history: [],
    now: NOON_NEW_YORK,
    ...overrides,
  };
}

/** A history entry `hoursAgo` before `now` (SMS of `p1` unless overridden). */
export function sent(now: Date, hoursAgo: number, entry: Partial<GateHistoryEntry> = {}): GateHistoryEntry {
  return {
    at: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
    channel: 'sms',
    programId: 'p1',
    ...entry,
  };
}

/** The first key `contact-<n>` whose holdout bucket is below (held out) or above (kept) `rate`. */
export function contactKeyWhere(salt: string, rate: number, heldOut: boolean): string {
  for (let n = 0; ; n += 1) {
    const key = `contact-${n}`;
    if (holdoutBucket(salt, key) < rate === heldOut) return key;
  }
}
