import { randomUUID } from 'node:crypto';
import { isClaimable, type SendRequestLedger, type SendRequestState } from './sendRequestLedger.js';

/**
 * How long a copy may hold a request before another copy may take over: far beyond a send's
 * own budget (two vendor tries of 4 s), so only a crashed holder ever loses its claim.
 */
export const REQUEST_LEASE_MS = 60_000;

/** What a claim attempt came to: this copy holds the request, or another copy settled it. */
export type ClaimOutcome =
  | { held: true; claim: string; previous?: SendRequestState }
  | { held: false; settled: SendRequestState };

/** Another copy still holds the request after the wait: the caller retries later with the same id. */
export class RequestInFlightError extends Error {
  constructor(readonly requestId: string) {
    super(`request ${requestId} is being sent by another copy right now; retry with the same requestId`);
    this.name = 'RequestInFlightError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims the request for this copy, or follows the copy that holds it until that copy settles
 * it (a decision, a message id, a refusal), up to `waitMs` of real time.
 */
export async function claimRequest(
  ledger: SendRequestLedger,
  requestId: string,
  options: { now: () => Date; waitMs: number },
): Promise<ClaimOutcome> {
  const claim = randomUUID();
  const deadline = Date.now() + options.waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    const now = options.now();
    const result = await ledger.claim(requestId, claim, now, REQUEST_LEASE_MS);
    if (result.won) return { held: true, claim, previous: result.previous };
    const { current } = result;
    const inFlight = current.state === 'deciding' || current.state === 'sending';
    if (!inFlight && !isClaimable(current, now)) return { held: false, settled: current };
    if (Date.now() >= deadline) throw new RequestInFlightError(requestId);
    // Settled into a claimable state meanwhile (reserved, deferral over): the next try takes it.
    if (inFlight) await sleep(pause * (0.5 + Math.random()));
  }
}
