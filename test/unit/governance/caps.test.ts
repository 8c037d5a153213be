import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import {
  applicableCaps,
  capWindowStart,
  historyHorizonHours,
  longestCapWindowHours,
} from '../../../shared/governance/caps.js';
import { configWith } from './gateFixtures.js';

const DAY = { channel: 'sms', max: 1, window: { kind: 'calendar_day' } } as const;
const WEEK = { channel: 'sms', max: 3, window: { kind: 'rolling', hours: 168 } } as const;
const EMAIL_DAY = { channel: 'email', max: 2, window: { kind: 'calendar_day' } } as const;

describe('Function: applicableCaps', () => {
  const config = configWith(
    {
      caps: [DAY, EMAIL_DAY],
      workflows: { nudge: { category: 'follow_up_nudge', caps: [WEEK] } },
    },
    [WEEK, EMAIL_DAY],
  );
  const program = config.programs.p1!;

  it('lists global, then program, then workflow caps on the request channel', () => {
    const caps = applicableCaps(config, program, { programId: 'p1', workflowId: 'nudge', channel: 'sms' });
    expect(caps.map((c) => [c.scope, c.source])).toEqual([
      ['global', 'globalCaps[0]'],
      ['program', 'programs.p1.caps[0]'],
      ['workflow', 'programs.p1.workflows.nudge.caps[0]'],
    ]);
  });

  it('lists only email caps for an email', () => {
    const caps = applicableCaps(config, program, { programId: 'p1', channel: 'email' });
    expect(caps.map((c) => c.source)).toEqual(['globalCaps[1]', 'programs.p1.caps[1]']);
  });

  it('adds no workflow caps for a campaign or an unknown workflow', () => {
    expect(
      applicableCaps(config, program, { programId: 'p1', workflowId: 'nope', channel: 'sms' }),
    ).toHaveLength(2);
  });
});

describe('Function: capWindowStart', () => {
  it('starts a calendar-day cap at the recipient local midnight', () => {
    const now = new Date('2026-06-10T16:00:00Z');
    expect(capWindowStart(DAY, now, 'America/New_York').toISOString()).toBe('2026-06-10T04:00:00.000Z');
    expect(capWindowStart(DAY, now, 'Asia/Kathmandu').toISOString()).toBe('2026-06-09T18:15:00.000Z');
  });

  it('starts a rolling cap its hours before now', () => {
    const now = new Date('2026-06-10T16:00:00Z');
    expect(capWindowStart(WEEK, now, 'America/New_York').toISOString()).toBe('2026-06-03T16:00:00.000Z');
  });
});

describe('Function: longestCapWindowHours / historyHorizonHours', () => {
  it('finds the longest look-back of the example config (renewal reminders, 30 days)', () => {
    const config = loadConfigFile('config/example.json');
    expect(longestCapWindowHours(config)).toBe(720);
    expect(longestCapWindowHours(config, config.programs.growth)).toBe(168);
  });

  it('counts a calendar day as 25 hours, the longest a local day lasts', () => {
    expect(longestCapWindowHours(configWith({ caps: [DAY] }))).toBe(25);
  });

  it('is 0 when nothing is capped', () => {
    expect(longestCapWindowHours(configWith())).toBe(0);
  });

  it('covers a collision window longer than any cap', () => {
    const config = configWith({ caps: [DAY], collisionHours: 48 });
    expect(historyHorizonHours(config)).toBe(48);
    expect(historyHorizonHours(config, config.programs.p2)).toBe(0);
  });
});
