/**
 * Environment variables the functions read, named once so CDK, the local runner and the
 * handlers agree.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  eventsQueueUrl: 'EVENTS_QUEUE_URL',
  eventBusName: 'EVENT_BUS_NAME',
  /** AWS: ARN of the Secrets Manager secret holding the vendor secrets JSON. */
  secretsArn: 'SECRETS_ARN',
  /** Laptop: path of the local secrets JSON file. */
  secretsFile: 'SECRETS_FILE',
  /** Base URL vendors call (custom domain, proxy); URL-signed schemes verify against it. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  sendQueueUrl: 'SEND_QUEUE_URL',
  /** The validated program config as JSON (AWS) … */
  appConfig: 'APP_CONFIG',
  /** … or a path to it (laptop). */
  configFile: 'CONFIG_FILE',
  /** Vendor REST API base URLs; locally they point at the fake vendor server. */
  twilioApiBaseUrl: 'TWILIO_API_BASE_URL',
  telnyxApiBaseUrl: 'TELNYX_API_BASE_URL',
  /** Slack Web API base URL; locally the fake Slack server. */
  slackApiBaseUrl: 'SLACK_API_BASE_URL',
} as const;

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required`);
  return value;
}
