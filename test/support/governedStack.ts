import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, expect } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack.js';
import { loadConfigFile } from '../../shared/config/programConfig.js';
import { isHeldOut } from '../../shared/governance/holdout.js';
import { localParts } from '../../shared/governance/localTime.js';
import { timeZoneForPhone } from '../../shared/governance/timeZones.js';

/** The bundled demo program the governed-messaging tests send through. */
export const demo = loadConfigFile('config/example.json').programs.demo!;

/** Valid mobile number prefixes around the globe, with how many digits each still needs. */
const CANDIDATES: Array<[string, number]> = [
  ['+14155550', 3],
  ['+12125550', 3],
  ['+13125550', 3],
  ['+18085550', 3],
  ['+447700900', 3],
  ['+61412345', 3],
  ['+8190123', 5],
  ['+919812345', 3],
  ['+5511987654', 3],
];

/**
 * Numbers picked from zones where it is day (or night) at `at`, in or out of the demo holdout,
 * so a test over the real wall clock holds at any hour. `serial` keeps files from colliding.
 */
export function phonePicker(firstSerial: number) {
  let serial = firstSerial;
  return (opts: { night?: boolean; heldOut?: boolean; at?: Date } = {}): string => {
    for (let attempt = 0; attempt < 5000; attempt += 1) {
      serial += 1;
      const [prefix, digits] = CANDIDATES[attempt % CANDIDATES.length]!;
      const phone = `${prefix}${String(serial % 10 ** digits).padStart(digits, '0')}`;
      const tz = timeZoneForPhone(phone);
      if (!tz) continue;
      const hour = localParts(opts.at ?? new Date(), tz).hour;
      const day = hour >= 9 && hour < 20;
      const night = hour >= 22 || hour < 6;
      if ((opts.night ? night : day) && isHeldOut(demo.holdout, phone) === (opts.heldOut ?? false))
        return phone;
    }
    throw new Error('no candidate phone fits');
  };
}

/** A signed Twilio inbound message from `from` to the demo number, then the stack settled. */
export async function inboundSms(
  stack: LocalStack,
  from: string,
  body: string,
  sid = `SM${crypto.randomUUID().replaceAll('-', '')}`,
): Promise<void> {
  const url = `${stack.baseUrl}/webhooks/sms/twilio`;
  const params = {
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    MessageSid: sid,
    SmsSid: sid,
    From: from,
    To: demo.from,
    Body: body,
    NumMedia: '0',
  };
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(stack.secrets.TWILIO_AUTH_TOKEN!, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  expect(response.status).toBe(200);
  await stack.settle();
}

/** An API call with the local API key; the JSON answer and its status. */
export async function postApi(stack: LocalStack, path: string, body: unknown) {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': stack.secrets.API_KEY! },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/**
 * Starts a local stack on a fresh data folder before the file's tests and stops it after,
 * checking the workers failed on no record the tests produced (failures are retried silently,
 * so without this a broken processor would go unnoticed). `failures` names the counts checked.
 */
export function useLocalStack(
  prefix: string,
  started: (stack: LocalStack) => void,
  failures: Partial<LocalStack['failures']> = { processEvents: 0, send: 0 },
): void {
  let stack: LocalStack;
  let dataDir: string;
  beforeAll(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    stack = await startLocalStack({ port: 0, dataDir, scheduleEveryMs: 3_600_000 });
    started(stack);
  });
  afterAll(async () => {
    await stack.settle();
    const seen = { ...stack.failures };
    await stack.stop();
    expect(seen).toMatchObject(failures);
    rmSync(dataDir, { recursive: true, force: true });
  });
}
