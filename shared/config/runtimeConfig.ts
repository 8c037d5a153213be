import { type AppConfig, loadConfigFile, parseConfig } from './programConfig.js';
import { ENV } from './runtimeEnv.js';

let cached: AppConfig | undefined;

/**
 * The program config in force: APP_CONFIG (JSON, set by CDK from the validated config file at
 * synth) or CONFIG_FILE (a path; the local runner uses config/example.json). A bad config
 * throws a ConfigError listing every problem, so a function fails at start, not mid-send.
 */
export function appConfig(): AppConfig {
  if (!cached) {
    const inline = process.env[ENV.appConfig];
    if (inline) cached = parseConfig(JSON.parse(inline), 'APP_CONFIG');
    else cached = loadConfigFile(process.env[ENV.configFile] ?? 'config/example.json');
  }
  return cached;
}

export function resetAppConfig(): void {
  cached = undefined;
}
