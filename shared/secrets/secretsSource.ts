import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../config/runtimeEnv.js';
import { SECRET_NAMES, type VendorSecrets, VendorSecretsSchema } from './vendorSecrets.js';

export type SecretsSource = () => Promise<VendorSecrets>;

/** Secrets set as environment variables win over the stored ones (documented in the README). */
export function envOverrides(env: NodeJS.ProcessEnv = process.env): VendorSecrets {
  const overrides: VendorSecrets = {};
  for (const name of SECRET_NAMES) {
    const value = env[name];
    if (value) overrides[name] = value;
  }
  return overrides;
}

async function readStored(): Promise<VendorSecrets> {
  const arn = process.env[ENV.secretsArn];
  if (arn) {
    const result = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: arn }));
    return VendorSecretsSchema.parse(JSON.parse(result.SecretString ?? '{}'));
  }
  const file = process.env[ENV.secretsFile];
  if (file) return VendorSecretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  return {};
}

/**
 * Loads vendor secrets from Secrets Manager (AWS) or the local secrets file, cached for five
 * minutes so a rotated secret is picked up without a deploy.
 */
export function cachedSecrets(ttlMs = 300_000): SecretsSource {
  let cached: { value: VendorSecrets; at: number } | undefined;
  return async () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      cached = { value: { ...(await readStored()), ...envOverrides() }, at: Date.now() };
    }
    return cached.value;
  };
}
