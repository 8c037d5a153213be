import { genericCrm } from './crm/generic.js';
import { hubspot } from './crm/hubspot.js';
import { pipedrive } from './crm/pipedrive.js';
import { salesforce } from './crm/salesforce.js';
import { genericEmail } from './email/generic.js';
import { sendgrid } from './email/sendgrid.js';
import type { ProviderFamily, WebhookProvider } from './provider.js';
import { bandwidth } from './sms/bandwidth.js';
import { genericSms } from './sms/generic.js';
import { plivo } from './sms/plivo.js';
import { telnyx } from './sms/telnyx.js';
import { twilio } from './sms/twilio.js';
import { vonage } from './sms/vonage.js';

const PROVIDERS: readonly WebhookProvider[] = [
  twilio,
  telnyx,
  vonage,
  plivo,
  bandwidth,
  genericSms,
  hubspot,
  salesforce,
  pipedrive,
  genericCrm,
  sendgrid,
  genericEmail,
];

/** The provider for `/webhooks/<family>/<vendor>`, or undefined (404). */
export function findProvider(
  family: ProviderFamily,
  vendor: string | undefined,
): WebhookProvider | undefined {
  return PROVIDERS.find((p) => p.family === family && p.vendor === vendor);
}

export function vendorsOf(family: ProviderFamily): string[] {
  return PROVIDERS.filter((p) => p.family === family).map((p) => p.vendor);
}
