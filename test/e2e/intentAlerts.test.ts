import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/localStack.js';
import { signGenericJson } from '../../infra/local/simulator/signers.js';
import { loadConfigFile } from '../../shared/config/programConfig.js';
import { signedInteraction } from '../support/slackInteraction.js';

/**
 * Issue 3's end to end: a signed Twilio reply "Can we meet Tuesday?" from a contact whose CRM
 * owner is known produces one escaped alert to that owner's route within seconds; a claim
 * through /slack/actions is recorded and updates the message.
 */
const config = loadConfigFile('config/example.json');
const PHONE = '+14155550161';
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  dataDir = mkdtempSync(join(tmpdir(), 'sms-alerts-'));
  stack = await startLocalStack({ port: 0, dataDir, scheduleEveryMs: 3_600_000 });
});
afterAll(async () => {
  await stack.settle();
  const failures = { ...stack.failures };
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
  expect(failures).toEqual({ processEvents: 0, send: 0 });
});

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('E2E: intent alerts on the local stack', () => {
  it('alerts the CRM owner once, escaped, within seconds, and records a claim', async () => {
    const crm = signGenericJson(
      stack.secrets.GENERIC_WEBHOOK_SECRET!,
      {
        events: [
          {
            id: 'crm-contact-161',
            type: 'crm.contact.upserted',
            occurredAt: new Date().toISOString(),
            contactId: 'hubspot:contact:161',
            phone: PHONE,
            firstName: 'Maria',
            lastName: 'Lopez',
            ownerId: 'hubspot:owner:7001',
          },
        ],
      },
      new Date(),
    );
    expect((await fetch(`${stack.baseUrl}/webhooks/crm/generic`, { method: 'POST', ...crm })).status).toBe(
      200,
    );
    await stack.settle();

    const url = `${stack.baseUrl}/webhooks/sms/twilio`;
    const params = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      MessageSid: 'SM161161161161161161161161161161ab',
      From: PHONE,
      To: config.programs.demo!.from,
      Body: 'Can we meet Tuesday? <!channel>',
      NumMedia: '0',
    };
    const signature = twilio.getExpectedTwilioSignature(stack.secrets.TWILIO_AUTH_TOKEN!, url, params);
    const started = Date.now();
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
      expect(response.status).toBe(200);
    }
    const alert = await waitFor(() => stack.slack.messages.find((m) => m.channel.includes('sales')));
    const latencyMs = Date.now() - started;
    await stack.settle();
    expect(stack.slack.messages.filter((m) => m.channel.includes('sales'))).toHaveLength(1);
    expect(latencyMs).toBeLessThan(10_000);
    const json = JSON.stringify(alert.blocks);
    expect(json).toContain('<@U07DANAKIM>');
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('Can we meet Tuesday?');

    const timeline = async () =>
      (
        (await (
          await fetch(`${stack.baseUrl}/v1/timeline?phone=${encodeURIComponent(PHONE)}`, {
            headers: { 'x-api-key': stack.secrets.API_KEY! },
          })
        ).json()) as { events: Array<{ type: string; alertId?: string }> }
      ).events;
    const detected = (await timeline()).find((e) => e.type === 'intent.detected');
    expect(detected).toBeDefined();

    const click = signedInteraction(
      stack.secrets.SLACK_SIGNING_SECRET!,
      detected!.alertId!,
      'claim',
      new Date(),
      { id: 'U07DANAKIM', username: 'dana' },
      `${stack.slack.baseUrl}/actions/T0001/1/abc`,
    );
    const claimed = await fetch(`${stack.baseUrl}/slack/actions`, {
      method: 'POST',
      headers: click.headers,
      body: click.body,
    });
    expect(claimed.status).toBe(200);
    const forged = await fetch(`${stack.baseUrl}/slack/actions`, {
      method: 'POST',
      headers: { ...click.headers, 'x-slack-signature': 'v0=00' },
      body: click.body,
    });
    expect(forged.status).toBe(401);
    await stack.settle();
    expect((await timeline()).filter((e) => e.type === 'alert.claimed')).toHaveLength(1);
  });
});
