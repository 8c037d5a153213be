import { safeEqual } from '../crypto/compare.js';
import type { VendorSecrets } from '../secrets/vendorSecrets.js';
import { UnauthorizedError } from './errors.js';

/** Ops endpoints take the `x-api-key` header; with no key configured they refuse everyone. */
export function requireApiKey(headers: Record<string, string>, secrets: VendorSecrets): void {
  const offered = headers['x-api-key'];
  if (!secrets.API_KEY) throw new UnauthorizedError('API_KEY is not configured');
  if (!offered || !safeEqual(offered, secrets.API_KEY))
    throw new UnauthorizedError('missing or wrong x-api-key');
}
