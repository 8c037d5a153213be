import { createHash } from 'node:crypto';
import { toE164 } from '../phone.js';

/**
 * Phone numbers and emails reach the lake only as salted SHA-256 hashes (raw values stay in
 * DynamoDB). The salt is the secret `LAKE_PII_SALT`: phone numbers are few enough (about 10^10
 * per country) that an unsalted hash is reversed by enumeration, so the salt must stay secret
 * and stable — changing it breaks every join on a hash across partitions written before.
 *
 * An analyst who knows the salt finds one number's rows with the same arithmetic in both
 * engines: DuckDB `sha256('<salt>' || '+14155550100')`, Athena
 * `lower(to_hex(sha256(to_utf8('<salt>' || '+14155550100'))))`.
 */
export class MissingPiiSaltError extends Error {
  constructor() {
    super(
      'LAKE_PII_SALT is not set: the lake export refuses to write phone numbers or emails unhashed. ' +
        'Add LAKE_PII_SALT to the vendor secrets (Secrets Manager in AWS, DATA_DIR/secrets.json or the env locally).',
    );
    this.name = 'MissingPiiSaltError';
  }
}

/** A salt shorter than this is guessable; the local one is 64 hex characters. */
export const MIN_SALT_LENGTH = 16;

/** The salt, or a clear error when it is missing or too short to protect anything. */
export function requirePiiSalt(salt: string | undefined): string {
  if (!salt) throw new MissingPiiSaltError();
  if (salt.length < MIN_SALT_LENGTH) {
    throw new Error(`LAKE_PII_SALT must be at least ${MIN_SALT_LENGTH} characters (got ${salt.length})`);
  }
  return salt;
}

const PHONE_LIKE = /^\+?[\d\s().-]+$/;

/**
 * The one spelling of an address that is hashed, so `+1 (415) 555-0100` and `+14155550100`, or
 * ` Maria@Acme.com` and `maria@acme.com`, give the same hash: emails trimmed and lower-cased,
 * phone numbers in E.164; anything else (a short code, an alphanumeric sender id) trimmed.
 */
export function normalizePii(value: string): string {
  const trimmed = value.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  if (!PHONE_LIKE.test(trimmed)) return trimmed;
  // A number libphonenumber does not know (a new range, a test number) still loses its spacing.
  return toE164(trimmed) ?? trimmed.replace(/[^\d+]/g, '');
}

/** Hex SHA-256 of salt + normalized value. */
export function hashPii(salt: string, value: string): string {
  return createHash('sha256')
    .update(requirePiiSalt(salt) + normalizePii(value))
    .digest('hex');
}

/** Optional fields stay null rather than becoming the hash of nothing. */
export function hashPiiOrNull(salt: string, value: string | undefined | null): string | null {
  return value ? hashPii(salt, value) : null;
}

// `%40` and `%2B` are `@` and `+` in a URL's query string.
const EMBEDDED_EMAIL =
  /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+/gi;
const EMBEDDED_E164 = /(?:\+|%2B)[1-9]\d{6,14}/gi;
const urlDecoded = (text: string) => text.replace(/%40/gi, '@').replace(/%2B/gi, '+');

/**
 * Free text a vendor or a contact wrote (an error message, a bounce reason, a URL, a vendor
 * reference) may quote an address: each embedded email or `+`-prefixed number (also URL-encoded)
 * is replaced by `sha256:<hash>`, so the text stays readable and the address still joins on its
 * hash. A national number without `+` in free text is not recognisable as one and stays.
 */
export function redactEmbeddedPii(salt: string, text: string): string {
  return text
    .replace(EMBEDDED_EMAIL, (match) => `sha256:${hashPii(salt, urlDecoded(match))}`)
    .replace(EMBEDDED_E164, (match) => `sha256:${hashPii(salt, urlDecoded(match))}`);
}
