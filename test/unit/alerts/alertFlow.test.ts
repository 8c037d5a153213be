import { describe, expect, it } from 'vitest';
import { type CanonicalEvent, canonicalEvent } from '../../../events/index.js';
import { checkSlas } from '../../../shared/alerts/checkSlas.js';
import { postIntentAlert } from '../../../shared/alerts/postIntentAlert.js';
import { respondToAlert } from '../../../shared/alerts/respondToAlert.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { SignatureInvalidError } from '../../../shared/http/errors.js';
import { processEvent } from '../../../shared/processing/processEvent.js';
import { MemorySlaTimers, RecordingSlack } from '../../support/memoryAlerts.js';
import { memorySendPorts } from '../../support/memoryPorts.js';
import { webhookRequest } from '../../support/request.js';
import { signedInteraction } from '../../support/slackInteraction.js';

const config = loadConfigFile('config/example.json');
const SECRET = 'slack-signing-secret';
const PHONE = '+14155550123';

function setup() {
  let clock = new Date('2026-11-24T15:00:00Z');
  const ports = memorySendPorts(config, () => clock);
  const slack = new RecordingSlack();
  const alertPorts = {
    ...ports,
    timers: new MemorySlaTimers(),
    slack,
    secrets: async () => ({
      SLACK_WEBHOOK_URL: 'https://hooks.slack.test/sales',
      SLACK_MANAGER_WEBHOOK_URL: 'https://hooks.slack.test/managers',
      SLACK_SIGNING_SECRET: SECRET,
    }),
  };
  return {
    ports,
    alertPorts,
    slack,
    advance: (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000)),
    now: () => clock,
  };
}

function reply(body: string, sid: string, at: Date): CanonicalEvent {
  return canonicalEvent(
    {
      type: 'message.received',
      source: 'twilio',
      vendorRef: sid,
      occurredAt: at.toISOString(),
      channel: 'sms',
      messageId: sid,
      phone: PHONE,
      from: PHONE,
      to: config.programs.demo!.from,
      body,
    },
    at,
  );
}

/** Runs every queued event through the processor (what the events queue would do). */
async function drain(ports: ReturnType<typeof setup>['ports']) {
  for (let i = 0; i < ports.queue.sent.length; i += 1) await processEvent(ports.queue.sent[i]!, ports);
}

const intentEvents = (ports: ReturnType<typeof setup>['ports']) =>
  [...ports.events.items.values()].map((i) => i.event).filter((e) => e.type === 'intent.detected');

