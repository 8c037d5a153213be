// `npx cdk synth` entry: one stack, checked by cdk-nag's AWS Solutions rules on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SmsRevenueStack } from './stack.js';

const app = new App();

/**
 * Deployment settings come from context only (`-c publicBaseUrl=https://… -c alarmEmail=…
 * -c configFile=config/prod.json` or cdk.json), never from the shell: PUBLIC_BASE_URL,
 * CONFIG_FILE and the vendor base URLs there belong to the local runner.
 */
function setting(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

new SmsRevenueStack(app, 'SmsRevenue', {
  description:
    'SMS revenue measurement: vendor webhooks, canonical events, processing, governed sending, intent alerts, analytics lake, alarms',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  publicBaseUrl: setting('publicBaseUrl'),
  alarmEmail: setting('alarmEmail'),
  configFile: setting('configFile'),
  twilioApiBaseUrl: setting('twilioApiBaseUrl'),
  telnyxApiBaseUrl: setting('telnyxApiBaseUrl'),
  slackApiBaseUrl: setting('slackApiBaseUrl'),
});

// cdk-nag 3 is a policy-validation plugin: any unacknowledged finding fails the synth. The
// acknowledgements are also copied into each resource's template metadata, for audit.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
