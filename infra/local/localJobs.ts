import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { provideLocalSqlRunner } from '../../shared/sql/localSqlRunner.js';
import { SCHEDULED_FUNCTIONS } from '../routes.js';
import { duckdbLocalSqlRunner } from './duckdbAthena.js';
import { localContext } from './localApi.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Scheduled functions by the name `npm run job -- <name>` takes: the entry file's base name. */
export const LOCAL_JOBS = Object.fromEntries(
  Object.entries(SCHEDULED_FUNCTIONS).map(([key, spec]) => [basename(spec.entry, '.ts'), { key, ...spec }]),
);

export interface LocalJobInput {
  from?: string;
  to?: string;
  progress?: boolean;
}

/**
 * Runs one scheduled function's real handler in this process, as EventBridge would invoke it,
 * with `npm run job`'s input. The environment (table, queues, lake, config) must be set already.
 */
export async function runLocalJob(name: string, input: LocalJobInput = {}): Promise<unknown> {
  // A job whose config says engine "duckdb" runs its SQL twin here, on the local lake.
  provideLocalSqlRunner(duckdbLocalSqlRunner);
  const job = LOCAL_JOBS[name];
  if (!job) throw new Error(`unknown job "${name}"; jobs: ${Object.keys(LOCAL_JOBS).join(', ')}`);
  const module = (await import(pathToFileURL(join(repoRoot, job.entry)).href)) as {
    handler: (event: unknown, context: unknown) => Promise<unknown>;
  };
  return module.handler(input, localContext(job.key));
}
