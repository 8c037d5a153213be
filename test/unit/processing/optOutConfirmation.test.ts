import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../events/index.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { processEvent } from '../../../shared/processing/processEvent.js';
import { memorySendPorts } from '../../support/memoryPorts.js';

const config = loadConfigFile('config/example.json');
const demo = config.programs.demo!; // opt-outs apply to every program (scope all)
const newsletter = config.programs.newsletter!; // opt-outs apply to that program only
const PHONE = '+12125550177';
const clock = new Date('2026-11-25T15:00:00Z');

function stop(to: string, ref: string) {
  return canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: ref,
      occurredAt: new Date(clock.getTime() + Number(ref.slice(-1)) * 60_000).toISOString(),
      channel: 'sms',
      messageId: ref,
      phone: PHONE,
      from: PHONE,
      to,
      body: 'STOP',
    },
    clock,
  );
}

describe('Use case: an opt-out is confirmed once, and never to someone already opted out', () => {
  it('confirms a STOP to the program-wide sender, then not a second STOP to another program', async () => {
    const ports = memorySendPorts(config, () => clock);

    await processEvent(stop(demo.from, 'SMstop1'), ports);
    // Already opted out of everything: the newsletter's number must not text back.
    await processEvent(stop(newsletter.from, 'SMstop2'), ports);

    const replies = ports.outbox.filter((sms) => sms.idempotencyKey.startsWith('reply:'));
    expect(replies.map((sms) => [sms.from, sms.body])).toEqual([[demo.from, demo.optOutConfirmation]]);
  });

  it("confirms a program's own opt-out when only another program's opt-out is in force", async () => {
    const ports = memorySendPorts(config, () => clock);

    await processEvent(stop(newsletter.from, 'SMstop1'), ports);
    // The newsletter opt-out does not cover the demo program: its STOP is a first opt-out.
    await processEvent(stop(demo.from, 'SMstop2'), ports);

    const replies = ports.outbox.filter((sms) => sms.idempotencyKey.startsWith('reply:'));
    expect(replies.map((sms) => sms.from)).toEqual([newsletter.from, demo.from]);
  });
});
