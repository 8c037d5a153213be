/**
 * The little of Athena the attribution job needs: start a query, ask how it is doing. An
 * adapter over @aws-sdk/client-athena is StartQueryExecution (with the workgroup and the lake's
 * Glue database as context) and GetQueryExecution (Status.State, Status.StateChangeReason);
 * tests use a DuckDB stand-in.
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_QueryExecutionStatus.html
 */
export type AthenaQueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface AthenaQueryStatus {
  state: AthenaQueryState;
  /** Athena's StateChangeReason: why a query failed or was cancelled. */
  reason?: string;
}

export interface AthenaRunner {
  /** Starts `sql`; resolves to the query execution id. */
  start(sql: string): Promise<string>;
  status(queryId: string): Promise<AthenaQueryStatus>;
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
  /** Give up (the query may still run) after this long. @default 13 minutes, inside a 15-minute Lambda */
  timeoutMs?: number;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default performance.now */
  clock?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface AthenaQueryRun {
  queryId: string;
  /** How many times the status was asked. */
  polls: number;
  waitedMs: number;
}

/**
 * Starts `sql` and waits for it with exponential backoff (250 ms, 500 ms, … up to 10 s): most
 * queries finish in seconds and a long one is not asked about every second. A query that ends
 * FAILED or CANCELLED, or outlives `timeoutMs`, throws an AthenaQueryError naming the query,
 * its state and Athena's reason.
 */
export async function runAthenaQuery(
  runner: AthenaRunner,
  sql: string,
  label: string,
  options: AthenaWaitOptions = {},
): Promise<AthenaQueryRun> {
  const sleep = options.sleep ?? defaultSleep;
  const clock = options.clock ?? (() => performance.now());
  const maxDelay = options.maxDelayMs ?? 10_000;
  const timeout = options.timeoutMs ?? 13 * 60_000;
  const started = clock();
  const queryId = await runner.start(sql);
  let delay = options.initialDelayMs ?? 250;
  let polls = 0;
  for (;;) {
    await sleep(delay);
    const status = await runner.status(queryId);
    polls += 1;
    const waitedMs = clock() - started;
    switch (status.state) {
      case 'SUCCEEDED':
        return { queryId, polls, waitedMs };
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
          throw new AthenaQueryError(
            `Athena query ${label} (${queryId}) still ${status.state} after ${Math.round(waitedMs / 1000)} s`,
            queryId,
            'TIMED_OUT',
          );
        }
        delay = Math.min(maxDelay, delay * 2);
    }
  }
}
