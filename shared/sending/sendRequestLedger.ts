import { z } from 'zod';

/**
 * Where one send request stands. A request is claimed by one copy (`deciding`), fenced before
 * the vendor is called (`sending`), then settled; every other copy answers from the settled
 * state, so one request is one message however many copies arrive.
 */
export const SendRequestStateSchema = z.discriminatedUnion('state', [
  /** A copy holds the request and is deciding it; `leaseUntil` bounds a crashed holder. */
  z.object({ state: z.literal('deciding'), claim: z.string(), leaseUntil: z.string() }),
  /** The holder is calling the vendor: a copy taking over after the lease cannot know the outcome. */
  z.object({ state: z.literal('sending'), claim: z.string(), leaseUntil: z.string() }),
  /** Allowed and counted against the caps, but the vendor was unavailable: the next copy delivers it. */
  z.object({ state: z.literal('reserved'), at: z.string() }),
  /** Deferred past quiet hours: copies answer the deferral until `until`, then the request is decided again. */
  z.object({ state: z.literal('deferred'), until: z.string(), at: z.string() }),
  z.object({
    state: z.literal('suppressed'),
    reason: z.enum(['consent', 'cap', 'quiet_hours', 'collision', 'holdout']),
    at: z.string(),
  }),
  z.object({ state: z.literal('sent'), vendorMessageId: z.string(), at: z.string() }),
  /** The vendor refused it for good: never resent. */
  z.object({
    state: z.literal('rejected'),
    code: z.string().optional(),
    message: z.string(),
    at: z.string(),
  }),
  /** The vendor may have taken it but we could not confirm: never resent blindly. */
  z.object({ state: z.literal('unconfirmed'), message: z.string(), at: z.string() }),
]);
export type SendRequestState = z.infer<typeof SendRequestStateSchema>;
export type HeldState = Extract<SendRequestState, { state: 'deciding' | 'sending' }>;

export type ClaimResult =
  | { won: true; previous?: SendRequestState }
  | { won: false; current: SendRequestState };

/**
 * One record per send request (API request, send-queue message, deferred release, HELP or
 * opt-out reply). `claim` is the atomic step: of any number of concurrent copies, one wins.
 */
export interface SendRequestLedger {
  find(requestId: string): Promise<SendRequestState | undefined>;
  /** Takes the request for `claim` when {@link isClaimable} at `now`; else returns who has it. */
  claim(requestId: string, claim: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  /** Moves a request held by `claim` on; false when the claim was lost (its lease ran out and a copy took over). */
  settle(requestId: string, claim: string, next: SendRequestState): Promise<boolean>;
}

/**
 * Whether a copy arriving at `now` may take the request: nobody has it yet, it was reserved but
 * not delivered, its deferral has ended, or its holder's lease ran out (a crashed copy).
 */
export function isClaimable(current: SendRequestState | undefined, now: Date): boolean {
  if (!current || current.state === 'reserved') return true;
  const at = now.toISOString();
  if (current.state === 'deferred') return current.until <= at;
  if (current.state === 'deciding' || current.state === 'sending') return current.leaseUntil <= at;
  return false;
}

export const heldState = (
  state: HeldState['state'],
  claim: string,
  now: Date,
  leaseMs: number,
): HeldState => ({ state, claim, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() });
