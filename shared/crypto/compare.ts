import { createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time string comparison; unequal lengths compare false without leaking where they differ. */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = Buffer.isBuffer(a) ? a : Buffer.from(a);
  const right = Buffer.isBuffer(b) ? b : Buffer.from(b);
  if (left.length !== right.length) {
    // Compare against itself so timing does not depend on where the lengths differ.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export function hmac(algorithm: 'sha1' | 'sha256', key: string | Buffer, data: string | Buffer): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/** Fails when `timestampSeconds` is more than `toleranceSeconds` away from `now`, either way. */
export function withinWindow(timestampSeconds: number, now: Date, toleranceSeconds = 300): boolean {
  if (!Number.isFinite(timestampSeconds)) return false;
  return Math.abs(now.getTime() / 1000 - timestampSeconds) <= toleranceSeconds;
}
