import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VendorSecrets } from '../../shared/secrets/vendorSecrets.js';

/**
 * Keys the simulated vendors sign with. Real vendors hold these; locally the demo and the
 * simulators need them. Only the public halves go into secrets.json.
 */
export interface SimulatorKeys {
  telnyxPrivateKeyPem: string;
  sendgridPrivateKeyPem: string;
}

export interface LocalSecretFiles {
  secretsFile: string;
  secrets: VendorSecrets;
  simulator: SimulatorKeys;
  created: boolean;
}

const token = (bytes = 24) => randomBytes(bytes).toString('hex');

function generate(): { secrets: VendorSecrets; simulator: SimulatorKeys } {
  const telnyx = generateKeyPairSync('ed25519');
  const sendgrid = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const telnyxRaw = telnyx.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    secrets: {
      TWILIO_ACCOUNT_SID: `AC${token(16)}`,
      TWILIO_AUTH_TOKEN: token(16),
      TELNYX_API_KEY: `KEY${token(16)}`,
      TELNYX_PUBLIC_KEY: telnyxRaw.toString('base64'),
      VONAGE_SIGNATURE_SECRET: token(),
      PLIVO_AUTH_TOKEN: token(20),
      BANDWIDTH_USERNAME: 'bandwidth-local',
      BANDWIDTH_PASSWORD: token(12),
      GENERIC_WEBHOOK_SECRET: `whsec_${token()}`,
      HUBSPOT_CLIENT_SECRET: token(18),
      SALESFORCE_ORG_ID: '00D5e000000LOCALAA',
      PIPEDRIVE_USERNAME: 'pipedrive-local',
      PIPEDRIVE_PASSWORD: token(12),
      SENDGRID_VERIFICATION_KEY: sendgrid.publicKey
        .export({ format: 'der', type: 'spki' })
        .toString('base64'),
      API_KEY: `local_${token(16)}`,
      SLACK_SIGNING_SECRET: token(16),
      LAKE_PII_SALT: token(32),
    },
    simulator: {
      telnyxPrivateKeyPem: telnyx.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      sendgridPrivateKeyPem: sendgrid.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    },
  };
}

/**
 * Generates the local secrets once into `<dataDir>/secrets.json` (mode 600) and the simulated
 * vendors' private keys into `<dataDir>/simulator-keys.json`; later starts reuse them.
 */
export function ensureLocalSecrets(dataDir: string): LocalSecretFiles {
  const secretsFile = join(dataDir, 'secrets.json');
  const simulatorFile = join(dataDir, 'simulator-keys.json');
  if (existsSync(secretsFile) && existsSync(simulatorFile)) {
    const stored = JSON.parse(readFileSync(secretsFile, 'utf8')) as VendorSecrets;
    // A data folder from an older version may lack newer secrets: add them, keep the rest.
    const secrets = { ...generate().secrets, ...stored };
    if (Object.keys(secrets).length !== Object.keys(stored).length) {
      writeFileSync(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    }
    return {
      secretsFile,
      secrets,
      simulator: JSON.parse(readFileSync(simulatorFile, 'utf8')),
      created: false,
    };
  }
  const { secrets, simulator } = generate();
  writeFileSync(secretsFile, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(simulatorFile, `${JSON.stringify(simulator, null, 2)}\n`, { mode: 0o600 });
  return { secretsFile, secrets, simulator, created: true };
}
