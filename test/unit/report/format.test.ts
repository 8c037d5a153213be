import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../shared/report/escape.js';
import {
  formatCount,
  formatInterval,
  formatMoney,
  formatMoneyShort,
  formatPEquals,
  formatPoints,
  formatRate,
  formatRoi,
} from '../../../shared/report/format.js';

describe('Report formats', () => {
  it.each([
    [123_456, 'USD', '$1,234.56'],
    [-500, 'USD', '-$5.00'],
    [1234, 'JPY', '¥1,234'], // JPY has no minor unit
    [1234, 'BHD', 'BHD 1.234'], // three decimals
  ])('money %d %s -> %s', (minor, currency, expected) => {
    expect(formatMoney(minor, currency).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('drops cents for large short amounts and keeps them for small ones', () => {
    expect(formatMoneyShort(123_456, 'USD')).toBe('$1,235');
    expect(formatMoneyShort(1_050, 'USD')).toBe('$10.50');
  });

  it.each([
    [formatRate(0.1234), '12.3%'],
    [formatRate(0.0042), '0.42%'],
    [formatRate(0), '0.0%'],
    [formatRoi(1.25), '+125%'],
    [formatRoi(-0.4), '-40%'],
    [formatRoi(12.5), '+1,250%'],
    [formatPoints(0.021), '+2.1 pp'],
    [formatPoints(-0.0042), '-0.42 pp'],
    [formatCount(1234567), '1,234,567'],
    [formatInterval(0.01, 0.05, formatPoints), '+1.0 to +5.0 pp'],
    [formatInterval(-0.7, 0.3, formatRoi), '-70% to +30%'],
    [formatPEquals(0.00001), 'p < 0.0001'],
    [formatPEquals(0.0312), 'p = 0.0312'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('prints n/a for what is not known, never 0', () => {
    for (const text of [
      formatRate(null),
      formatRoi(null),
      formatMoney(null, 'USD'),
      formatCount(Number.NaN),
    ]) {
      expect(text).toBe('n/a');
    }
  });

  it('strips control characters before text reaches a terminal', () => {
    expect(terminalSafe('a\u001b[31mred\u0007')).toBe('a\uFFFD[31mred\uFFFD');
  });
});
