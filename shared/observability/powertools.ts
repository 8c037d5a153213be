import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const SERVICE = process.env.POWERTOOLS_SERVICE_NAME ?? 'sms-revenue';
const PHONE = /\+[1-9]\d{6,14}/g;

/** Phone numbers are personal data: logs keep the country code and last two digits only. */
export function redactPhones(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(PHONE, (m) => `${m.slice(0, 2)}…${m.slice(-2)}`) : value;
}

export const logger = new Logger({ serviceName: SERVICE, jsonReplacerFn: redactPhones });
export const metrics = new Metrics({ serviceName: SERVICE, namespace: 'SmsRevenue' });
export const tracer = new Tracer({
  serviceName: SERVICE,
  enabled: process.env.AWS_EXECUTION_ENV !== undefined,
});
