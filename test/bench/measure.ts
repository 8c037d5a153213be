/**
 * A fixed-time-budget micro-benchmark: run `fn` for `warmupMs` (JIT, caches), then count how
 * many calls fit in `measureMs`. The clock is read every few calls so its own cost stays far
 * below the cheapest operation measured here (an HMAC over a few hundred bytes).
 */
export interface Budget {
  warmupMs: number;
  measureMs: number;
}

export interface Measurement {
  ops: number;
  opsPerSec: number;
  meanUs: number;
}

const CALLS_PER_CLOCK_READ = 8;

/** Keeps results reachable so the JIT cannot drop the work that produced them. */
let sink = 0;
export const sinkValue = () => sink;

function consume(value: unknown): void {
  sink = (sink + (Array.isArray(value) ? value.length : value === undefined ? 1 : 2)) | 0;
}

function runSync(fn: () => unknown, ms: number): { ops: number; elapsedMs: number } {
  const start = performance.now();
  let now = start;
  let ops = 0;
  while (now - start < ms) {
    for (let i = 0; i < CALLS_PER_CLOCK_READ; i += 1) consume(fn());
    ops += CALLS_PER_CLOCK_READ;
    now = performance.now();
  }
  return { ops, elapsedMs: now - start };
}

async function runAsync(fn: () => unknown, ms: number): Promise<{ ops: number; elapsedMs: number }> {
  const start = performance.now();
  let now = start;
  let ops = 0;
  while (now - start < ms) {
    for (let i = 0; i < CALLS_PER_CLOCK_READ; i += 1) consume(await fn());
    ops += CALLS_PER_CLOCK_READ;
    now = performance.now();
  }
  return { ops, elapsedMs: now - start };
}

/** Measures `fn`; if its first call returns a promise every call is awaited. */
export async function measure(fn: () => unknown, budget: Budget): Promise<Measurement> {
  const first = fn();
  const isAsync = typeof (first as Promise<unknown> | undefined)?.then === 'function';
  if (isAsync) await first;
  const run = isAsync ? runAsync : runSync;
  await run(fn, budget.warmupMs);
  const { ops, elapsedMs } = await run(fn, budget.measureMs);
  return {
    ops,
    opsPerSec: Math.round((ops / elapsedMs) * 1000),
    meanUs: round((elapsedMs * 1000) / ops, 2),
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
