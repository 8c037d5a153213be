/**
 * The little of Athena the attribution job needs: start a query, ask how it is doing, stop it.
 * The adapter over @aws-sdk/client-athena is sdkAthenaRunner.ts; tests also use a DuckDB
 * stand-in (test/support/duckdbTwin.ts).
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html
 */
export type AthenaQueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface AthenaQueryStatus {
  state: AthenaQueryState;
  /** Athena's StateChangeReason: why a query failed or was cancelled. */
  reason?: string;
  /** Bytes the query read so far (what Athena bills), when Athena says. */
  scannedBytes?: number;
}

export interface AthenaRunner {
  /** Starts `sql`; resolves to the query execution id. */
  start(sql: string): Promise<string>;
  status(queryId: string): Promise<AthenaQueryStatus>;
  /** Cancels a query the job no longer waits for, so it stops scanning (and billing). */
  stop?(queryId: string): Promise<void>;
}

/** A query that failed, was cancelled or did not finish in time, with Athena's reason. */
export class AthenaQueryError extends Error {
  override readonly name = 'AthenaQueryError';
  constructor(
    message: string,
    readonly queryId: string,
    readonly state: AthenaQueryState | 'TIMED_OUT',
    readonly reason?: string,
  ) {
    super(message);
  }
}

export interface AthenaWaitOptions {
  /** First pause before asking again. @default 250 */
  initialDelayMs?: number;
  /** Pauses double up to this. @default 10_000 */
  maxDelayMs?: number;
  /**
   * Give up (and stop the query) after this long. The Athena engine spends it on all the
   * queries of a run together. @default 13 minutes, inside a 15-minute Lambda
   */
  timeoutMs?: number;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default performance.now */
  clock?: () => number;
  /** 0 ≤ x < 1; takes the jitter off each pause. @default Math.random */
  random?: () => number;
}

export const DEFAULT_ATHENA_TIMEOUT_MS = 13 * 60_000;

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A pause of "equal jitter": half of `delayMs` for sure, the other half at random, so runs that
 * started together (a backfill's slices, several stacks in one account) drift apart instead of
 * asking Athena in step, and no pause is ever shorter than half the backoff.
 */
export const jittered = (delayMs: number, random: () => number): number =>
  Math.round(delayMs / 2 + random() * (delayMs / 2));

export interface AthenaQueryRun {
  queryId: string;
  /** How many times the status was asked. */
  polls: number;
  waitedMs: number;
  scannedBytes?: number;
}

/**
 * Starts `sql` and waits for it with capped exponential backoff and jitter (about 250 ms,
 * 500 ms, … up to 10 s): most queries finish in seconds and a long one is not asked about every
 * second. A query that ends FAILED or CANCELLED throws an AthenaQueryError naming the query,
 * its state and Athena's reason; one that outlives `timeoutMs` is stopped, then throws.
 */
export async function runAthenaQuery(
  runner: AthenaRunner,
  sql: string,
  label: string,
  options: AthenaWaitOptions = {},
): Promise<AthenaQueryRun> {
  const sleep = options.sleep ?? defaultSleep;
  const clock = options.clock ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const timeout = options.timeoutMs ?? DEFAULT_ATHENA_TIMEOUT_MS;
  const started = clock();
  const queryId = await runner.start(sql);
  let delay = options.initialDelayMs ?? 250;
  let polls = 0;
  for (;;) {
    await sleep(jittered(delay, random));
    const status = await runner.status(queryId);
    polls += 1;
    const waitedMs = clock() - started;
    switch (status.state) {
      case 'SUCCEEDED':
        return { queryId, polls, waitedMs, scannedBytes: status.scannedBytes };
      case 'FAILED':
      case 'CANCELLED':
        throw new AthenaQueryError(
          `Athena query ${label} (${queryId}) ${status.state}: ${status.reason ?? 'no reason given'}`,
          queryId,
          status.state,
          status.reason,
        );
      default:
        if (waitedMs >= timeout) {
          // Left running, it would go on scanning and writing where this run no longer looks.
          await runner.stop?.(queryId).catch(() => undefined);
          throw new AthenaQueryError(
            `Athena query ${label} (${queryId}) still ${status.state} after ${Math.round(waitedMs / 1000)} s; stopped`,
            queryId,
            'TIMED_OUT',
          );
        }
        delay = Math.min(maxDelay, delay * 2);
    }
  }
}