describe('Use case: intent alerts end to end (in memory, controlled clock)', () => {
  it('routes a meeting request from a contact with a CRM owner to that owner, once', async () => {
    const { ports, alertPorts, slack, now } = setup();
    await ports.directory.apply({
      kind: 'contact',
      profile: {
        contactId: 'hubspot:contact:1',
        phone: PHONE,
        ownerId: 'hubspot:owner:7001',
        firstName: 'Maria',
        updatedAt: now().toISOString(),
      },
    });
    const event = reply('Can we meet Tuesday? <!channel> <https://evil.example|bank>', 'SM1', now());
    await ports.events.record(event);
    await processEvent(event, ports);
    await drain(ports);
    const [intent] = intentEvents(ports);
    expect(intent).toMatchObject({
      intent: 'meeting_request',
      ownerId: 'hubspot:owner:7001',
      routedBy: 'contact_owner',
      routeId: 'sales',
    });
    expect(await postIntentAlert(intent!, alertPorts)).toBe('posted');
    expect(await postIntentAlert(intent!, alertPorts)).toBe('already_posted');
    expect(slack.posts).toHaveLength(1);
    const json = JSON.stringify(slack.posts[0]!.message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil.example|bank>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(slack.posts[0]!.route).toEqual({ kind: 'webhook', url: 'https://hooks.slack.test/sales' });
  });

  it('records a claim once with its response time, and a claimed alert never escalates', async () => {
    const { ports, alertPorts, slack, advance, now } = setup();
    const event = reply('ready to buy, send the invoice', 'SM2', now());
    await ports.events.record(event);
    await processEvent(event, ports);
    await drain(ports);
    const [intent] = intentEvents(ports);
    await postIntentAlert(intent!, alertPorts);
    advance(2);
    const click = signedInteraction(
      SECRET,
      intent!.type === 'intent.detected' ? intent!.alertId : '',
      'claim',
      now(),
    );
    const request = webhookRequest({
      url: 'https://api.example/slack/actions',
      body: click.body,
      headers: click.headers,
    });
    expect(await respondToAlert(request, alertPorts)).toEqual({ recorded: true });
    expect(await respondToAlert(request, alertPorts)).toEqual({ recorded: false });
    const claimed = [...ports.events.items.values()]
      .map((i) => i.event)
      .filter((e) => e.type === 'alert.claimed');
    expect(claimed).toMatchObject([
      { responseSeconds: 120, withinSla: true, by: { slackUserId: 'U07DANAKIM' } },
    ]);
    expect(slack.updates.at(-1)?.responseUrl).toBe('https://hooks.slack.com/actions/T0001/123/abc');
    advance(600);
    expect(await checkSlas(alertPorts)).toEqual({ due: 1, escalated: 0 });
  });

  it('escalates an unclaimed alert to the manager channel once its SLA passes, once', async () => {
    const { ports, alertPorts, slack, advance, now } = setup();
    const event = reply('how much does the pro plan cost?', 'SM3', now());
    await ports.events.record(event);
    await processEvent(event, ports);
    await drain(ports);
    const [intent] = intentEvents(ports);
    await postIntentAlert(intent!, alertPorts);
    const slaMinutes =
      config.alerts.slaMinutes[intent!.type === 'intent.detected' ? intent!.priority : 'normal'];
    advance(slaMinutes - 1);
    expect(await checkSlas(alertPorts)).toEqual({ due: 0, escalated: 0 });
    advance(2);
    expect(await checkSlas(alertPorts)).toEqual({ due: 1, escalated: 1 });
    expect(await checkSlas(alertPorts)).toEqual({ due: 0, escalated: 0 });
    expect(slack.posts.map((p) => p.route)).toEqual([
      { kind: 'webhook', url: 'https://hooks.slack.test/sales' },
      { kind: 'webhook', url: 'https://hooks.slack.test/managers' },
    ]);
    expect([...ports.events.items.values()].filter((i) => i.event.type === 'alert.escalated')).toHaveLength(
      1,
    );
  });

  it('refuses an unsigned or stale Slack click and records nothing', async () => {
    const { alertPorts, now } = setup();
    const stale = signedInteraction(SECRET, 'alert_x', 'claim', new Date(now().getTime() - 6 * 60_000));
    const request = webhookRequest({
      url: 'https://api.example/slack/actions',
      body: stale.body,
      headers: stale.headers,
    });
    await expect(respondToAlert(request, alertPorts)).rejects.toBeInstanceOf(SignatureInvalidError);
    const forged = signedInteraction('wrong-secret', 'alert_x', 'claim', now());
    await expect(
      respondToAlert(
        webhookRequest({
          url: 'https://api.example/slack/actions',
          body: forged.body,
          headers: forged.headers,
        }),
        alertPorts,
      ),
    ).rejects.toBeInstanceOf(SignatureInvalidError);
  });

  it('does not alert on a STOP or on small talk', async () => {
    const { ports, now } = setup();
    for (const [body, sid] of [
      ['STOP', 'SM4'],
      ['thanks!', 'SM5'],
    ] as const) {
      const event = reply(body, sid, now());
      await ports.events.record(event);
      await processEvent(event, ports);
    }
    await drain(ports);
    expect(intentEvents(ports)).toHaveLength(0);
  });
});
