import { describe, expect, it } from 'vitest';
import { attribute } from '../../../shared/attribution/attribute.js';
import {
  type CurrencyRates,
  CurrencyRatesSchema,
  convert,
  minorUnitDigits,
  UnknownCurrencyError,
} from '../../../shared/attribution/currency.js';
import { daysBefore, outcome, RULES, touch } from './builders.js';

// 1 EUR = 1.25 USD, 1 GBP = 1.5 USD, 1 JPY = 0.008 USD, 1 KWD = 3.25 USD.
const RATES: CurrencyRates = CurrencyRatesSchema.parse({
  base: 'USD',
  asOf: '2026-03-01',
  rates: { EUR: 1.25, GBP: 1.5, JPY: 0.008, KWD: 3.25 },
});

describe('Function: convert', () => {
  it.each([
    // 100.00 EUR x 1.25 = 125.00 USD
    [10_000, 'EUR', 'USD', 12_500],
    // 125.00 USD / 1.25 = 100.00 EUR
    [12_500, 'USD', 'EUR', 10_000],
    // 100.00 EUR x 1.25 / 1.5 = 83.333… GBP -> 8333 pence
    [10_000, 'EUR', 'GBP', 8333],
    // ¥5 000 (no minor unit) x 0.008 = 40.00 USD
    [5000, 'JPY', 'USD', 4000],
    // 40.00 USD / 0.008 = ¥5 000
    [4000, 'USD', 'JPY', 5000],
    // 1.000 KWD (3 decimals) x 3.25 = 3.25 USD
    [1000, 'KWD', 'USD', 325],
  ])('converts %d %s to %s: %d', (amount, from, to, expected) => {
    expect(convert(amount, from, to, RATES)).toBe(expected);
  });

  it('rounds half away from zero, for refunds too', () => {
    // 0.02 EUR x 1.25 = 0.025 USD -> 2.5 cents -> 3; and -3 for a refund.
    expect(convert(2, 'EUR', 'USD', RATES)).toBe(3);
    expect(convert(-2, 'EUR', 'USD', RATES)).toBe(-3);
  });

  it('returns the amount unchanged within one currency, even without a rate for it', () => {
    expect(convert(1234, 'CHF', 'CHF', RATES)).toBe(1234);
  });

  it('refuses a currency without a configured rate', () => {
    expect(() => convert(100, 'CHF', 'USD', RATES)).toThrow(UnknownCurrencyError);
    expect(() => convert(100, 'USD', 'CHF', RATES)).toThrow(/no configured rate for CHF/);
  });

  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('knows %s has %d minor-unit digits', (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });
});

describe('Function: attribute — multi-currency', () => {
  it('keeps credits in each outcome’s currency, and a report converts them afterwards', () => {
    // Prepare: one click credited by a 100.00 EUR order and a ¥5 000 order; linear over 2 touches.
    const touches = [
      touch({ touchEventId: 'evt_1', kind: 'click', messageId: 'SM1', at: daysBefore(3) }),
      touch({ touchEventId: 'evt_2', kind: 'click', messageId: 'SM2', at: daysBefore(2) }),
    ];
    const eur = outcome({ outcomeId: 'o-eur', outcomeType: 'order', amountMinor: 10_000, currency: 'EUR' });
    const jpy = outcome({ outcomeId: 'o-jpy', outcomeType: 'order', amountMinor: 5001, currency: 'JPY' });
    // Act
    const linear = attribute([eur, jpy], touches, RULES).filter((row) => row.model === 'linear');
    // Assess: EUR 5000 + 5000 cents; ¥2501 + ¥2500 (the odd yen to the earlier touch).
    expect(linear.map((row) => [row.outcomeId, row.creditedAmountMinor, row.currency])).toEqual([
      ['o-eur', 5000, 'EUR'],
      ['o-eur', 5000, 'EUR'],
      ['o-jpy', 2501, 'JPY'],
      ['o-jpy', 2500, 'JPY'],
    ]);
    // A USD report: 50.00 EUR = 62.50 USD; ¥2 501 = 20.008 USD -> 2001 cents, ¥2 500 = 20.00 USD.
    const perTouchUsd = linear.map((row) => convert(row.creditedAmountMinor!, row.currency!, 'USD', RATES));
    expect(perTouchUsd).toEqual([6250, 6250, 2001, 2000]);
  });
});
