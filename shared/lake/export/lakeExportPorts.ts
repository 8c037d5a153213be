import { ENV, requireEnv } from '../../config/runtimeEnv.js';
import { cachedSecrets, type SecretsSource } from '../../secrets/secretsSource.js';
import { documentClient } from '../../store/dynamoClient.js';
import { DynamoEventStore } from '../../store/dynamoEventStore.js';
import { lakeObjectStore } from '../lakeStore.js';
import { DynamoJobState } from './dynamoJobState.js';
import type { LakeExportPorts } from './exportLake.js';

let secrets: SecretsSource | undefined;

/**
 * Where the lake is, or undefined when this process has no lake: `LAKE_BUCKET` in AWS (its
 * absence there is a deploy error), `LAKE_DIR` or `DATA_DIR` on a laptop (`npm run job` sets
 * DATA_DIR). A process that sets neither (a test stack on a temp folder) must not fall back to
 * the working directory's `.data`, which may be someone's real local lake.
 */
export function lakeLocation(env: NodeJS.ProcessEnv = process.env): 'bucket' | 'directory' | undefined {
  if (env.LAKE_BUCKET) return 'bucket';
  if (env.AWS_LAMBDA_FUNCTION_NAME) throw new Error('LAKE_BUCKET is required for the lake export in AWS');
  return env.LAKE_DIR || env.DATA_DIR ? 'directory' : undefined;
}

/** The lake export's adapters, wired from the environment; undefined when there is no lake here. */
export async function lakeExportPorts(
  progress?: (line: string) => void,
): Promise<LakeExportPorts | undefined> {
  if (!lakeLocation()) return undefined;
  const tableName = requireEnv(ENV.tableName);
  const client = documentClient();
  const state = new DynamoJobState(client, tableName);
  secrets ??= cachedSecrets();
  return {
    events: new DynamoEventStore(client, tableName),
    store: lakeObjectStore(),
    watermark: state,
    lease: state,
    salt: (await secrets()).LAKE_PII_SALT,
    now: () => new Date(),
    progress,
  };
}
