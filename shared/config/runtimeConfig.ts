import { type AppConfig, loadConfigFile, parseConfig } from './programConfig.js';
import { ENV } from './runtimeEnv.js';

let cached: AppConfig | undefined;

/**
 * The program config in force: CONFIG_FILE (a path; in Lambda `app-config.json`, the file the
 * CDK app validates at synth and ships in the bundle beside the handler, since Lambda's 4 KB
 * environment cannot hold a real config; the local runner uses config/example.json), or
 * APP_CONFIG (inline JSON) when set, which wins. A bad config throws a ConfigError listing
 * every problem, so a function fails at start, not mid-send.
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
