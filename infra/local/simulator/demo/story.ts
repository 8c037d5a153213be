import type { LocalStack } from '../../localStack.js';
import type { SignedRequest } from '../signers.js';

/** One vendor call of the demo: where it goes, what is sent, and when the fact it reports happened. */
export interface DemoStep {
  label: string;
  /** Path and query on the local stack, e.g. `/webhooks/sms/twilio?programId=growth`. */
  path: string;
  request: SignedRequest;
  /** The story time of the fact; steps are replayed in this order. */
  at: Date;
}

/** What a chapter of the story needs: the stack's public URL and secrets, and the story's clock. */
export interface StoryContext {
  stack: Pick<LocalStack, 'baseUrl' | 'secrets' | 'simulator'>;
  /** The moment the demo runs; signatures are dated now, facts are dated before it. */
  now: Date;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A moment `ms` before now, plus `plusSeconds` to space the events of one exchange. */
export function ago(now: Date, ms: number, plusSeconds = 0): Date {
  return new Date(now.getTime() - ms + plusSeconds * 1000);
}

export const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** `2026-11-25T15:04:05Z`: the second-precision UTC form several vendors use. */
export const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The first value of a comma-separated secret (a rotation may list several). */
export function firstSecret(value: string | undefined): string {
  return (value ?? '').split(',')[0]!.trim();
}
