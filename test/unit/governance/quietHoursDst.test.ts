import { describe, expect, it } from 'vitest';
import { decideSend } from '../../../shared/governance/sendGate.js';
import { gateInput } from './gateFixtures.js';

/**
 * Quiet hours 08:00–21:00 (the default) for recipients across DST changes and in zones with
 * half- and quarter-hour offsets: the deferral must land on 08:00 on the recipient's clock.
 */
describe('Quiet hours across DST changes and odd offsets', () => {
  it.each([
    // zone, send instant (recipient local time in the comment), expected until
    ['America/New_York', '2026-03-08T04:00:00Z', '2026-03-08T12:00:00.000Z'], // 23:00 EST Mar 7 -> 08:00 EDT Mar 8 (spring forward)
    ['America/New_York', '2026-03-08T06:30:00Z', '2026-03-08T12:00:00.000Z'], // 01:30 EST, half an hour before the gap
    ['America/New_York', '2026-11-01T03:00:00Z', '2026-11-01T13:00:00.000Z'], // 23:00 EDT Oct 31 -> 08:00 EST Nov 1 (fall back)
    ['America/New_York', '2026-11-01T06:30:00Z', '2026-11-01T13:00:00.000Z'], // 01:30 EST, the repeated hour
    ['America/New_York', '2026-11-02T02:00:00Z', '2026-11-02T13:00:00.000Z'], // 21:00 EST on the 25-hour day
    ['Europe/London', '2026-03-28T23:00:00Z', '2026-03-29T07:00:00.000Z'], // 23:00 GMT -> 08:00 BST
    ['Europe/London', '2026-10-24T22:00:00Z', '2026-10-25T08:00:00.000Z'], // 23:00 BST -> 08:00 GMT
    ['Australia/Adelaide', '2026-10-03T13:30:00Z', '2026-10-03T21:30:00.000Z'], // 23:00 ACST (+9:30) -> 08:00 ACDT (+10:30)
    ['Australia/Adelaide', '2026-04-04T12:30:00Z', '2026-04-04T22:30:00.000Z'], // 23:00 ACDT -> 08:00 ACST
    ['America/St_Johns', '2026-03-08T02:30:00Z', '2026-03-08T10:30:00.000Z'], // 23:00 NST (-3:30) -> 08:00 NDT (-2:30)
    ['America/St_Johns', '2026-11-01T01:30:00Z', '2026-11-01T11:30:00.000Z'], // 23:00 NDT -> 08:00 NST
    ['Asia/Kolkata', '2026-06-10T02:00:00Z', '2026-06-10T02:30:00.000Z'], // 07:30 IST (+5:30) -> 08:00 IST
    ['Asia/Kolkata', '2026-06-10T17:30:00Z', '2026-06-11T02:30:00.000Z'], // 23:00 IST -> 08:00 IST
    ['Asia/Kathmandu', '2026-06-10T00:15:00Z', '2026-06-10T02:15:00.000Z'], // 06:00 NPT (+5:45) -> 08:00
    ['Asia/Kathmandu', '2026-06-10T15:15:00Z', '2026-06-11T02:15:00.000Z'], // 21:00 NPT -> 08:00 next day
  ])('in %s, a send at %s is deferred to %s', (timeZone, now, until) => {
    expect(decideSend(gateInput({ timeZone, now: new Date(now) }))).toEqual({
      decision: 'defer',
      reason: 'quiet_hours',
      until,
    });
  });

  it.each([
    ['America/New_York', '2026-03-08T12:00:00Z'], // 08:00 EDT on the spring-forward day
    ['America/New_York', '2026-11-02T01:59:00Z'], // 20:59 EST on the fall-back day
    ['Australia/Adelaide', '2026-10-03T21:30:00Z'], // 08:00 ACDT
    ['America/St_Johns', '2026-03-08T10:30:00Z'], // 08:00 NDT
    ['Asia/Kolkata', '2026-06-10T15:29:00Z'], // 20:59 IST
    ['Asia/Kathmandu', '2026-06-10T02:15:00Z'], // 08:00 NPT
  ])('in %s, a send at %s is inside the window', (timeZone, now) => {
    expect(decideSend(gateInput({ timeZone, now: new Date(now) }))).toEqual({ decision: 'allow' });
  });
});
