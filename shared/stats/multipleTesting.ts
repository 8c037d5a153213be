/** Many workflows tested at once: control the false discovery rate. */

/**
 * Benjamini & Hochberg (1995, JRSS B 57:289–300) step-up procedure. With the p-values sorted
 * p₍₁₎ ≤ … ≤ p₍ₘ₎ the adjusted value is q₍ᵢ₎ = min_{j ≥ i} min(1, m p₍ⱼ₎ / j) (R's
 * p.adjust(method = "BH")), returned in the input order; a test is a discovery when q ≤ level.
 */
export function benjaminiHochberg(pValues: number[], q = 0.05): { adjusted: number[]; discovery: boolean[] } {
  if (pValues.some((p) => !(p >= 0 && p <= 1))) throw new RangeError('p-values must be in [0, 1]');
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1]!;
    running = Math.min(running, (m * pValues[index]!) / rank);
    adjusted[index] = running;
  }
  return { adjusted, discovery: adjusted.map((a) => a <= q) };
}
