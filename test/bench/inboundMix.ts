import type { SimulatorKeys } from '../../infra/local/localSecrets.js';
import { firstSecret } from '../../infra/local/simulator/demo/story.js';
import { signHubspot, signSendgrid, signTwilio } from '../../infra/local/simulator/signers.js';
import { twilioSid } from '../../infra/local/simulator/world/doors.js';
import type { VendorSecrets } from '../../shared/secrets/vendorSecrets.js';
import type { InboundRequest } from '../support/inboundStack.js';

const TWILIO_ACCOUNT = 'AC5a1d0c0ffee0c0ffee0c0ffee0c0ffe';
/** The demo program's number (config/example.json): replies to it belong to that program. */
const DEMO_NUMBER = '+14155550199';
const HUBSPOT_PORTAL = { portalId: 45123987, appId: 3120451 };
/** Contacts per HubSpot delivery: HubSpot batches up to 100 events, a rep's edits come in a few. */
const HUBSPOT_CONTACTS_PER_BATCH = 5;
/** Replies rotate through an agreement, two questions the alert rules route, and a thank-you. */
const REPLIES = [
  'Yes, sounds good',
  'How much is the premium plan?',
  'Can we talk tomorrow at 10?',
  'thanks!',
];
/** Every Nth call is delivered twice, as vendors retry a slow answer. */
const DUPLICATE_EVERY = 10;

const phoneOf = (n: number) => `+1212555${String(n).padStart(4, '0')}`;
const emailOf = (n: number) => `contact${n}@example.com`;

/**
 * A realistic day of inbound traffic for `contacts` people, in the order it would arrive:
 * HubSpot batches creating them (creation, email, mobile phone), a SendGrid batch per person
 * (processed, delivered, open; a third also click), Twilio's sent and delivered callbacks for
 * a text, and a reply from three in four. One call in ten arrives twice. Deterministic, so runs
 * before and after a change drive the same events.
 */
export function inboundMix(
  contacts: number,
  context: { baseUrl: string; secrets: VendorSecrets; simulator: SimulatorKeys; now: Date },
): InboundRequest[] {
  const { baseUrl, secrets, simulator, now } = context;
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
  const requests: InboundRequest[] = [];

  const hubspotPath = '/webhooks/crm/hubspot';
  let hubspotEventId = 3_000_000_000;
  for (let first = 0; first < contacts; first += HUBSPOT_CONTACTS_PER_BATCH) {
    const batch = [];
    for (let n = first; n < Math.min(contacts, first + HUBSPOT_CONTACTS_PER_BATCH); n += 1) {
      const common = {
        ...HUBSPOT_PORTAL,
        objectId: 80_000 + n,
        occurredAt: at(180).getTime(),
        attemptNumber: 0,
      };
      batch.push(
        {
          ...common,
          eventId: ++hubspotEventId,
          subscriptionId: 2611001,
          subscriptionType: 'contact.creation',
        },
        ...[
          ['email', emailOf(n)],
          ['mobilephone', phoneOf(n)],
        ].map(([propertyName, propertyValue]) => ({
          ...common,
          eventId: ++hubspotEventId,
          subscriptionId: 2611004,
          subscriptionType: 'contact.propertyChange',
          propertyName,
          propertyValue,
        })),
      );
    }
    const signed = signHubspot(
      firstSecret(secrets.HUBSPOT_CLIENT_SECRET),
      'POST',
      `${baseUrl}${hubspotPath}`,
      batch,
      now,
    );
    requests.push({ family: 'crm', vendor: 'hubspot', path: hubspotPath, signed });
  }

  for (let n = 0; n < contacts; n += 1) {
    const message = `sgmsg${String(n).padStart(6, '0')}`;
    const common = {
      email: emailOf(n),
      sg_message_id: `${message}.filter-1`,
      programId: 'growth',
      campaignId: 'spring-sale',
      templateId: 'spring-email-v1',
    };
    const kinds =
      n % 3 === 0 ? ['processed', 'delivered', 'open', 'click'] : ['processed', 'delivered', 'open'];
    const events = kinds.map((event, i) => ({
      ...common,
      event,
      timestamp: epoch(at(120 - i)),
      sg_event_id: `${message}-${event}`,
      ...(event === 'click' ? { url: 'https://shop.example.com/pricing' } : {}),
    }));
    const signed = signSendgrid(simulator.sendgridPrivateKeyPem, events, now);
    requests.push({ family: 'email', vendor: 'sendgrid', path: '/webhooks/email/sendgrid', signed });
  }

  const token = secrets.TWILIO_AUTH_TOKEN ?? '';
  for (let n = 0; n < contacts; n += 1) {
    const sid = twilioSid(`bench-out-${n}`);
    const statusPath = '/webhooks/sms/twilio?programId=demo&kind=campaign&campaignId=spring-sale';
    for (const status of ['sent', 'delivered']) {
      const signed = signTwilio(token, `${baseUrl}${statusPath}`, {
        AccountSid: TWILIO_ACCOUNT,
        ApiVersion: '2010-04-01',
        From: DEMO_NUMBER,
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: phoneOf(n),
      });
      requests.push({ family: 'sms', vendor: 'twilio', path: statusPath, signed });
    }
  }
  for (let n = 0; n < contacts; n += 1) {
    if (n % 4 === 3) continue;
    const sid = twilioSid(`bench-in-${n}`);
    const path = '/webhooks/sms/twilio';
    const signed = signTwilio(token, `${baseUrl}${path}`, {
      AccountSid: TWILIO_ACCOUNT,
      ApiVersion: '2010-04-01',
      Body: REPLIES[n % REPLIES.length]!,
      From: phoneOf(n),
      MessageSid: sid,
      NumMedia: '0',
      NumSegments: '1',
      SmsSid: sid,
      SmsStatus: 'received',
      To: DEMO_NUMBER,
    });
    requests.push({ family: 'sms', vendor: 'twilio', path, signed });
  }
  return requests.flatMap((request, i) =>
    i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 ? [request, request] : [request],
  );
}
