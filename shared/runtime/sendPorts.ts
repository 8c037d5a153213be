import { appConfig } from '../config/runtimeConfig.js';
import { ENV } from '../config/runtimeEnv.js';
import { DynamoConsentLedger } from '../consent/dynamoConsentLedger.js';
import { DynamoContactDirectory } from '../identity/dynamoContactDirectory.js';
import type { SmsSender, SmsVendor } from '../messaging/smsSender.js';
import { TelnyxSmsSender } from '../messaging/telnyxSender.js';
import { TwilioSmsSender } from '../messaging/twilioSender.js';
import type { VendorSecrets } from '../secrets/vendorSecrets.js';
import { DynamoDeferredSends } from '../sending/dynamoDeferredSends.js';
import { DynamoSendLedger } from '../sending/dynamoSendLedger.js';
import { DynamoSendRequestLedger } from '../sending/dynamoSendRequestLedger.js';
import type { SendPorts } from '../sending/sendMessage.js';
import { documentClient } from '../store/dynamoClient.js';
import { runtimePorts } from './ports.js';

/**
 * A send must answer inside the API's 10 s budget: two tries of 4 s at most; a send that
 * still fails is retried by the caller (or the send queue), with the same request id.
 */
const SEND_RETRY = { maxAttempts: 2, timeoutMs: 4000, baseDelayMs: 200, maxDelayMs: 1000 };

function sendersFrom(secrets: VendorSecrets, now: () => Date): Partial<Record<SmsVendor, SmsSender>> {
  const retry = { retry: SEND_RETRY, now: () => now().getTime() };
  const senders: Partial<Record<SmsVendor, SmsSender>> = {};
  if (secrets.TWILIO_ACCOUNT_SID && secrets.TWILIO_AUTH_TOKEN) {
    senders.twilio = new TwilioSmsSender({
      accountSid: secrets.TWILIO_ACCOUNT_SID,
      authToken: secrets.TWILIO_AUTH_TOKEN,
      baseUrl: process.env[ENV.twilioApiBaseUrl],
      ...retry,
    });
  }
  if (secrets.TELNYX_API_KEY) {
    senders.telnyx = new TelnyxSmsSender({
      apiKey: secrets.TELNYX_API_KEY,
      baseUrl: process.env[ENV.telnyxApiBaseUrl],
      ...retry,
    });
  }
  return senders;
}

/** The send gate's adapters, wired from the environment (see runtimePorts). */
export async function sendPorts(publicBaseUrl: string): Promise<SendPorts> {
  const base = runtimePorts();
  const client = documentClient();
  const table = base.tableName;
  return {
    ...base,
    config: appConfig(),
    directory: new DynamoContactDirectory(client, table),
    consent: new DynamoConsentLedger(client, table),
    ledger: new DynamoSendLedger(client, table, base.now),
    requests: new DynamoSendRequestLedger(client, table),
    deferred: new DynamoDeferredSends(client, table),
    senders: sendersFrom(await base.secrets(), base.now),
    publicBaseUrl,
  };
}
