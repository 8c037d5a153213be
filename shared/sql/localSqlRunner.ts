import type { AthenaRunner } from '../attribution/job/athenaRunner.js';

/**
 * The `duckdb` engine's runner, handed in by the local runner (infra/local/localJobs.ts) before
 * it invokes a handler: DuckDB is a devDependency, so no handler imports it and no Lambda
 * bundle holds it. In AWS nothing provides one and a job configured for `duckdb` says so.
 */
export interface LocalSqlRunner extends AthenaRunner {
  /** Where UNLOAD's `s3://` target of an object store key points (a pretend bucket on the lake folder). */
  s3Uri(key: string): string;
  close(): void;
}

export type LocalSqlRunnerFactory = (lakeRoot: string) => Promise<LocalSqlRunner>;

let factory: LocalSqlRunnerFactory | undefined;

export function provideLocalSqlRunner(next: LocalSqlRunnerFactory | undefined): void {
  factory = next;
}

export async function openLocalSqlRunner(lakeRoot: string, job: string): Promise<LocalSqlRunner> {
  if (!factory)
    throw new Error(
      `${job} engine "duckdb" runs only on a laptop (npm run job, npm start); in AWS use "athena" or "lambda"`,
    );
  return factory(lakeRoot);
}
