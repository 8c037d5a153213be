import { describe, expect, it } from 'vitest';
import { redactPhones } from '../../../shared/observability/powertools.js';

describe('Function: redactPhones', () => {
  it('keeps only the country code and last two digits of every E.164 number in a log string', () => {
    expect(redactPhones('k', 'from +14155550123 to +447700900123')).toBe('from +1…23 to +4…23');
  });
  it('leaves other values alone', () => {
    expect(redactPhones('k', 42)).toBe(42);
    expect(redactPhones('k', 'order 12345')).toBe('order 12345');
  });
});
