import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { decideSend, isTransactional } from '../../../shared/governance/sendGate.js';
import { configWith, contactKeyWhere, gateInput, NOON_NEW_YORK, sent } from './gateFixtures.js';

const ONE_A_DAY = { channel: 'sms', max: 1, window: { kind: 'calendar_day' } };
const THREE_A_WEEK = { channel: 'sms', max: 3, window: { kind: 'rolling', hours: 168 } };
/** 2026-06-10 23:00 in New York (EDT). */
const ELEVEN_PM_NEW_YORK = new Date('2026-06-11T03:00:00Z');

describe('Function: decideSend', () => {
  it('allows a send that breaks no rule', () => {
    expect(decideSend(gateInput())).toEqual({ decision: 'allow' });
  });

  describe('consent', () => {
    it.each([
      ['opt_in', 'opted_out', 'contact opted out'],
      ['not_opted_out', 'opted_out', 'contact opted out'],
      ['opt_in', 'unknown', 'program requires opt-in and none is on record'],
    ] as const)(
      'suppresses when the program requires %s and the contact is %s',
      (required, status, detail) => {
        const config = configWith({ consent: { required, scope: 'all' } });
        expect(decideSend(gateInput({ config, consent: { status } }))).toEqual({
          decision: 'suppress',
          reason: 'consent',
          detail,
        });
      },
    );

    it('allows a contact with no record when the program only requires no opt-out', () => {
      const config = configWith({ consent: { required: 'not_opted_out', scope: 'all' } });
      expect(decideSend(gateInput({ config, consent: { status: 'unknown' } }))).toEqual({
        decision: 'allow',
      });
    });

    it('is never bypassed by a transactional workflow', () => {
      const input = gateInput({ consent: { status: 'opted_out' } });
      input.request = { ...input.request, workflowId: 'appointment-confirmation', campaignId: undefined };
      expect(decideSend(input)).toMatchObject({ decision: 'suppress', reason: 'consent' });
    });

    it('comes before every other reason', () => {
      // Prepare: held out, at 23:00, capped and after an email: every rule objects.
      const salt = 'test-salt';
      const config = configWith({ holdout: { rate: 0.5, salt }, collisionHours: 4 }, [ONE_A_DAY]);
      const input = gateInput({
        config,
        consent: { status: 'opted_out' },
        contactKey: contactKeyWhere(salt, 0.5, true),
        now: ELEVEN_PM_NEW_YORK,
        history: [sent(ELEVEN_PM_NEW_YORK, 1), sent(ELEVEN_PM_NEW_YORK, 1, { channel: 'email' })],
      });
      // Act / Assess
      expect(decideSend(input)).toMatchObject({ decision: 'suppress', reason: 'consent' });
    });
  });

  describe('holdout', () => {
    const salt = 'test-salt';
    const config = configWith({ holdout: { rate: 0.1, salt } });

    it('suppresses a held-out contact, with the ghost exposure stamped now', () => {
      const input = gateInput({ config, contactKey: contactKeyWhere(salt, 0.1, true) });
      expect(decideSend(input)).toEqual({
        decision: 'suppress',
        reason: 'holdout',
        detail: 'held out of p1 (rate 0.1)',
        exposureAt: NOON_NEW_YORK.toISOString(),
      });
    });

    it('allows a contact outside the holdout', () => {
      expect(decideSend(gateInput({ config, contactKey: contactKeyWhere(salt, 0.1, false) }))).toEqual({
        decision: 'allow',
      });
    });

    it('lets a transactional workflow through for a held-out contact', () => {
      const input = gateInput({ config, contactKey: contactKeyWhere(salt, 0.1, true) });
      input.request = { ...input.request, workflowId: 'appointment-confirmation', campaignId: undefined };
      expect(decideSend(input)).toEqual({ decision: 'allow' });
    });

    it('comes before quiet hours, stamping the exposure at the window the send would have waited for', () => {
      const input = gateInput({
        config,
        contactKey: contactKeyWhere(salt, 0.1, true),
        now: ELEVEN_PM_NEW_YORK,
      });
      expect(decideSend(input)).toMatchObject({
        decision: 'suppress',
        reason: 'holdout',
        exposureAt: '2026-06-11T12:00:00.000Z', // 08:00 EDT next morning
      });
    });

    it('comes before caps and collision, so every request of a held-out contact is a ghost exposure', () => {
      const capped = configWith({ holdout: { rate: 0.1, salt }, collisionHours: 4 }, [ONE_A_DAY]);
      const input = gateInput({
        config: capped,
        contactKey: contactKeyWhere(salt, 0.1, true),
        history: [sent(NOON_NEW_YORK, 1), sent(NOON_NEW_YORK, 1, { channel: 'email' })],
      });
      expect(decideSend(input)).toMatchObject({ decision: 'suppress', reason: 'holdout' });
    });
  });

  describe('quiet hours', () => {
    it('defers a send at 23:00 recipient time to 08:00 the next local morning', () => {
      expect(decideSend(gateInput({ now: ELEVEN_PM_NEW_YORK }))).toEqual({
        decision: 'defer',
        reason: 'quiet_hours',
        until: '2026-06-11T12:00:00.000Z',
      });
    });

    it('defers a send at 07:59 to 08:00 the same day', () => {
      expect(decideSend(gateInput({ now: new Date('2026-06-10T11:59:00Z') }))).toMatchObject({
        decision: 'defer',
        until: '2026-06-10T12:00:00.000Z',
      });
    });

    it.each([
      ['2026-06-10T12:00:00Z', 'allow'], // 08:00: the window opens
      ['2026-06-11T00:59:00Z', 'allow'], // 20:59
      ['2026-06-11T01:00:00Z', 'defer'], // 21:00: the window has closed
    ])('at %s decides %s (start inclusive, end exclusive)', (now, decision) => {
      expect(decideSend(gateInput({ now: new Date(now) })).decision).toBe(decision);
    });

    it('uses the recipient time zone, not New York', () => {
      // 12:00 in New York is 09:00 in Los Angeles and 21:30 in Kolkata.
      expect(decideSend(gateInput({ timeZone: 'America/Los_Angeles' })).decision).toBe('allow');
      expect(decideSend(gateInput({ timeZone: 'Asia/Kolkata' }))).toMatchObject({
        decision: 'defer',
        until: '2026-06-11T02:30:00.000Z',
      });
    });

    it('drops instead of deferring when the program says so', () => {
      const config = configWith({ quietHours: { start: '08:00', end: '21:00', outside: 'drop' } });
      expect(decideSend(gateInput({ config, now: ELEVEN_PM_NEW_YORK }))).toEqual({
        decision: 'suppress',
        reason: 'quiet_hours',
        detail: '23:00 in America/New_York is outside 08:00-21:00 and the program drops such sends',
      });
    });

    it('applies the stricter window configured for the recipient country', () => {
      // Prepare: France 10:00–20:00; 09:30 in Paris.
      const config = configWith({
        quietHours: { start: '08:00', end: '21:00', byCountry: { FR: { start: '10:00', end: '20:00' } } },
      });
      const base = { config, timeZone: 'Europe/Paris', now: new Date('2026-06-10T07:30:00Z') };
      // Act / Assess
      expect(decideSend(gateInput({ ...base, country: 'FR' }))).toMatchObject({
        decision: 'defer',
        until: '2026-06-10T08:00:00.000Z',
      });
      expect(decideSend(gateInput({ ...base, country: 'BE' })).decision).toBe('allow');
    });

    it('still holds a transactional SMS (only caps and holdout are bypassed)', () => {
      const input = gateInput({ now: ELEVEN_PM_NEW_YORK });
      input.request = { ...input.request, workflowId: 'appointment-confirmation', campaignId: undefined };
      expect(decideSend(input).decision).toBe('defer');
    });

    it('does not apply to email', () => {
      const input = gateInput({ now: ELEVEN_PM_NEW_YORK });
      input.request = { ...input.request, channel: 'email', to: 'ann@example.com' };
      expect(decideSend(input)).toEqual({ decision: 'allow' });
    });
  });

  describe('collision', () => {
    const config = configWith({ collisionHours: 4 });

    it('suppresses an SMS within collisionHours after an email of the same program', () => {
      const email = sent(NOON_NEW_YORK, 2, { channel: 'email' });
      expect(decideSend(gateInput({ config, history: [email] }))).toEqual({
        decision: 'suppress',
        reason: 'collision',
        detail: `email of p1 at ${email.at} is within 4 h before this SMS`,
      });
    });

    it('counts an email exactly collisionHours ago', () => {
      const history = [sent(NOON_NEW_YORK, 4, { channel: 'email' })];
      expect(decideSend(gateInput({ config, history })).decision).toBe('suppress');
    });

    it.each([
      ['an email older than the window', sent(NOON_NEW_YORK, 4.01, { channel: 'email' })],
      ['an email of another program', sent(NOON_NEW_YORK, 1, { channel: 'email', programId: 'p2' })],
      ['an SMS of the same program', sent(NOON_NEW_YORK, 1)],
    ])('ignores %s', (_, entry) => {
      expect(decideSend(gateInput({ config, history: [entry] }))).toEqual({ decision: 'allow' });
    });

    it('is off when collisionHours is 0', () => {
      const history = [sent(NOON_NEW_YORK, 1, { channel: 'email' })];
      expect(decideSend(gateInput({ history }))).toEqual({ decision: 'allow' });
    });

    it('does not stop an email', () => {
      const input = gateInput({ config, history: [sent(NOON_NEW_YORK, 1, { channel: 'email' })] });
      input.request = { ...input.request, channel: 'email', to: 'ann@example.com' };
      expect(decideSend(input)).toEqual({ decision: 'allow' });
    });
  });

  describe('caps', () => {
    it('suppresses the second SMS of the recipient day under a global 1-a-day cap, across programs', () => {
      const config = configWith({}, [ONE_A_DAY]);
      const history = [sent(NOON_NEW_YORK, 3, { programId: 'p2' })];
      expect(decideSend(gateInput({ config, history }))).toEqual({
        decision: 'suppress',
        reason: 'cap',
        detail: 'global cap globalCaps[0]: 1 sms per local calendar day reached (1 sent)',
      });
    });

    it('counts the calendar day in the recipient zone', () => {
      // Prepare: a send at 2026-06-10 03:30Z was 23:30 on the 9th in New York, 04:30 on the 10th in London.
      const config = configWith({}, [ONE_A_DAY]);
      const now = new Date('2026-06-10T13:00:00Z');
      const history = [{ at: '2026-06-10T03:30:00.000Z', channel: 'sms' as const, programId: 'p1' }];
      // Act / Assess
      expect(decideSend(gateInput({ config, history, now })).decision).toBe('allow');
      expect(decideSend(gateInput({ config, history, now, timeZone: 'Europe/London' })).decision).toBe(
        'suppress',
      );
    });

    it('counts a rolling window back from now, whatever the calendar', () => {
      const config = configWith({}, [{ channel: 'sms', max: 1, window: { kind: 'rolling', hours: 24 } }]);
      const now = new Date('2026-06-10T13:00:00Z');
      const history = [{ at: '2026-06-10T03:30:00.000Z', channel: 'sms' as const, programId: 'p1' }];
      expect(decideSend(gateInput({ config, history, now }))).toMatchObject({
        decision: 'suppress',
        reason: 'cap',
      });
    });

    it.each([
      [2, [20, 50], 'allow'],
      [3, [20, 50, 167], 'suppress'],
      [3, [20, 50, 169], 'allow'], // the third left the 7-day window
    ])('with %i earlier SMS in the week, 3-in-7-days decides %s', (_, hoursAgo, decision) => {
      const config = configWith({}, [THREE_A_WEEK]);
      const history = hoursAgo.map((h) => sent(NOON_NEW_YORK, h));
      expect(decideSend(gateInput({ config, history })).decision).toBe(decision);
    });

    it('counts only sends of the same program for a program cap', () => {
      const config = configWith({ caps: [ONE_A_DAY] });
      expect(
        decideSend(gateInput({ config, history: [sent(NOON_NEW_YORK, 1, { programId: 'p2' })] })),
      ).toEqual({
        decision: 'allow',
      });
      expect(decideSend(gateInput({ config, history: [sent(NOON_NEW_YORK, 1)] }))).toMatchObject({
        reason: 'cap',
        detail: 'program cap programs.p1.caps[0]: 1 sms per local calendar day reached (1 sent)',
      });
    });

    it('counts only sends of the same workflow for a workflow cap', () => {
      // Prepare: renewal reminders at most 2 in 30 days.
      const config = configWith({
        workflows: {
          onboarding: { category: 'onboarding' },
          'renewal-reminder': {
            category: 'renewal',
            caps: [{ channel: 'sms', max: 2, window: { kind: 'rolling', hours: 720 } }],
          },
        },
      });
      const history = [
        sent(NOON_NEW_YORK, 100, { workflowId: 'renewal-reminder' }),
        sent(NOON_NEW_YORK, 300, { workflowId: 'renewal-reminder' }),
      ];
      const renewal = gateInput({ config, history });
      renewal.request = { ...renewal.request, workflowId: 'renewal-reminder', campaignId: undefined };
      const onboarding = gateInput({ config, history });
      onboarding.request = { ...onboarding.request, workflowId: 'onboarding', campaignId: undefined };
      // Act / Assess
      expect(decideSend(renewal)).toMatchObject({
        reason: 'cap',
        detail: expect.stringMatching(/^workflow cap/),
      });
      expect(decideSend(onboarding)).toEqual({ decision: 'allow' });
    });

    it('counts only sends on the cap channel, and caps only sends on that channel', () => {
      const config = configWith({}, [ONE_A_DAY]);
      const emailed = [sent(NOON_NEW_YORK, 1, { channel: 'email' })];
      expect(decideSend(gateInput({ config, history: emailed }))).toEqual({ decision: 'allow' });
      const email = gateInput({ config, history: [sent(NOON_NEW_YORK, 1)] });
      email.request = { ...email.request, channel: 'email', to: 'ann@example.com' };
      expect(decideSend(email)).toEqual({ decision: 'allow' });
    });

    it('caps email with an email cap', () => {
      const config = configWith({}, [{ channel: 'email', max: 1, window: { kind: 'calendar_day' } }]);
      const input = gateInput({ config, history: [sent(NOON_NEW_YORK, 1, { channel: 'email' })] });
      input.request = { ...input.request, channel: 'email', to: 'ann@example.com' };
      expect(decideSend(input)).toMatchObject({ decision: 'suppress', reason: 'cap' });
    });

    it('lets a transactional workflow through a reached cap', () => {
      const config = configWith({}, [ONE_A_DAY]);
      const input = gateInput({ config, history: [sent(NOON_NEW_YORK, 1)] });
      input.request = { ...input.request, workflowId: 'appointment-confirmation', campaignId: undefined };
      expect(decideSend(input)).toEqual({ decision: 'allow' });
    });

    it('counts a send stamped after now (clock drift) and one it cannot read', () => {
      const config = configWith({}, [ONE_A_DAY]);
      const future = sent(NOON_NEW_YORK, -0.1);
      const unreadable = { ...sent(NOON_NEW_YORK, 1), at: 'yesterday-ish' };
      expect(decideSend(gateInput({ config, history: [future] })).decision).toBe('suppress');
      expect(decideSend(gateInput({ config, history: [unreadable] })).decision).toBe('suppress');
    });

    it('checks quiet hours first, so a capped send at night is deferred into a new day', () => {
      const config = configWith({}, [ONE_A_DAY]);
      const input = gateInput({ config, now: ELEVEN_PM_NEW_YORK, history: [sent(ELEVEN_PM_NEW_YORK, 2)] });
      expect(decideSend(input)).toMatchObject({ decision: 'defer', until: '2026-06-11T12:00:00.000Z' });
    });

    it('checks collision before caps', () => {
      const config = configWith({ collisionHours: 4 }, [ONE_A_DAY]);
      const history = [sent(NOON_NEW_YORK, 1), sent(NOON_NEW_YORK, 1, { channel: 'email' })];
      expect(decideSend(gateInput({ config, history }))).toMatchObject({ reason: 'collision' });
    });
  });

  it('gives the same decision for the same input', () => {
    const input = gateInput({ now: ELEVEN_PM_NEW_YORK, history: [sent(ELEVEN_PM_NEW_YORK, 1)] });
    expect(decideSend(input)).toEqual(decideSend(structuredClone(input)));
  });
});

