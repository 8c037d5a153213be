import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../../events/index.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { consentQuery, currentConsent, mayMessage } from '../../../shared/consent/consentState.js';
import { auditSends } from '../../../shared/governance/audit.js';
import { localDate, localParts, minutesOfDay } from '../../../shared/governance/localTime.js';
import { isTransactional } from '../../../shared/governance/sendGate.js';
import { timeZoneForPhone } from '../../../shared/governance/timeZones.js';
import { VendorRejectedError } from '../../../shared/messaging/smsSender.js';
import { processEvent } from '../../../shared/processing/processEvent.js';
import { releaseDeferred } from '../../../shared/sending/releaseDeferred.js';
import { type SendOutcome, sendMessage } from '../../../shared/sending/sendMessage.js';
import { type FakeSms, type MemoryPorts, memorySendPorts } from '../../support/memoryPorts.js';

/**
 * The whole pipeline (events processor + send gate + ledgers) driven by random sequences of
 * inbound texts, send requests, deferred releases, carrier blocks and clock jumps, over a few
 * contacts in zones with whole, half- and quarter-hour offsets, under the checked-in config.
 * After every step the sends so far must respect consent, caps and quiet hours, recomputed
 * here from the outbox and the ledger, not from the gate's answers.
 */
const config = loadConfigFile('config/example.json');
const CONTACTS = [
  '+12125550123', // New York
  '+9779812345678', // Kathmandu, UTC+5:45
  '+17095550123', // St. John's, UTC-3:30 / -2:30
  '+61412345678', // Sydney (southern-hemisphere DST)
  '+919812345678', // Kolkata, UTC+5:30 (in demo's holdout)
];
const PROGRAM_IDS = Object.keys(config.programs);
const TARGETS = Object.entries(config.programs).flatMap(([programId, program]) => [
  ...Object.keys(program.workflows).map((workflowId) => ({ programId, workflowId })),
  ...Object.keys(program.campaigns).map((campaignId) => ({ programId, campaignId })),
]);

const STANDARD_STOP = [
  'STOP',
  ' stop ',
  'Stop.',
  'STOPALL',
  'unsubscribe',
  'CANCEL',
  'end',
  'Quit',
  'OPT-OUT',
  'TD',
];
const PLAIN_STOP = ['please stop texting me', 'remove me from this list', 'no más mensajes', 'BAJA', 'PARAR'];
const START = ['START', 'yes', 'UNSTOP', 'Alta'];
const HELP = ['HELP', 'info', 'AYUDA'];
const CHATTER = ["please don't stop", 'stop by tomorrow', 'Can we talk tomorrow?'];

type Step =
  | { kind: 'inbound'; contact: number; programId: string; text: string }
  | { kind: 'send'; contact: number; target: number; body: string; requestId: string | undefined }
  | { kind: 'release' }
  | { kind: 'advance'; minutes: number }
  | { kind: 'carrierBlock'; contact: number };

const contactArb = fc.integer({ min: 0, max: CONTACTS.length - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('inbound' as const),
      contact: contactArb,
      programId: fc.constantFrom(...PROGRAM_IDS),
      text: fc.oneof(
        fc.constantFrom(...STANDARD_STOP, ...PLAIN_STOP),
        fc.constantFrom(...START),
        fc.constantFrom(...START),
        fc.constantFrom(...START),
        fc.constantFrom(...HELP, ...CHATTER),
        fc.string({ maxLength: 30 }),
      ),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      contact: contactArb,
      target: fc.integer({ min: 0, max: TARGETS.length - 1 }),
      body: fc.oneof(
        fc.string({ minLength: 1, maxLength: 120 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      ),
      // Now and then a client-chosen idempotency key, reused across requests.
      requestId: fc.oneof(
        { weight: 9, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('retried-request-1', 'retried-request-2') },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'release' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.oneof(
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 120 }) },
        fc.integer({ min: 2, max: 48 }).map((h) => h * 60),
        fc.integer({ min: 1, max: 4 }).map((d) => d * 1440),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('carrierBlock' as const), contact: contactArb }) },
);

/** Anywhere in 2026, so DST changes in both hemispheres get crossed. */
const startArb = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => ms - (ms % 60_000));
/** Some contacts opted in before the story starts, so sends get past consent often enough to meet the other rules. */
const scenarioArb = fc
  .record({
    start: startArb,
    optedIn: fc.subarray([...CONTACTS.keys()]),
    steps: fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' }),
  })
  .map(({ start, optedIn, steps }) => ({
    start,
    steps: [
      ...optedIn.map((contact): Step => ({ kind: 'inbound', contact, programId: 'demo', text: 'START' })),
      ...steps,
    ].slice(0, 40),
  }));

type Sent = Extract<CanonicalEvent, { type: 'message.sent' }>;

interface Run {
  outcomes: Array<SendOutcome | SendOutcome[] | null>;
  outbox: FakeSms[];
  events: CanonicalEvent[];
}

