/**
 * Linear scales and "nice" ticks (steps of 1, 2 or 5 x 10^k), the arithmetic every chart
 * shares. Pure and exact enough to test by hand: a chart's geometry is these functions.
 */

/** Rounds to 2 decimals so SVG coordinates stay short and tests can compare them exactly. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/**
 * Ticks covering [min, max] with about `count` intervals; the first tick is <= min and the
 * last >= max. A flat domain is widened (all zeros -> [0, 1]).
 */
export function niceTicks(min: number, max: number, count = 4, integer = false): number[] {
  let low = Math.min(min, max);
  let high = Math.max(min, max);
  if (low === high) {
    if (low === 0) high = 1;
    else if (low > 0) low = 0;
    else high = 0;
  }
  // Counts have no half steps: an axis of 0, 0.5, 1 conversions would read "0, 1, 1".
  const step = integer ? Math.max(1, niceStep(high - low, count)) : niceStep(high - low, count);
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = start; tick <= end + step / 2; tick += step) {
    // Float steps drift (0.1 + 0.2); snap each tick to the step's precision.
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

/** Maps [d0, d1] onto [r0, r1] linearly. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => round2(r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * The value domain of a chart that always shows zero (bars grow from it). `belowRoom` widens
 * the negative side so a label under the lowest bar stays clear of the category labels.
 */
export function domainWithZero(
  values: readonly (number | null)[],
  options: { integer?: boolean; belowRoom?: number } = {},
): { ticks: number[]; min: number; max: number } {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const low = Math.min(0, ...finite) * (1 + (options.belowRoom ?? 0));
  const ticks = niceTicks(low, Math.max(0, ...finite), 4, options.integer);
  return { ticks, min: ticks[0]!, max: ticks[ticks.length - 1]! };
}
