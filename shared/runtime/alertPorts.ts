import type { AlertPorts } from '../alerts/alertPorts.js';
import { DynamoAlertStore } from '../alerts/dynamoAlertStore.js';
import { DynamoSlaTimers } from '../alerts/dynamoSlaTimers.js';
import { appConfig } from '../config/runtimeConfig.js';
import { ENV } from '../config/runtimeEnv.js';
import { DynamoContactDirectory } from '../identity/dynamoContactDirectory.js';
import { SlackHttpClient } from '../slack/slackClient.js';
import { documentClient } from '../store/dynamoClient.js';
import { runtimePorts } from './ports.js';

/** Slack calls must finish inside the function's budget: a few quick tries, then the bus retries. */
const SLACK_RETRY = { maxAttempts: 3, timeoutMs: 3000, baseDelayMs: 250, maxDelayMs: 2000 };

/** The intent-alert, Slack-actions and SLA-check adapters, wired from the environment. */
export function alertPorts(): AlertPorts {
  const base = runtimePorts();
  const client = documentClient();
  return {
    ...base,
    config: appConfig(),
    alerts: new DynamoAlertStore(client, base.tableName),
    timers: new DynamoSlaTimers(client, base.tableName),
    directory: new DynamoContactDirectory(client, base.tableName),
    slack: new SlackHttpClient({ apiBaseUrl: process.env[ENV.slackApiBaseUrl], retry: SLACK_RETRY }),
  };
}
