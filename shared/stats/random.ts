/**
 * Seeded randomness for the bootstrap and the simulated worlds: the same seed gives the same numbers
 * on every machine, so a coverage run or a bootstrap interval is reproducible.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** SplitMix32 step: spreads a small integer seed over the 128-bit state (Steele, Lea & Flood 2014). */
function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"), seeded by
 * SplitMix32. Each call combines two 32-bit outputs into a double with 53 random bits, so u is never
 * coarser than 2^-53 and log(u) in the draws below never sees a rounded-to-zero u except u = 0 exactly.
 */
export function seededRandom(seed: number): Random {
  const init = { s: Math.trunc(seed) | 0 };
  let a = splitMix32(init);
  let b = splitMix32(init);
  let c = splitMix32(init);
  let d = splitMix32(init);
  if ((a | b | c | d) === 0) a = 1;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform integer in [0, n). */
export function drawIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Standard normal by the Marsaglia–Bray (1964) polar method, scaled to mean and sd. */
export function drawNormal(random: Random, mean = 0, sd = 1): number {
  let u: number;
  let v: number;
  let s: number;
  do {
    u = 2 * random() - 1;
    v = 2 * random() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s);
}

/** exp(N(mu, sigma²)); its mean is exp(mu + sigma²/2). */
export function drawLognormal(random: Random, mu: number, sigma: number): number {
  return Math.exp(drawNormal(random, mu, sigma));
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape+1) · U^{1/shape}. */
export function drawGamma(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`shape must be > 0, got ${shape}`);
  if (shape < 1) return drawGamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = drawNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function drawBeta(random: Random, a: number, b: number): number {
  const x = drawGamma(random, a);
  return x / (x + drawGamma(random, b));
}

const DIRECT_BINOMIAL_MAX_N = 64;

/**
 * Binomial(n, p), exact. Small n: a sum of Bernoulli trials. Large n: Knuth's order-statistic
 * recursion (TAOCP vol. 2, 3.4.1 F): the a-th smallest of n uniforms is Beta(a, n-a+1); if it lies
 * above p the successes are among the a-1 below it, otherwise a plus those among the n-a above.
 * Costs O(log n) beta draws, so 20k-member arms are cheap.
 */
export function drawBinomial(random: Random, n: number, p: number): number {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  let successes = 0;
  let trials = n;
  let prob = p;
  while (trials > DIRECT_BINOMIAL_MAX_N) {
    if (prob === 0) return successes;
    if (prob === 1) return successes + trials;
    const a = 1 + (trials >> 1);
    const b = trials - a + 1;
    const x = drawBeta(random, a, b);
    if (x >= prob) {
      trials = a - 1;
      prob /= x;
    } else {
      successes += a;
      trials = b - 1;
      prob = (prob - x) / (1 - x);
    }
  }
  for (let i = 0; i < trials; i++) if (random() < prob) successes++;
  return successes;
}
