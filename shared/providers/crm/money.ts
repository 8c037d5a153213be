/** ISO 4217 codes ICU knows; Intl itself formats any three letters, so this is the check. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Converts a CRM amount (a decimal string such as Salesforce's `125000.5`, or a JSON number
 * such as Pipedrive's `value`) to integer minor units of its currency.
 *
 * The digits are scaled as a decimal string, never by multiplying a float (`1.005 * 100` is
 * `100.49999…`), and rounded half away from zero, as invoices round. The exponent comes from
 * ISO 4217 via Intl (JPY 0, USD 2, KWD 3); with no currency we assume 2 digits, which is what
 * every CRM default currency we integrate uses.
 *
 * Returns undefined for an amount that is not a plain decimal (empty, `NaN`, `1e21`) or an
 * unknown currency code, so a bad amount is dropped rather than stored wrong.
 */
export function toMinorUnits(
  amount: string | number | null | undefined,
  currency?: string,
): number | undefined {
  if (amount === null || amount === undefined) return undefined;
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return undefined;
  const exponent = currencyExponent(currency);
  if (exponent === undefined) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = (fraction[exponent] ?? '0') >= '5';
  const magnitude = Number(`${whole}${kept}`) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) return undefined;
  // `-0` is not an amount anyone means.
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/** Digits after the decimal point for an ISO 4217 code; undefined when the code is unknown. */
export function currencyExponent(currency: string | undefined): number | undefined {
  if (!currency) return 2;
  if (!KNOWN_CURRENCIES.has(currency)) return undefined;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}