/** What the events queue and the processor do: process everything enqueued, in order. */
async function drain(ports: MemoryPorts, from: { index: number }): Promise<void> {
  while (from.index < ports.queue.sent.length) {
    const event = ports.queue.sent[from.index]!;
    from.index += 1;
    await processEvent(event, ports);
  }
}

function inboundEvent(step: Extract<Step, { kind: 'inbound' }>, index: number, now: Date): CanonicalEvent {
  const sid = `SM${index.toString(16).padStart(32, '0')}`;
  const from = CONTACTS[step.contact]!;
  return canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: sid,
      occurredAt: now.toISOString(),
      phone: from,
      channel: 'sms',
      messageId: sid,
      from,
      to: config.programs[step.programId]!.from,
      body: step.text,
      mediaUrls: [],
    },
    now,
  );
}

const programOfNumber = (number: string) =>
  Object.entries(config.programs).find(([, program]) => program.from === number);

async function consentSnapshot(ports: MemoryPorts) {
  return new Map(
    await Promise.all(CONTACTS.map(async (p) => [p, await ports.consent.history('sms', p)] as const)),
  );
}

/** The release job, then the send queue's consumer: each released request meets the gate again. */
async function release(ports: MemoryPorts): Promise<SendOutcome[]> {
  const released: SendOutcome[] = [];
  await releaseDeferred({
    deferred: ports.deferred,
    now: ports.now,
    enqueue: async (requests) => {
      for (const request of requests) released.push(await sendMessage(request, ports));
    },
  });
  return released;
}

/** When the earliest deferred send at or before `until` falls due. */
function nextTimer(ports: MemoryPorts, until: number): number | undefined {
  const due = [...ports.deferred.timers.values()].map((t) => Date.parse(t.until)).filter((t) => t <= until);
  return due.length > 0 ? Math.min(...due) : undefined;
}

/** Runs one scenario on fresh ports, checking the invariants after every step. */
async function run(start: number, steps: readonly Step[]): Promise<Run> {
  let clock = start;
  const ports = memorySendPorts(config, () => new Date(clock));
  const queued = { index: 0 };
  const blocked = new Set<string>();
  // A carrier-blocked number refuses everything, HELP replies included: processing must go on.
  const refuse = (message: { to: string; idempotencyKey: string }) =>
    blocked.has(message.to)
      ? new VendorRejectedError('twilio', 400, '21610', 'Attempt to send to unsubscribed recipient', true)
      : undefined;
  ports.senders.twilio.refuse = refuse;
  ports.senders.telnyx.refuse = refuse;
  const outcomes: Run['outcomes'] = [];

  for (const [index, step] of steps.entries()) {
    const consentBefore = await consentSnapshot(ports);
    const outboxBefore = ports.outbox.length;
    const now = new Date(clock);
    switch (step.kind) {
      case 'inbound': {
        if (START.includes(step.text)) blocked.delete(CONTACTS[step.contact]!);
        const event = inboundEvent(step, index, now);
        await ports.events.record(event);
        await ports.queue.enqueue([event]);
        await ports.events.markEnqueued([{ event, created: true }]);
        outcomes.push(null);
        break;
      }
      case 'send': {
        const { programId, ...target } = TARGETS[step.target]!;
        const request = { to: CONTACTS[step.contact]!, programId, ...target, body: step.body };
        outcomes.push(
          await sendMessage(step.requestId ? { ...request, requestId: step.requestId } : request, ports),
        );
        break;
      }
      case 'release':
        outcomes.push(await release(ports));
        break;
      case 'advance': {
        // The minutely release job: every timer that falls due on the way fires at its time.
        const target = clock + step.minutes * 60_000;
        const released: SendOutcome[] = [];
        for (let next = nextTimer(ports, target); next !== undefined; next = nextTimer(ports, target)) {
          clock = Math.max(clock, next);
          released.push(...(await release(ports)));
          await drain(ports, queued);
        }
        clock = target;
        outcomes.push(released);
        break;
      }
      case 'carrierBlock':
        blocked.add(CONTACTS[step.contact]!);
        outcomes.push(null);
        break;
    }
    await drain(ports, queued);
    checkStep(step, ports, ports.outbox.slice(outboxBefore), consentBefore, await consentSnapshot(ports));
    clock += 1000; // every step at its own instant
  }
  checkCapsAndQuietHours(ports);
  return { outcomes, outbox: ports.outbox, events: [...ports.events.items.values()].map((i) => i.event) };
}

/** Gated sends in the order the vendor took them (sends released together share an instant). */
function sentEvents(ports: MemoryPorts): Sent[] {
  const order = new Map(ports.outbox.map((sms, i) => [sms.vendorMessageId, i]));
  return [...ports.events.items.values()]
    .map((i) => i.event)
    .filter((e): e is Sent => e.type === 'message.sent')
    .sort((a, b) => (order.get(a.messageId) ?? -1) - (order.get(b.messageId) ?? -1));
}

