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
  /** Slack Web API base URL (https; it carries the bot token). @default - Slack's own API */
  readonly slackApiBaseUrl?: string;
}

export interface GateEnvironment {
  /** The validated program config. */
  readonly config: AppConfig;
  /**
   * Variables of every function that runs the send gate: the program config (under APP_CONFIG,
   * which TeamFunction moves into the bundle as a file named by CONFIG_FILE) and the vendor API
   * base URLs.
   */
  readonly environment: Record<string, string>;
  /**
   * Variables of the alert functions (intent alert, Slack actions, SLA check): the program config
   * (bundled as above), whose `alerts` section holds the Slack routes, owners and SLAs, and the
   * Slack API base URL.
   */
  readonly alertEnvironment: Record<string, string>;
  /**
   * Variables of functions that read the program config and call no vendor: the config alone
   * (bundled as above).
   */
  readonly configEnvironment: Record<string, string>;
}

/**
 * The send gate's settings, validated at synth: a bad program config throws its ConfigError
 * (every problem with its path) and stops `cdk synth`, instead of deploying functions that
 * would fail on their first request. The functions get the validated config as compact JSON,
 * handed to TeamFunction under APP_CONFIG; it ships that JSON in the bundle as `app-config.json`
 * (Lambda caps a function's environment at 4 KB) and sets CONFIG_FILE to it.
 */
export function gateEnvironment(settings: GateSettings = {}): GateEnvironment {
  const config = loadConfigFile(resolve(PROJECT_ROOT, settings.configFile ?? 'config/example.json'));
  const configEnvironment = { [ENV.appConfig]: JSON.stringify(config) };
  return {
    config,
    environment: {
      ...configEnvironment,
      ...vendorBaseUrl(ENV.twilioApiBaseUrl, settings.twilioApiBaseUrl),
      ...vendorBaseUrl(ENV.telnyxApiBaseUrl, settings.telnyxApiBaseUrl),
    },
    alertEnvironment: {
      ...configEnvironment,
      ...vendorBaseUrl(ENV.slackApiBaseUrl, settings.slackApiBaseUrl),
    },
    configEnvironment,
  };
}

/** Vendor and Slack credentials travel in each request's headers, so their API is reached over https only. */
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
