import { describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../events/index.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { isHeldOut } from '../../../shared/governance/holdout.js';
import { processEvent } from '../../../shared/processing/processEvent.js';
import { releaseDeferred } from '../../../shared/sending/releaseDeferred.js';
import { sendMessage } from '../../../shared/sending/sendMessage.js';
import type { SendRequest } from '../../../shared/sending/sendRequest.js';
import { memorySendPorts } from '../../support/memoryPorts.js';

const config = loadConfigFile('config/example.json');
const demo = config.programs.demo!;
/** A New York number outside the demo holdout (the rate is 10%, the bucket is stable). */
const PHONE = ['+12125550101', '+12125550102', '+12125550103', '+12125550104'].find(
  (p) => !isHeldOut(demo.holdout, p),
)!;

describe('Use case: a send deferred past quiet hours goes out when the window opens', () => {
  it('defers at 23:00 New York, releases nothing at 07:59 and sends at 08:00 local', async () => {
    // 23:00 EST on 2026-11-24 is 04:00 UTC on the 25th.
    let clock = new Date('2026-11-25T04:00:00Z');
    const ports = memorySendPorts(config, () => clock);
    const start = canonicalEvent(
      {
        type: 'message.received',
        source: 'twilio',
        vendorRef: 'SMstart',
        occurredAt: new Date('2026-11-25T03:00:00Z').toISOString(),
        channel: 'sms',
        messageId: 'SMstart',
        phone: PHONE,
        from: PHONE,
        to: demo.from,
        body: 'START',
      },
      clock,
    );
    await processEvent(start, ports);

    const request = {
      to: PHONE,
      programId: 'demo',
      campaignId: 'spring-sale',
      body: 'Spring sale starts now',
    };
    const first = await sendMessage(request, ports);
    expect(first).toMatchObject({
      decision: 'defer',
      reason: 'quiet_hours',
      until: '2026-11-25T13:00:00.000Z',
    });

    const queued: Array<SendRequest & { requestId: string }> = [];
    const enqueue = async (requests: ReadonlyArray<SendRequest & { requestId: string }>) => {
      queued.push(...requests);
    };
    clock = new Date('2026-11-25T12:59:00Z');
    expect(await releaseDeferred({ deferred: ports.deferred, enqueue, now: () => clock })).toEqual({
      released: 0,
    });

    clock = new Date('2026-11-25T13:00:00Z');
    expect(await releaseDeferred({ deferred: ports.deferred, enqueue, now: () => clock })).toEqual({
      released: 1,
    });
    expect(await releaseDeferred({ deferred: ports.deferred, enqueue, now: () => clock })).toEqual({
      released: 0,
    });

    const released = await sendMessage(queued[0], ports);
    expect(released).toMatchObject({ decision: 'allow', requestId: first.requestId });
    expect(ports.outbox.map((m) => m.to)).toEqual([PHONE]);
  });
});
