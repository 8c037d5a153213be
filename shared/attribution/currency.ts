import { z } from 'zod';

/**
 * Configured exchange rates for reports. Credits always keep the outcome's own currency; a
 * report that adds EUR and USD converts first, with rates that are part of its config (and
 * printed with it), never fetched on the fly.
 *
 * `rates[X]` is how many units of `base` one unit of X is worth (the base itself is 1).
 *
 * @example {"base":"USD","asOf":"2026-01-01","rates":{"EUR":1.08,"GBP":1.27,"JPY":0.0064}}
 */
export const CurrencyRatesSchema = z.object({
  base: z.string().regex(/^[A-Z]{3}$/),
  asOf: z.string().optional(),
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
});
export type CurrencyRates = z.infer<typeof CurrencyRatesSchema>;

export class UnknownCurrencyError extends Error {
  override readonly name = 'UnknownCurrencyError';
}

const minorDigitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit (USD 2, JPY 0, KWD 3), from ISO 4217 data in ICU. */
export function minorUnitDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

function unitValue(currency: string, rates: CurrencyRates): number {
  if (currency === rates.base) return 1;
  const rate = rates.rates[currency];
  if (rate === undefined)
    throw new UnknownCurrencyError(`no configured rate for ${currency} (base ${rates.base})`);
  return rate;
}

/**
 * `amountMinor` minor units of `from` in minor units of `to`, rounded half away from zero:
 * amount / 10^digits(from) × value(from) / value(to) × 10^digits(to).
 */
export function convert(amountMinor: number, from: string, to: string, rates: CurrencyRates): number {
  if (from === to) return amountMinor;
  const major = (amountMinor / 10 ** minorUnitDigits(from)) * unitValue(from, rates);
  const target = (major / unitValue(to, rates)) * 10 ** minorUnitDigits(to);
  const rounded = Math.round(Math.abs(target));
  return target < 0 ? 0 - rounded : rounded;
}
