import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { holdoutBucket, isHeldOut } from '../../../shared/governance/holdout.js';

const KEYS = Array.from({ length: 100_000 }, (_, i) => `+1212${String(i).padStart(7, '0')}`);

describe('Function: holdoutBucket', () => {
  it('is the first 48 bits of SHA-256 over the framed salt and key, scaled to [0, 1)', () => {
    // Pinned: changing the hash would silently move contacts between holdout and treatment.
    const digest = createHash('sha256').update('["demo-2026","+14155550123"]').digest();
    expect(holdoutBucket('demo-2026', '+14155550123')).toBe(digest.readUIntBE(0, 6) / 2 ** 48);
  });

  it('gives the same bucket every time for the same salt and key', () => {
    const first = KEYS.slice(0, 1000).map((key) => holdoutBucket('demo-2026', key));
    const again = KEYS.slice(0, 1000).map((key) => holdoutBucket('demo-2026', key));
    expect(again).toEqual(first);
  });

  it('stays in [0, 1)', () => {
    const buckets = KEYS.slice(0, 10_000).map((key) => holdoutBucket('s', key));
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(1);
  });

  it('keeps salt and key apart ("ab"+"c" is not "a"+"bc")', () => {
    expect(holdoutBucket('ab', 'c')).not.toBe(holdoutBucket('a', 'bc'));
  });
});

describe('Function: isHeldOut', () => {
  it.each([0.01, 0.05, 0.1, 0.25, 0.5])('holds out a share of 100k contacts close to the rate %f', (rate) => {
    // Prepare / Act
    const heldOut = KEYS.filter((key) => isHeldOut({ rate, salt: 'demo-2026' }, key)).length / KEYS.length;
    // Assess: within 5 standard errors of a binomial share (about 0.0016 at 10%).
    const tolerance = 5 * Math.sqrt((rate * (1 - rate)) / KEYS.length);
    expect(Math.abs(heldOut - rate)).toBeLessThan(tolerance);
  });

  it('holds out nobody at rate 0', () => {
    expect(KEYS.slice(0, 10_000).some((key) => isHeldOut({ rate: 0, salt: 'none' }, key))).toBe(false);
  });

  it('only adds members when the rate goes up (nobody held out at 5% is released at 10%)', () => {
    const at5 = KEYS.filter((key) => isHeldOut({ rate: 0.05, salt: 's' }, key));
    expect(at5.every((key) => isHeldOut({ rate: 0.1, salt: 's' }, key))).toBe(true);
  });

  it('draws a different, independent group for another salt', () => {
    const a = new Set(KEYS.filter((key) => isHeldOut({ rate: 0.1, salt: 'demo-2026' }, key)));
    const b = KEYS.filter((key) => isHeldOut({ rate: 0.1, salt: 'growth-2026' }, key));
    const both = b.filter((key) => a.has(key)).length / KEYS.length;
    // Independent draws overlap at about 10% x 10% = 1%.
    expect(both).toBeGreaterThan(0.008);
    expect(both).toBeLessThan(0.012);
  });
});
