/**
 * Sorting millions of touches without a comparator: stable LSD radix passes over 11-bit digits
 * of non-negative integer keys, moving each key along with its index so every pass reads
 * sequentially (a comparator sort over 10M indices takes seconds; 2048 buckets keep the
 * scattered writes cache-friendly). Only runs of equal times need the id comparison.
 */
const RADIX = 2048;
const MASK = RADIX - 1;

export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface Sorted {
  order: Int32Array;
  key: Float64Array;
}

/**
 * Stable sort of `order` by `key` (key[p] belongs to order[p]; integers in 0..maxKey, below
 * 2^53). Both arrays may be reused for the result.
 */
export function radixSortByKey(order: Int32Array, key: Float64Array, maxKey: number): Sorted {
  const n = order.length;
  let from: Sorted = { order, key };
  let to: Sorted | null = null;
  const counts = new Int32Array(RADIX);
  for (let divisor = 1; divisor <= maxKey; divisor *= RADIX) {
    // Digits by multiplying with an exact power-of-two reciprocal and masking: no division,
    // no floating-point modulo (keys above 2^31 make `%` a slow library call).
    const scale = 1 / divisor;
    counts.fill(0);
    const keys = from.key;
    for (let p = 0; p < n; p += 1) counts[Math.floor(keys[p]! * scale) & MASK]! += 1;
    if (counts.some((count) => count === n)) continue; // every key has this digit: nothing moves
    let start = 0;
    for (let d = 0; d < RADIX; d += 1) {
      const count = counts[d]!;
      counts[d] = start;
      start += count;
    }
    to ??= { order: new Int32Array(n), key: new Float64Array(n) };
    const fromOrder = from.order;
    const toOrder = to.order;
    const toKey = to.key;
    for (let p = 0; p < n; p += 1) {
      const value = keys[p]!;
      const digit = Math.floor(value * scale) & MASK;
      const slot = counts[digit]!;
      toOrder[slot] = fromOrder[p]!;
      toKey[slot] = value;
      counts[digit] = slot + 1;
    }
    [from, to] = [to, from];
  }
  return from;
}

/**
 * Indices 0..n-1 of `at` in canonical order: time, then `compareTies(a, b)` (the ids) for equal
 * times. `at` must hold non-negative integers.
 */
export function timeOrder(
  at: Float64Array,
  n: number,
  compareTies: (a: number, b: number) => number,
): Int32Array {
  const order = new Int32Array(n);
  const key = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < n; i += 1) {
    if (at[i]! < min) min = at[i]!;
    if (at[i]! > max) max = at[i]!;
  }
  for (let i = 0; i < n; i += 1) {
    order[i] = i;
    key[i] = at[i]! - min;
  }
  const sorted = radixSortByKey(order, key, max - min);
  sortEqualKeys(sorted, compareTies);
  return sorted.order;
}

/**
 * Sorts each run of equal keys with `compare`. Runs are short (touches in the same millisecond,
 * or second when a vendor rounds): insertion sort in place, no subarray per run.
 */
function sortEqualKeys({ order, key }: Sorted, compare: (a: number, b: number) => number): void {
  const n = order.length;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && key[end] === key[start]) end += 1;
    if (end - start > 32) order.subarray(start, end).sort(compare);
    else {
      for (let i = start + 1; i < end; i += 1) {
        const item = order[i]!;
        let j = i - 1;
        while (j >= start && compare(order[j]!, item) > 0) {
          order[j + 1] = order[j]!;
          j -= 1;
        }
        order[j + 1] = item;
      }
    }
    start = end;
  }
}
