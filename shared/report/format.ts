/**
 * Numbers as people read them, with their unit: counts with separators, rates as percentages,
 * money in its currency from integer minor units, ROI as a signed percentage. Null is "n/a".
 * Fixed locale (en-US) so the report reads the same on every machine.
 */
const LOCALE = 'en-US';
export const NOT_AVAILABLE = 'n/a';

const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

export function formatCount(value: number | null): string {
  return value === null || !Number.isFinite(value) ? NOT_AVAILABLE : count.format(value);
}

/** 0.1234 -> "12.3%"; small rates keep two decimals (0.0042 -> "0.42%"). */
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  const percent = value * 100;
  const digits = Math.abs(percent) < 1 && percent !== 0 ? 2 : 1;
  return `${percent.toFixed(digits)}%`;
}

/** Percentage points, for differences of rates: 0.021 -> "+2.1 pp". */
export function formatPoints(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  const points = value * 100;
  const digits = Math.abs(points) < 1 && points !== 0 ? 2 : 1;
  return `${points > 0 ? '+' : ''}${points.toFixed(digits)} pp`;
}

/** ROI 1.25 -> "+125%", -0.4 -> "-40%". */
export function formatRoi(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  const percent = Math.round(value * 100);
  return `${percent > 0 ? '+' : ''}${count.format(percent)}%`;
}

export function formatPValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NOT_AVAILABLE;
  return value < 0.0001 ? '< 0.0001' : value.toFixed(4);
}

/** "p = 0.0312", or "p < 0.0001" when smaller. */
export function formatPEquals(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return `p ${NOT_AVAILABLE}`;
  return value < 0.0001 ? 'p < 0.0001' : `p = ${value.toFixed(4)}`;
}

/** An interval in the estimate's unit, the unit once: "+1.0 to +5.0 pp", "-30% to +130%". */
export function formatInterval(
  low: number | null,
  high: number | null,
  format: (value: number | null) => string,
): string {
  if (low === null || high === null) return NOT_AVAILABLE;
  const lowText = format(low);
  const highText = format(high);
  const unit = / pp$/.exec(lowText)?.[0] ?? '';
  return `${unit ? lowText.slice(0, -unit.length) : lowText} to ${highText}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat | undefined {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
    } catch {
      return undefined; // not an ISO code Intl knows
    }
    moneyFormats.set(currency, format);
  }
  return format;
}

/** The currency's minor-unit exponent (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  return moneyFormat(currency)?.resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123456 USD -> "$1,234.56"; an unknown code is printed beside the amount. */
export function formatMoney(minor: number | null, currency: string): string {
  if (minor === null || !Number.isFinite(minor)) return NOT_AVAILABLE;
  const format = moneyFormat(currency);
  const major = minor / 10 ** minorDigits(currency);
  if (!format) return `${major.toFixed(2)} ${currency}`;
  return format.format(major);
}

/** Money without cents, for axis ticks and compact tables: "$1,235". */
export function formatMoneyShort(minor: number | null, currency: string): string {
  if (minor === null || !Number.isFinite(minor)) return NOT_AVAILABLE;
  const major = minor / 10 ** minorDigits(currency);
  try {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      maximumFractionDigits: Math.abs(major) >= 100 ? 0 : minorDigits(currency),
    }).format(major);
  } catch {
    return `${Math.round(major)} ${currency}`;
  }
}
