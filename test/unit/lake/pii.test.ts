import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashPii,
  hashPiiOrNull,
  MissingPiiSaltError,
  normalizePii,
  redactEmbeddedPii,
  requirePiiSalt,
} from '../../../shared/lake/pii.js';

const SALT = 'test-salt-0123456789abcdef';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Function: hashPii', () => {
  it('is the hex SHA-256 of the salt followed by the normalized value', () => {
    expect(hashPii(SALT, '+14155550100')).toBe(sha256(`${SALT}+14155550100`));
    expect(hashPii(SALT, '+14155550100')).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['+1 (415) 555-0100', '+14155550100'],
    ['14155550100', '+14155550100'],
    ['  +44 7700 900456 ', '+447700900456'],
    [' Maria.Garcia@Acme-Corp.com ', 'maria.garcia@acme-corp.com'],
    ['72345', '72345'],
    ['ACME', 'ACME'],
  ])('hashes %j as %j', (raw, normalized) => {
    expect(normalizePii(raw)).toBe(normalized);
    expect(hashPii(SALT, raw)).toBe(hashPii(SALT, normalized));
  });

  it('gives another hash under another salt', () => {
    expect(hashPii(SALT, '+14155550100')).not.toBe(hashPii(`${SALT}x`, '+14155550100'));
  });

  it.each([[undefined], [''], ['short']])('refuses a salt of %j with a clear error', (salt) => {
    expect(() => hashPii(salt as string, '+14155550100')).toThrow(/LAKE_PII_SALT/);
    expect(() => requirePiiSalt(salt)).toThrow(/LAKE_PII_SALT/);
  });

  it('names the missing secret and where to set it', () => {
    expect(() => requirePiiSalt(undefined)).toThrow(MissingPiiSaltError);
    expect(() => requirePiiSalt(undefined)).toThrow(/secrets/);
  });

  it('keeps an absent value null', () => {
    expect(hashPiiOrNull(SALT, undefined)).toBeNull();
    expect(hashPiiOrNull(SALT, '')).toBeNull();
    expect(hashPiiOrNull(SALT, 'a@b.co')).toBe(hashPii(SALT, 'a@b.co'));
  });
});

describe('Function: redactEmbeddedPii', () => {
  it('replaces each embedded email and +number by its hash and keeps the rest of the text', () => {
    const text = "550 5.1.1 <Sam@Hooli.example>: rejected; the 'To' number +12125550147 is invalid";
    const redacted = redactEmbeddedPii(SALT, text);
    expect(redacted).toBe(
      `550 5.1.1 <sha256:${hashPii(SALT, 'sam@hooli.example')}>: rejected; the 'To' number sha256:${hashPii(SALT, '+12125550147')} is invalid`,
    );
  });

  it('redacts addresses inside URLs', () => {
    const redacted = redactEmbeddedPii(SALT, 'https://shop.example/x?email=maria@acme.com&p=+14155550123');
    expect(redacted).not.toMatch(/maria@acme\.com|\+14155550123/);
    expect(redacted).toContain('https://shop.example/x?email=sha256:');
  });

  it('redacts URL-encoded addresses to the hash of the decoded one', () => {
    const redacted = redactEmbeddedPii(SALT, '/renew?phone=%2B14155550123&email=maria%40acme.com');
    expect(redacted).toBe(
      `/renew?phone=sha256:${hashPii(SALT, '+14155550123')}&email=sha256:${hashPii(SALT, 'maria@acme.com')}`,
    );
  });

  it('leaves text without addresses unchanged', () => {
    const text = 'SM0123456789abcdef:delivered 2026-11-25T10:00:00Z order 1001';
    expect(redactEmbeddedPii(SALT, text)).toBe(text);
  });
});
