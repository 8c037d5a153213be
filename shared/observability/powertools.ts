import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// Tracing is Lambda's active X-Ray tracing (set in CDK). Powertools Tracer is left out on
// purpose: it pulls aws-xray-sdk-core into every bundle and slows each cold start.
const SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? 'sms-revenue';
const PHONE = /\+[1-9]\d{6,14}/g;

/** Phone numbers are personal data: logs keep the country code and last two digits only. */
export function redactPhones(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(PHONE, (m) => `${m.slice(0, 2)}…${m.slice(-2)}`) : value;
}

export const logger = new Logger({ serviceName: SERVICE, jsonReplacerFn: redactPhones });
export const metrics = new Metrics({ serviceName: SERVICE, namespace: 'SmsRevenue' });
