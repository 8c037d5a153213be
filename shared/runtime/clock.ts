/**
 * The one "now" of the running system. In AWS it is the wall clock, always. On a laptop the
 * simulated world (infra/local/simulator/world) may set it, so a 30-day world runs in a minute
 * while every handler, the send gate, the fake vendor and the local schedules agree on the time.
 *
 * Setting it is refused inside a real Lambda (AWS_LAMBDA_FUNCTION_NAME is set there and the local
 * runner never sets it) unless the local runner's marker says this process is the laptop stack:
 * production time must never be movable.
 */

/** Set by startLocalStack; the local runner's handlers run in-process, never in a real Lambda. */
export const LOCAL_STACK_MARKER = 'SMS_REVENUE_LOCAL_STACK';

let simulated: number | undefined;

/** The current time: the simulated instant when one is set (local mode), else the wall clock. */
export function now(): Date {
  return simulated === undefined ? new Date() : new Date(simulated);
}

export class SimulatedClockRefusedError extends Error {
  constructor() {
    super('the simulated clock is for the local stack only; refusing to move time inside a Lambda');
    this.name = 'SimulatedClockRefusedError';
  }
}

/** True where moving time is allowed: anywhere but a real Lambda (tests, scripts, the local stack). */
export function simulatedTimeAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.AWS_LAMBDA_FUNCTION_NAME || env[LOCAL_STACK_MARKER] === '1';
}

/** Sets the simulated instant (local mode only); `undefined` returns to the wall clock. */
export function setSimulatedTime(at: Date | undefined): void {
  if (at !== undefined && !simulatedTimeAllowed()) throw new SimulatedClockRefusedError();
  if (at !== undefined && Number.isNaN(at.getTime()))
    throw new RangeError('simulated time is not a valid date');
  simulated = at?.getTime();
}

/** True while a simulated instant is set. */
export function isSimulatedTime(): boolean {
  return simulated !== undefined;
}