describe('Function: isTransactional', () => {
  const program = configWith().programs.p1!;

  it.each([
    ['appointment-confirmation', true],
    ['onboarding', false],
    ['not-configured', false],
    [undefined, false],
  ])('says workflow %s is transactional: %s', (workflowId, expected) => {
    expect(isTransactional(program, { workflowId })).toBe(expected);
  });
});

describe('Contract: program demo of config/example.json', () => {
  const config = loadConfigFile('config/example.json');
  const demo = config.programs.demo!;
  const kept = contactKeyWhere(demo.holdout.salt, demo.holdout.rate, false);
  const base = gateInput({ config, contactKey: kept });
  const demoInput = { ...base, program: demo, request: { ...base.request, programId: 'demo' } };

  it('allows an opted-in, not held-out contact at noon', () => {
    expect(decideSend(demoInput)).toEqual({ decision: 'allow' });
  });

  it('requires an opt-in', () => {
    expect(decideSend({ ...demoInput, consent: { status: 'unknown' } })).toMatchObject({ reason: 'consent' });
  });

  it('allows one SMS per recipient day', () => {
    const history = [sent(NOON_NEW_YORK, 2, { programId: 'demo' })];
    expect(decideSend({ ...demoInput, history })).toMatchObject({ decision: 'suppress', reason: 'cap' });
  });

  it('defers 23:00 to 08:00 recipient time', () => {
    expect(decideSend({ ...demoInput, now: ELEVEN_PM_NEW_YORK })).toMatchObject({
      decision: 'defer',
      until: '2026-06-11T12:00:00.000Z',
    });
  });

  it('holds out 10% of contacts', () => {
    const held = contactKeyWhere(demo.holdout.salt, demo.holdout.rate, true);
    expect(decideSend({ ...demoInput, contactKey: held })).toMatchObject({ reason: 'holdout' });
  });
});
