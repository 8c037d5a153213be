import type { LocalStack } from '../localStack.js';
import { type SignedRequest, signGenericJson, signTwilio } from './signers.js';

export const DEMO_CONTACT_PHONE = '+14155550123';
const OUR_NUMBER = '+14155550199';
const ACCOUNT_SID = 'AC3f2b9e0c5d8a4b7e9c1d2e3f4a5b6c7d';
const OUTBOUND_SID = 'SM9a7c3e1f5b2d4c6e8a0b1c2d3e4f5a6b';
const INBOUND_SID = 'SMe1d2c3b4a5f60718293a4b5c6d7e8f90';

export interface DemoStep {
  label: string;
  path: string;
  request: SignedRequest;
}

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();

/**
 * A small story: a spring campaign text to Maria is sent (our send gate via the generic
 * endpoint), Twilio reports it delivered, and Maria replies asking for a call.
 */
export function demoSteps(
  stack: Pick<LocalStack, 'baseUrl' | 'secrets' | 'simulator'>,
  now: Date,
): DemoStep[] {
  const { secrets, baseUrl } = stack;
  const steps: DemoStep[] = [];
  const twilioToken = secrets.TWILIO_AUTH_TOKEN ?? '';
  const genericSecret = (secrets.GENERIC_WEBHOOK_SECRET ?? '').split(',')[0]!.trim();

  steps.push({
    label: 'generic: campaign text sent',
    path: '/webhooks/sms/generic',
    request: signGenericJson(
      genericSecret,
      {
        events: [
          {
            id: OUTBOUND_SID,
            type: 'message.sent',
            occurredAt: minutesBefore(now, 30),
            channel: 'sms',
            messageId: OUTBOUND_SID,
            phone: DEMO_CONTACT_PHONE,
            to: DEMO_CONTACT_PHONE,
            from: OUR_NUMBER,
            programId: 'growth',
            kind: 'campaign',
            campaignId: 'spring-sale',
            templateId: 'spring-v2',
            variant: 'personalized',
          },
        ],
      },
      now,
    ),
  });

  const statusQuery =
    'programId=growth&kind=campaign&campaignId=spring-sale&templateId=spring-v2&variant=personalized';
  const statusPath = `/webhooks/sms/twilio?${statusQuery}`;
  steps.push({
    label: 'twilio: status callback delivered',
    path: statusPath,
    request: signTwilio(twilioToken, `${baseUrl}${statusPath}`, {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      From: OUR_NUMBER,
      MessageSid: OUTBOUND_SID,
      MessageStatus: 'delivered',
      SmsSid: OUTBOUND_SID,
      SmsStatus: 'delivered',
      To: DEMO_CONTACT_PHONE,
    }),
  });

  const inbound = {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    Body: 'Can we talk tomorrow at 10? Interested in pricing',
    From: DEMO_CONTACT_PHONE,
    FromCity: 'SAN FRANCISCO',
    FromCountry: 'US',
    FromState: 'CA',
    FromZip: '94103',
    MessageSid: INBOUND_SID,
    MessagingServiceSid: 'MG7c4b1a0f9e8d7c6b5a4f3e2d1c0b9a8f',
    NumMedia: '0',
    NumSegments: '1',
    SmsMessageSid: INBOUND_SID,
    SmsSid: INBOUND_SID,
    SmsStatus: 'received',
    To: OUR_NUMBER,
    ToCity: 'SAN FRANCISCO',
    ToCountry: 'US',
    ToState: 'CA',
    ToZip: '94105',
  };
  steps.push({
    label: 'twilio: inbound reply',
    path: '/webhooks/sms/twilio',
    request: signTwilio(twilioToken, `${baseUrl}/webhooks/sms/twilio`, inbound),
  });
  // Twilio retries on timeouts: the same inbound message arrives again and must not double.
  steps.push({
    label: 'twilio: the same reply, retried',
    path: '/webhooks/sms/twilio',
    request: signTwilio(twilioToken, `${baseUrl}/webhooks/sms/twilio`, inbound),
  });
  return steps;
}
