import { afterEach, describe, expect, it } from 'vitest';
import {
  isSimulatedTime,
  LOCAL_STACK_MARKER,
  now,
  SimulatedClockRefusedError,
  setSimulatedTime,
  simulatedTimeAllowed,
} from '../../../shared/runtime/clock.js';

const saved = { fn: process.env.AWS_LAMBDA_FUNCTION_NAME, marker: process.env[LOCAL_STACK_MARKER] };
afterEach(() => {
  setSimulatedTime(undefined);
  for (const [name, value] of [
    ['AWS_LAMBDA_FUNCTION_NAME', saved.fn],
    [LOCAL_STACK_MARKER, saved.marker],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('Function: now (the simulated clock)', () => {
  it('is the wall clock until a simulated time is set, and again after it is cleared', () => {
    const before = Date.now();
    expect(now().getTime()).toBeGreaterThanOrEqual(before);
    expect(isSimulatedTime()).toBe(false);

    setSimulatedTime(new Date('2026-10-01T15:00:00Z'));
    expect(now().toISOString()).toBe('2026-10-01T15:00:00.000Z');
    expect(isSimulatedTime()).toBe(true);

    setSimulatedTime(undefined);
    expect(now().getTime()).toBeGreaterThanOrEqual(before);
  });

  it('hands out copies: a caller changing its Date does not move the clock', () => {
    setSimulatedTime(new Date('2026-10-01T15:00:00Z'));
    now().setUTCFullYear(2000);
    expect(now().toISOString()).toBe('2026-10-01T15:00:00.000Z');
  });

  it('refuses to move time inside a real Lambda', () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'sms-revenue-send';
    delete process.env[LOCAL_STACK_MARKER];

    expect(simulatedTimeAllowed()).toBe(false);
    expect(() => setSimulatedTime(new Date('2026-10-01T15:00:00Z'))).toThrow(SimulatedClockRefusedError);
    expect(isSimulatedTime()).toBe(false);
  });

  it("allows it where the local runner's marker is set, and refuses an invalid date", () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'sendMessage';
    process.env[LOCAL_STACK_MARKER] = '1';

    expect(() => setSimulatedTime(new Date('2026-10-01T15:00:00Z'))).not.toThrow();
    expect(() => setSimulatedTime(new Date('not a date'))).toThrow(RangeError);
  });
});