type History = Awaited<ReturnType<typeof consentSnapshot>>;

/** (a) consent, and only the allowed auto-replies outside the gate. */
function checkStep(step: Step, ports: MemoryPorts, fresh: FakeSms[], before: History, after: History): void {
  for (const sms of fresh) {
    const history = before.get(sms.to) ?? [];
    if (sms.idempotencyKey.startsWith('reply:')) {
      // HELP's text or the one opt-out confirmation, only as the answer to a text.
      expect(step.kind).toBe('inbound');
      const [programId, program] = programOfNumber(sms.from)!;
      expect([program.helpText, program.optOutConfirmation]).toContain(sms.body);
      if (sms.body === program.optOutConfirmation) {
        expect(currentConsent(history, consentQuery(programId, program)).status).not.toBe('opted_out');
      }
      continue;
    }
    const sent = sentEvents(ports).filter((e) => e.messageId === sms.vendorMessageId);
    expect(sent).toHaveLength(1);
    const programId = sent[0]!.programId!;
    const program = config.programs[programId]!;
    const state = currentConsent(history, consentQuery(programId, program));
    expect(mayMessage(state, program), `sent to ${sms.to} for ${programId} while ${state.status}`).toBe(true);
  }
  // The ledger says what the contact asked for, whichever program's number they texted.
  if (step.kind === 'inbound') {
    const phone = CONTACTS[step.contact]!;
    const program = config.programs[step.programId]!;
    const state = currentConsent(after.get(phone) ?? [], consentQuery(step.programId, program));
    const demoOnly = ['BAJA', 'PARAR', 'Alta'].includes(step.text) && step.programId !== 'demo';
    if (!demoOnly && [...STANDARD_STOP, ...PLAIN_STOP].includes(step.text))
      expect(state.status).toBe('opted_out');
    if (!demoOnly && START.includes(step.text)) expect(state.status).toBe('opted_in');
  }
}

const zoneOf = (phone: string) => timeZoneForPhone(phone) ?? config.defaultTimeZone;

/** (b) no window holds more sends than its caps allow; (c) no send outside the local window. */
function checkCapsAndQuietHours(ports: MemoryPorts): void {
  const sends = sentEvents(ports);
  for (const [i, send] of sends.entries()) {
    const program = config.programs[send.programId!]!;
    const zone = zoneOf(send.to);
    const at = new Date(send.occurredAt);
    const local = localParts(at, zone);
    const minute = local.hour * 60 + local.minute;
    // Transactional sends too: they may skip caps and holdout, never quiet hours.
    const where = `${send.to} at ${send.occurredAt} (${zone})`;
    expect(minute, where).toBeGreaterThanOrEqual(minutesOfDay(program.quietHours.start));
    expect(minute, where).toBeLessThan(minutesOfDay(program.quietHours.end));

    if (isTransactional(program, { workflowId: send.workflowId })) continue;
    const upTo = sends.slice(0, i + 1).filter((s) => s.to === send.to);
    const workflow = send.workflowId ? program.workflows[send.workflowId] : undefined;
    const caps = [
      ...config.globalCaps.map((cap) => ({ cap, scope: (_: Sent) => true })),
      ...program.caps.map((cap) => ({ cap, scope: (s: Sent) => s.programId === send.programId })),
      ...(workflow?.caps ?? []).map((cap) => ({
        cap,
        scope: (s: Sent) => s.programId === send.programId && s.workflowId === send.workflowId,
      })),
    ];
    for (const { cap, scope } of caps) {
      const inWindow = upTo.filter((s) => {
        if (!scope(s)) return false;
        if (cap.window.kind === 'calendar_day')
          return localDate(new Date(s.occurredAt), zone) === localDate(at, zone);
        return Date.parse(s.occurredAt) >= at.getTime() - cap.window.hours * 3_600_000;
      });
      expect(
        inWindow.length,
        `${JSON.stringify(cap)} for ${send.to} at ${send.occurredAt}`,
      ).toBeLessThanOrEqual(cap.max);
    }
  }
}

describe('Property: the governed messaging pipeline', () => {
  it('never texts against consent, over a cap, or in quiet hours; is deterministic; and the audit agrees', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ start, steps }) => {
        const first = await run(start, steps);
        const second = await run(start, steps);

        // (d) the same sequence gives the same answers, the same texts and the same events.
        expect(second.outcomes).toEqual(first.outcomes);
        expect(second.outbox).toEqual(first.outbox);
        expect(second.events).toEqual(first.events);

        // The audit, from the events alone, finds nothing the gate let slip.
        const report = auditSends(first.events, config);
        expect(report.breaches).toEqual([]);
        expect(report.checked.sends).toBe(first.events.filter((e) => e.type === 'message.sent').length);
      }),
      { numRuns: 100 },
    );
  });
});
