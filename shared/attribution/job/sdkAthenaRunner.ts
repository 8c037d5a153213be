import { randomUUID } from 'node:crypto';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { ATHENA_ENV } from './athenaEnv.js';
import type { AthenaQueryState, AthenaQueryStatus, AthenaRunner } from './athenaRunner.js';
import { defaultSleep, jittered } from './athenaRunner.js';

export interface AthenaTarget {
  workGroup: string;
  database: string;
  /** @default 'AwsDataCatalog' (Glue) */
  catalog?: string;
}

/**
 * Retries of a call Athena throttled. The SDK retries throttling too (3 attempts, within about
 * a second); Athena's TooManyRequestsException on StartQueryExecution means the account's
 * queries-in-flight quota is full, which lasts as long as other queries run, so this layer
 * waits longer: 0.5 s, 1 s, … up to 20 s, with jitter.
 */
export interface ThrottleRetry {
  /** @default 8 */
  maxAttempts?: number;
  /** @default 500 */
  baseDelayMs?: number;
  /** @default 20_000 */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const STATES: ReadonlySet<string> = new Set<AthenaQueryState>([
  'QUEUED',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
]);

/** Athena's throttling errors (by name, or as the SDK classifies them). */
export function isThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $retryable } = error as { name?: unknown; $retryable?: { throttling?: boolean } };
  return (
    name === 'TooManyRequestsException' || name === 'ThrottlingException' || $retryable?.throttling === true
  );
}

/**
 * AthenaRunner over @aws-sdk/client-athena. Queries run in the given workgroup, with the lake's
 * database as their context; no result configuration is sent, so the workgroup's (enforced)
 * result location and encryption apply. StartQueryExecution carries one ClientRequestToken for
 * all its attempts, so a retried start never starts a second query.
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
 */
export class SdkAthenaRunner implements AthenaRunner {
  constructor(
    private readonly client: AthenaClient,
    private readonly target: AthenaTarget,
    private readonly retry: ThrottleRetry = {},
  ) {}

  async start(sql: string): Promise<string> {
    const token = randomUUID();
    const output = await this.retrying(() =>
      this.client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: this.target.workGroup,
          QueryExecutionContext: {
            Catalog: this.target.catalog ?? 'AwsDataCatalog',
            Database: this.target.database,
          },
          ClientRequestToken: token,
        }),
      ),
    );
    if (!output.QueryExecutionId) throw new Error('Athena StartQueryExecution answered without a query id');
    return output.QueryExecutionId;
  }

  async status(queryId: string): Promise<AthenaQueryStatus> {
    const output = await this.retrying(() =>
      this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId })),
    );
    const execution = output.QueryExecution;
    const state = execution?.Status?.State;
    if (!state || !STATES.has(state))
      throw new Error(`Athena query ${queryId}: unexpected state ${state ?? '(none)'}`);
    const reason = execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage;
    const scannedBytes = execution?.Statistics?.DataScannedInBytes;
    return {
      state: state as AthenaQueryState,
      ...(reason ? { reason } : {}),
      ...(scannedBytes === undefined ? {} : { scannedBytes }),
    };
  }

  async stop(queryId: string): Promise<void> {
    await this.retrying(() => this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryId })));
  }

  private async retrying<T>(call: () => Promise<T>): Promise<T> {
    const maxAttempts = this.retry.maxAttempts ?? 8;
    const maxDelay = this.retry.maxDelayMs ?? 20_000;
    const sleep = this.retry.sleep ?? defaultSleep;
    const random = this.retry.random ?? Math.random;
    let delay = this.retry.baseDelayMs ?? 500;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (!isThrottling(error) || attempt >= maxAttempts) throw error;
        await sleep(jittered(delay, random));
        delay = Math.min(maxDelay, delay * 2);
      }
    }
  }
}

/** The runner a job's function gets from its environment (ATHENA_ENV, set by the stack). */
export function sdkAthenaRunner(
  env: NodeJS.ProcessEnv = process.env,
  job: 'attribution' | 'scorecards' = 'attribution',
): SdkAthenaRunner {
  const workGroup = env[ATHENA_ENV.workGroup];
  const database = env[ATHENA_ENV.database];
  if (!workGroup || !database)
    throw new Error(
      `${job} engine "athena" needs ${ATHENA_ENV.workGroup} and ${ATHENA_ENV.database} (the stack sets them when the config's ${job}.engine is "athena")`,
    );
  return new SdkAthenaRunner(new AthenaClient({}), { workGroup, database });
}
