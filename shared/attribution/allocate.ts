/**
 * Splits an integer amount of minor units in proportion to integer weights so the parts sum
 * exactly to the amount (largest-remainder / Hamilton method):
 *
 *   A = |amount|;  q[i] = floor(A × num[i] / den);  r[i] = A × num[i] − q[i] × den
 *   L = A − Σ q[i]   (0 ≤ L < number of touches with r > 0)
 *   the L touches with the largest r get one more unit; equal r: the earlier touch (lower i)
 *   part[i] = sign(amount) × (q[i] + bonus[i])
 *
 * All integer arithmetic: exact in doubles while A × den ≤ 2^52, in BigInt beyond, so the SQL
 * twin (BIGINT / DECIMAL(38,0)) gets the same cents.
 */
const EXACT_LIMIT = 2 ** 52;

export class Allocator {
  private remainder = new Float64Array(64);
  private rank = new Int32Array(64);
  private readonly byRemainder = (a: number, b: number): number =>
    this.remainder[b]! - this.remainder[a]! || a - b;

  /** Writes the parts of `amount` for num[0..n) / den into `out`. */
  allocate(amount: number, num: Float64Array, den: number, n: number, out: Float64Array): void {
    if (this.remainder.length < n) {
      this.remainder = new Float64Array(n * 2);
      this.rank = new Int32Array(n * 2);
    }
    const total = Math.abs(amount);
    const leftover =
      total * den <= EXACT_LIMIT
        ? this.quotients(total, num, den, n, out)
        : this.bigQuotients(total, num, den, n, out);
    if (leftover > 0) {
      const rank = this.rank.subarray(0, n);
      for (let i = 0; i < n; i += 1) rank[i] = i;
      rank.sort(this.byRemainder);
      for (let j = 0; j < leftover; j += 1) out[rank[j]!]! += 1;
    }
    // 0 - x rather than -x: a zero part stays +0.
    if (amount < 0) for (let i = 0; i < n; i += 1) out[i] = 0 - out[i]!;
  }

  private quotients(total: number, num: Float64Array, den: number, n: number, out: Float64Array): number {
    let leftover = total;
    for (let i = 0; i < n; i += 1) {
      // Exact: product ≤ A × den ≤ 2^52, and a quotient k − j/den (j ≥ 1) is at least
      // 1/den ≥ ulp(k) away from k there, so the rounded division never reaches the next integer.
      const product = total * num[i]!;
      const quotient = Math.floor(product / den);
      out[i] = quotient;
      this.remainder[i] = product - quotient * den;
      leftover -= quotient;
    }
    return leftover;
  }

  private bigQuotients(total: number, num: Float64Array, den: number, n: number, out: Float64Array): number {
    const bigTotal = BigInt(total);
    const bigDen = BigInt(den);
    let leftover = total;
    for (let i = 0; i < n; i += 1) {
      const product = bigTotal * BigInt(num[i]!);
      const quotient = product / bigDen;
      out[i] = Number(quotient);
      this.remainder[i] = Number(product - quotient * bigDen);
      leftover -= out[i]!;
    }
    return leftover;
  }
}
