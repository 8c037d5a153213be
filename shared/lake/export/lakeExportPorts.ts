import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, requireEnv } from '../../config/runtimeEnv.js';
import { cachedSecrets, type SecretsSource } from '../../secrets/secretsSource.js';
import { documentClient } from '../../store/dynamoClient.js';
import { DynamoEventStore } from '../../store/dynamoEventStore.js';
import { LAKE_ENV } from '../lakeEnv.js';
import { lakeObjectStore } from '../lakeStore.js';
import { DynamoJobState } from './dynamoJobState.js';
import type { LakeExportPorts } from './exportLake.js';

let secrets: SecretsSource | undefined;
/** Salts read from their own secret, by ARN: a salt never rotates, so once per container. */
const storedSalts = new Map<string, string | undefined>();

/**
 * The salt of the lake's PII hashes. In AWS it is its own generated secret
 * (LAKE_PII_SALT_SECRET_ARN), so a deploy needs no manual step and the export cannot read
 * vendor tokens; elsewhere LAKE_PII_SALT from the vendor secrets. An env LAKE_PII_SALT wins,
 * as it does for every secret.
 */
export async function lakePiiSalt(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.LAKE_PII_SALT) return env.LAKE_PII_SALT;
  const arn = env[LAKE_ENV.piiSaltSecretArn];
  if (!arn) {
    secrets ??= cachedSecrets();
    return (await secrets()).LAKE_PII_SALT;
  }
  if (!storedSalts.has(arn)) {
    const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    storedSalts.set(arn, result.SecretString);
  }
  return storedSalts.get(arn);
}

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
  return {
    events: new DynamoEventStore(client, tableName),
    store: lakeObjectStore(),
    watermark: state,
    lease: state,
    salt: await lakePiiSalt(),
    now: () => new Date(),
    progress,
  };
}
