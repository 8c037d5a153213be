import { createHash } from 'node:crypto';

export interface HoldoutConfig {
  /** Share of contacts held out, 0–0.5. */
  rate: number;
  /** Per-program salt: a new salt re-draws the whole holdout. */
  salt: string;
}

const TWO_POW_48 = 2 ** 48;

/**
 * A contact's position in [0, 1) for a program: the first 48 bits of SHA-256 over the salt and
 * the contact key. Stable across processes and releases (no state, no Math.random), so the
 * same contact is always in or always out, and the lift job can recompute who was held out.
 */
export function holdoutBucket(salt: string, contactKey: string): number {
  // JSON array framing keeps ("ab","c") and ("a","bc") apart.
  const digest = createHash('sha256')
    .update(JSON.stringify([salt, contactKey]))
    .digest();
  return digest.readUIntBE(0, 6) / TWO_POW_48;
}

/** True when the contact is in the program's holdout group (bucket below the rate). */
export function isHeldOut(holdout: HoldoutConfig, contactKey: string): boolean {
  return holdout.rate > 0 && holdoutBucket(holdout.salt, contactKey) < holdout.rate;
}
