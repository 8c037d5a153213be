import { resolve } from 'node:path';
import { type AppConfig, loadConfigFile } from '../shared/config/programConfig.js';
import { ENV } from '../shared/config/runtimeEnv.js';
import { PROJECT_ROOT } from './constructs/teamFunction.js';

export interface GateSettings {
  /** Program config file, relative to the repository root. @default 'config/example.json' */
  readonly configFile?: string;
  /** Twilio REST API base URL (https). @default - Twilio's own API */
  readonly twilioApiBaseUrl?: string;
  /** Telnyx REST API base URL (https). @default - Telnyx's own API */
  readonly telnyxApiBaseUrl?: string;
}

export interface GateEnvironment {
  /** The validated program config. */
  readonly config: AppConfig;
  /** Variables of every function that runs the send gate (APP_CONFIG, vendor API base URLs). */
  readonly environment: Record<string, string>;
}

/**
 * The send gate's settings, validated at synth: a bad program config throws its ConfigError
 * (every problem with its path) and stops `cdk synth`, instead of deploying functions that
 * would fail on their first request. The functions get the validated config as compact JSON.
 */
export function gateEnvironment(settings: GateSettings = {}): GateEnvironment {
  const config = loadConfigFile(resolve(PROJECT_ROOT, settings.configFile ?? 'config/example.json'));
  return {
    config,
    environment: {
      [ENV.appConfig]: JSON.stringify(config),
      ...vendorBaseUrl(ENV.twilioApiBaseUrl, settings.twilioApiBaseUrl),
      ...vendorBaseUrl(ENV.telnyxApiBaseUrl, settings.telnyxApiBaseUrl),
    },
  };
}

/** Vendor credentials travel in each request's headers, so their API is reached over https only. */
function vendorBaseUrl(name: string, value: string | undefined): Record<string, string> {
  if (value === undefined) return {};
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute URL, got "${value}"`);
  }
  if (url.protocol !== 'https:')
    throw new Error(`${name} must use https (it carries vendor credentials), got "${value}"`);
  return { [name]: value };
}
