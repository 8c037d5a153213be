import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/programConfig.js';
import { isHeldOut } from '../../../shared/governance/holdout.js';
import { localDate, localParts } from '../../../shared/governance/localTime.js';
import { decideSend, type GateInput, isTransactional } from '../../../shared/governance/sendGate.js';
import { PLAIN_PROGRAM } from './gateFixtures.js';

const HOUR_MS = 3_600_000;
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'Europe/London',
  'Australia/Adelaide',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Auckland',
];
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const capArb = fc.record({
  channel: fc.constantFrom('sms' as const, 'email' as const),
  max: fc.integer({ min: 1, max: 4 }),
  window: fc.oneof(
    fc.constant({ kind: 'calendar_day' as const }),
    fc.record({ kind: fc.constant('rolling' as const), hours: fc.integer({ min: 1, max: 240 }) }),
  ),
});

const configArb = fc
  .record({
    globalCaps: fc.array(capArb, { maxLength: 2 }),
    programCaps: fc.array(capArb, { maxLength: 2 }),
    workflowCaps: fc.array(capArb, { maxLength: 2 }),
    required: fc.constantFrom('opt_in', 'not_opted_out'),
    rate: fc.double({ min: 0, max: 0.5, noNaN: true }),
    start: fc.integer({ min: 0, max: 12 * 60 }),
    end: fc.integer({ min: 12 * 60 + 1, max: 23 * 60 + 59 }),
    outside: fc.constantFrom('defer', 'drop'),
    collisionHours: fc.integer({ min: 0, max: 48 }),
  })
  .map((c) =>
    parseConfig({
      version: 1,
      globalCaps: c.globalCaps,
      programs: {
        p1: {
          ...PLAIN_PROGRAM,
          consent: { required: c.required, scope: 'all' },
          caps: c.programCaps,
          quietHours: { start: hhmm(c.start), end: hhmm(c.end), outside: c.outside },
          holdout: { rate: c.rate, salt: 'prop-salt' },
          collisionHours: c.collisionHours,
          workflows: {
            wf: { category: 'reminder', caps: c.workflowCaps },
            tx: { category: 'appointment_confirmation', transactional: true, caps: c.workflowCaps },
          },
        },
        p2: PLAIN_PROGRAM,
      },
    }),
  );

const historyEntryArb = fc.record({
  hoursAgo: fc.double({ min: -2, max: 260, noNaN: true }),
  channel: fc.constantFrom('sms' as const, 'email' as const),
  programId: fc.constantFrom('p1', 'p2'),
  workflowId: fc.constantFrom('wf', 'tx', undefined),
});

const inputArb: fc.Arbitrary<GateInput> = fc
  .record({
    config: configArb,
    channel: fc.constantFrom('sms' as const, 'email' as const),
    workflowId: fc.constantFrom('wf', 'tx', undefined),
    status: fc.constantFrom('opted_in' as const, 'opted_out' as const, 'unknown' as const),
    contactKey: fc.string({ minLength: 1, maxLength: 12 }),
    timeZone: fc.constantFrom(...ZONES),
    nowMs: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
    history: fc.array(historyEntryArb, { maxLength: 25 }),
  })
  .map((v) => {
    const now = new Date(v.nowMs);
    return {
      request: {
        programId: 'p1',
        workflowId: v.workflowId,
        campaignId: v.workflowId ? undefined : 'spring-sale',
        channel: v.channel,
        to: '+12125550123',
        requestId: 'req-prop',
      },
      program: v.config.programs.p1!,
      config: v.config,
      consent: { status: v.status },
      contactKey: v.contactKey,
      timeZone: v.timeZone,
      history: v.history.map(({ hoursAgo, ...entry }) => ({
        ...entry,
        at: new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString(),
      })),
      now,
    };
  });

/** An independent model of "some cap already reached its max", counting by local dates. */
function someCapReached(input: GateInput): boolean {
  const { request, program, config, history, now, timeZone } = input;
  const workflowCaps = request.workflowId ? (program.workflows[request.workflowId]?.caps ?? []) : [];
  const scoped = [
    ...config.globalCaps.map((cap) => ({ cap, sameScope: () => true })),
    ...program.caps.map((cap) => ({ cap, sameScope: (e: { programId: string }) => e.programId === 'p1' })),
    ...workflowCaps.map((cap) => ({
      cap,
      sameScope: (e: { programId: string; workflowId?: string }) =>
        e.programId === 'p1' && e.workflowId === request.workflowId,
    })),
  ];
  const today = localDate(now, timeZone);
  return scoped
    .filter(({ cap }) => cap.channel === request.channel)
    .some(({ cap, sameScope }) => {
      const used = history.filter((e) => {
        if (e.channel !== cap.channel || !sameScope(e)) return false;
        if (cap.window.kind === 'calendar_day') return localDate(new Date(e.at), timeZone) >= today;
        return Date.parse(e.at) >= now.getTime() - cap.window.hours * HOUR_MS;
      }).length;
      return used >= cap.max;
    });
}

const RUNS = { numRuns: 1500 };

describe('Properties: decideSend', () => {
  it('(a) is deterministic: the same input (cloned, history in any order) gives the same decision', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const decision = decideSend(input);
        expect(decideSend(structuredClone(input))).toEqual(decision);
        expect(decideSend({ ...input, history: [...input.history].reverse() })).toEqual(decision);
      }),
      RUNS,
    );
  });

  it('(b) never allows a contact who opted out, transactional or not', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const input = { ...generated, consent: { status: 'opted_out' as const } };
        expect(decideSend(input)).toMatchObject({ decision: 'suppress', reason: 'consent' });
      }),
      RUNS,
    );
  });

  it('(c) never allows a non-transactional send once a cap reached its max in its window', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(!isTransactional(input.program, input.request) && someCapReached(input));
        expect(decideSend(input).decision).not.toBe('allow');
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  it('(d) never allows a held-out contact unless the workflow is transactional', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(isHeldOut(input.program.holdout, input.contactKey));
        const decision = decideSend(input);
        if (isTransactional(input.program, input.request))
          expect(decision).not.toMatchObject({ reason: 'holdout' });
        else expect(decision.decision).not.toBe('allow');
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  it('(e) allows an SMS only inside the recipient local window, and defers to its start', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(input.request.channel === 'sms');
        const { start, end } = input.program.quietHours;
        const inWindow = (at: Date) => {
          const p = localParts(at, input.timeZone);
          const time = hhmm(p.hour * 60 + p.minute);
          return time >= start && time < end;
        };
        const decision = decideSend(input);
        if (decision.decision === 'allow') expect(inWindow(input.now)).toBe(true);
        if (decision.decision === 'defer') {
          const until = new Date(decision.until);
          expect(until.getTime()).toBeGreaterThan(input.now.getTime());
          expect(inWindow(until)).toBe(true);
          expect(until.getTime() - input.now.getTime()).toBeLessThanOrEqual(25 * HOUR_MS);
        }
      }),
      RUNS,
    );
  });

  it('(f) never suppresses a transactional send for caps or holdout', () => {
    fc.assert(
      fc.property(inputArb, (generated) => {
        const input = {
          ...generated,
          request: { ...generated.request, workflowId: 'tx', campaignId: undefined },
        };
        expect(['cap', 'holdout']).not.toContain((decideSend(input) as { reason?: string }).reason);
      }),
      RUNS,
    );
  });
});
