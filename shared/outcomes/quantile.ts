/**
 * The q-quantile of `values` by linear interpolation between the closest ranks, as DuckDB's
 * quantile_cont and numpy's default: position q × (n − 1) in the sorted values. So the median of
 * an even count is the mean of the middle two. Null for no values.
 */
export function quantileCont(values: readonly number[], q: number): number | null {
  if (q < 0 || q > 1) throw new RangeError(`quantile ${q} is outside 0..1`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}
