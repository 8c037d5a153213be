import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { lakePiiSalt } from '../../../shared/lake/export/lakeExportPorts.js';
import { LAKE_ENV } from '../../../shared/lake/lakeEnv.js';

const secretsManager = mockClient(SecretsManagerClient);
const dir = mkdtempSync(join(tmpdir(), 'lake-salt-'));
afterEach(() => {
  secretsManager.reset();
  vi.unstubAllEnvs();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SALT_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:LakePiiSalt-AbCdEf';
const GENERATED = 'q7GZx3kP9mW2vT8nR4bL6yH1cJ5dF0sAeUiOoPlKjMnBvCxZaSdFgHjKlQwErTy';

describe('Function: lakePiiSalt', () => {
  it('reads the whole value of the generated salt secret in AWS, once per container', async () => {
    // GIVEN
    secretsManager.on(GetSecretValueCommand, { SecretId: SALT_ARN }).resolves({ SecretString: GENERATED });
    const env = { [LAKE_ENV.piiSaltSecretArn]: SALT_ARN };

    // WHEN
    const first = await lakePiiSalt(env);
    const second = await lakePiiSalt(env);

    // THEN
    expect([first, second]).toEqual([GENERATED, GENERATED]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('falls back to LAKE_PII_SALT of the local secrets file when there is no salt secret', async () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, JSON.stringify({ LAKE_PII_SALT: 'local-salt-from-the-secrets-file' }));
    vi.stubEnv('SECRETS_FILE', file);
    vi.stubEnv('SECRETS_ARN', '');
    vi.stubEnv('LAKE_PII_SALT', '');

    expect(await lakePiiSalt({})).toBe('local-salt-from-the-secrets-file');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('lets an env LAKE_PII_SALT win, as every secret override does', async () => {
    const env = { [LAKE_ENV.piiSaltSecretArn]: SALT_ARN, LAKE_PII_SALT: 'override-salt-0123456789' };

    expect(await lakePiiSalt(env)).toBe('override-salt-0123456789');
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});
