import { signBasicJson, signGenericJson, signPlivo, signTelnyx, signTwilio, signVonage } from '../signers.js';
import { LENA, MARIA, OUR_NUMBERS, PRIYA, SAM, TOM } from './cast.js';
import {
  ago,
  type DemoStep,
  firstSecret,
  HOUR,
  isoSeconds,
  MINUTE,
  SECOND,
  type StoryContext,
} from './story.js';

/**
 * The SMS side of the story, one chapter per vendor, each payload in the shape the vendor's
 * documentation gives (see the provider for each @see link).
 */

/** Vonage and Plivo write numbers without the leading '+'. */
const bare = (e164: string) => e164.slice(1);

const TWILIO_ACCOUNT_SID = 'AC3f2b9e0c5d8a4b7e9c1d2e3f4a5b6c7d';
const TWILIO_OUTBOUND_SID = 'SM9a7c3e1f5b2d4c6e8a0b1c2d3e4f5a6b';
const TWILIO_INBOUND_SID = 'SMe1d2c3b4a5f60718293a4b5c6d7e8f90';

/**
 * Maria: our send gate reports the spring-sale text it sent (generic endpoint), Twilio reports
 * it delivered, Maria replies asking for a call, and Twilio retries that reply once.
 */
function mariaViaTwilio({ stack, now }: StoryContext): DemoStep[] {
  const { secrets, baseUrl } = stack;
  const twilioToken = secrets.TWILIO_AUTH_TOKEN ?? '';
  const sentAt = ago(now, 30 * MINUTE);
  const steps: DemoStep[] = [
    {
      label: 'generic: campaign text sent',
      path: '/webhooks/sms/generic',
      at: sentAt,
      request: signGenericJson(
        firstSecret(secrets.GENERIC_WEBHOOK_SECRET),
        {
          events: [
            {
              id: TWILIO_OUTBOUND_SID,
              type: 'message.sent',
              occurredAt: sentAt.toISOString(),
              channel: 'sms',
              messageId: TWILIO_OUTBOUND_SID,
              phone: MARIA.phone,
              to: MARIA.phone,
              from: OUR_NUMBERS.twilio,
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
    },
  ];

  // Our send gate puts the touch identity on the StatusCallback URL; Twilio signs it with the query.
  const statusQuery =
    'programId=growth&kind=campaign&campaignId=spring-sale&templateId=spring-v2&variant=personalized';
  const statusPath = `/webhooks/sms/twilio?${statusQuery}`;
  steps.push({
    label: 'twilio: status callback delivered',
    path: statusPath,
    // Twilio status callbacks and inbound messages carry no time: the arrival is the fact's time.
    at: now,
    request: signTwilio(twilioToken, `${baseUrl}${statusPath}`, {
      AccountSid: TWILIO_ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      From: OUR_NUMBERS.twilio,
      MessageSid: TWILIO_OUTBOUND_SID,
      MessageStatus: 'delivered',
      SmsSid: TWILIO_OUTBOUND_SID,
      SmsStatus: 'delivered',
      To: MARIA.phone,
    }),
  });

  const inbound = {
    AccountSid: TWILIO_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    Body: 'Can we talk tomorrow at 10? Interested in pricing',
    From: MARIA.phone,
    FromCity: 'SAN FRANCISCO',
    FromCountry: 'US',
    FromState: 'CA',
    FromZip: '94103',
    MessageSid: TWILIO_INBOUND_SID,
    MessagingServiceSid: 'MG7c4b1a0f9e8d7c6b5a4f3e2d1c0b9a8f',
    NumMedia: '0',
    NumSegments: '1',
    SmsMessageSid: TWILIO_INBOUND_SID,
    SmsSid: TWILIO_INBOUND_SID,
    SmsStatus: 'received',
    To: OUR_NUMBERS.twilio,
    ToCity: 'SAN FRANCISCO',
    ToCountry: 'US',
    ToState: 'CA',
    ToZip: '94105',
  };
  const inboundUrl = `${baseUrl}/webhooks/sms/twilio`;
  steps.push({
    label: 'twilio: inbound reply',
    path: '/webhooks/sms/twilio',
    at: now,
    request: signTwilio(twilioToken, inboundUrl, inbound),
  });
  // Twilio retries on timeouts: the same inbound message arrives again and must not double.
  steps.push({
    label: 'twilio: the same reply, retried',
    path: '/webhooks/sms/twilio',
    at: now,
    request: signTwilio(twilioToken, inboundUrl, inbound),
  });
  return steps;
}

const TELNYX_PROFILE = {
  messaging_profile_id: '4001767e-ce0f-4cae-9d5f-0d5e636e7809',
  organization_id: '9a3b1c5d-7e2f-4a60-8b19-c4d2e6f80a17',
};
const TELNYX_RENEWAL_ID = '40385f64-5717-4562-b3fc-2c963f66afa6';
const TELNYX_RENEWAL_TEXT =
  "Hi Priya, your Globex plan renews in 30 days. Want this year's quote? Reply STOP to opt out.";

/** Telnyx writes times as `2026-11-25T15:00:04.148+00:00`. */
const telnyxTime = (at: Date) => at.toISOString().replace('Z', '+00:00');

/** The message record (MDR) Telnyx puts in `data.payload`. */
function telnyxMessage(fields: Record<string, unknown>) {
  return {
    cc: [],
    completed_at: null,
    cost: null,
    direction: 'outbound',
    encoding: 'GSM-7',
    errors: [],
    media: [],
    ...TELNYX_PROFILE,
    parts: 1,
    record_type: 'message',
    sent_at: null,
    subject: null,
    tags: [],
    type: 'SMS',
    valid_until: null,
    webhook_failover_url: null,
    webhook_url: 'https://hooks.example.com/webhooks/sms/telnyx',
    ...fields,
  };
}

function telnyxEvent(webhookId: string, eventType: string, at: Date, payload: Record<string, unknown>) {
  return {
    data: {
      event_type: eventType,
      id: webhookId,
      occurred_at: telnyxTime(at),
      payload,
      record_type: 'event',
    },
    meta: { attempt: 1, delivered_to: 'https://hooks.example.com/webhooks/sms/telnyx' },
  };
}

/** Priya: step 1 of the 30-day renewal flow via Telnyx is sent, delivered, and answered. */
function priyaViaTelnyx({ stack, now }: StoryContext): DemoStep[] {
  const key = stack.simulator.telnyxPrivateKeyPem;
  const queuedAt = ago(now, 2 * HOUR);
  const sentAt = ago(now, 2 * HOUR, 1);
  const deliveredAt = ago(now, 2 * HOUR, 4);
  const repliedAt = ago(now, 95 * MINUTE);
  const outbound = {
    from: { carrier: 'TELNYX LLC', line_type: 'VoIP', phone_number: OUR_NUMBERS.telnyx },
    id: TELNYX_RENEWAL_ID,
    received_at: telnyxTime(queuedAt),
    sent_at: telnyxTime(sentAt),
    cost: { amount: '0.0051', currency: 'USD' },
    tags: [
      'program:renewals',
      'workflow:wf_renewal_30d',
      'step:1',
      'template:tpl_renewal_v3',
      'variant:personalized',
    ],
    text: TELNYX_RENEWAL_TEXT,
    valid_until: telnyxTime(ago(now, HOUR)),
  };
  const recipient = { carrier: 'T-MOBILE USA, INC.', line_type: 'Wireless', phone_number: PRIYA.phone };
  return [
    {
      label: 'telnyx: renewal text to Priya sent',
      path: '/webhooks/sms/telnyx',
      at: sentAt,
      request: signTelnyx(
        key,
        telnyxEvent(
          '86f58db9-0fe3-4adc-9d1f-46e66e6e9323',
          'message.sent',
          sentAt,
          telnyxMessage({ ...outbound, to: [{ ...recipient, status: 'sent' }] }),
        ),
        now,
      ),
    },
    {
      label: 'telnyx: renewal text delivered',
      path: '/webhooks/sms/telnyx',
      at: deliveredAt,
      request: signTelnyx(
        key,
        telnyxEvent(
          '4ee8c3a6-4995-4309-a3c6-38e3db9ea4be',
          'message.finalized',
          deliveredAt,
          telnyxMessage({
            ...outbound,
            completed_at: telnyxTime(deliveredAt),
            to: [{ ...recipient, status: 'delivered' }],
          }),
        ),
        now,
      ),
    },
    {
      label: 'telnyx: Priya asks for the quote',
      path: '/webhooks/sms/telnyx',
      at: repliedAt,
      request: signTelnyx(
        key,
        telnyxEvent(
          'b301ed3f-1490-491f-995f-6e64e69674d4',
          'message.received',
          repliedAt,
          telnyxMessage({
            direction: 'inbound',
            from: recipient,
            id: '84cca175-9755-4859-b67f-4730d7f58aa3',
            received_at: telnyxTime(repliedAt),
            text: 'Yes please, send the quote to my email',
            to: [
              {
                carrier: 'Telnyx',
                line_type: 'Wireless',
                phone_number: OUR_NUMBERS.telnyx,
                status: 'webhook_delivered',
              },
            ],
          }),
        ),
        now,
      ),
    },
  ];
}

const VONAGE_INVITE_UUID = '7d3f6b2a-91c4-4e58-a0d7-3c6b9e2f1a84';
/** Vonage caps client_ref at 100 characters: short keys, short ids. */
const VONAGE_CLIENT_REF = JSON.stringify({
  programId: 'events',
  campaignId: 'q4-webinar',
  templateId: 'tpl_web1',
  variant: 'pers',
});

/** Tom: a webinar invite via Vonage (Messages API) is submitted, delivered, and answered. */
function tomViaVonage({ stack, now }: StoryContext): DemoStep[] {
  const secret = firstSecret(stack.secrets.VONAGE_SIGNATURE_SECRET);
  const submittedAt = ago(now, 3 * HOUR);
  const deliveredAt = ago(now, 3 * HOUR, 3);
  const repliedAt = ago(now, 170 * MINUTE);
  const status = (state: string, at: Date) => ({
    message_uuid: VONAGE_INVITE_UUID,
    to: bare(TOM.phone),
    from: bare(OUR_NUMBERS.vonage),
    timestamp: at.toISOString(),
    status: state,
    usage: { currency: 'EUR', price: '0.0333' },
    client_ref: VONAGE_CLIENT_REF,
    channel: 'sms',
    destination: { network_code: '310260' },
    sms: { count_total: '1' },
  });
  return [
    {
      label: 'vonage: webinar invite to Tom submitted',
      path: '/webhooks/sms/vonage',
      at: submittedAt,
      request: signVonage(secret, status('submitted', submittedAt), now),
    },
    {
      label: 'vonage: webinar invite delivered',
      path: '/webhooks/sms/vonage',
      at: deliveredAt,
      request: signVonage(secret, status('delivered', deliveredAt), now),
    },
    {
      label: 'vonage: Tom asks for a demo instead',
      path: '/webhooks/sms/vonage',
      at: repliedAt,
      request: signVonage(
        secret,
        {
          channel: 'sms',
          message_uuid: 'e5a1c9d3-2b7f-4086-9e4d-1f3a5c7b9d20',
          to: bare(OUR_NUMBERS.vonage),
          from: bare(TOM.phone),
          timestamp: isoSeconds(repliedAt),
          context_status: 'none',
          message_type: 'text',
          text: "Can't make the webinar. Could someone show me a demo, 10am tomorrow?",
          sms: { num_messages: '1' },
          usage: { price: '0.0057', currency: 'EUR' },
          origin: { network_code: '310260' },
        },
        now,
      ),
    },
  ];
}

const PLIVO_THANKS_UUID = 'f75dec2f-7c86-4c16-8f94-d128e7377b7d';

/** Plivo's `2026-11-25 15:04:05.123456`: UTC, no zone, microseconds. */
const plivoTime = (at: Date) => `${at.toISOString().replace('T', ' ').slice(0, 23)}000`;

/**
 * Lena: after her web-shop order, the post-purchase flow texts her a thank-you via Plivo; Plivo
 * reports it sent and delivered, and she answers.
 */
function lenaViaPlivo({ stack, now }: StoryContext): DemoStep[] {
  const { baseUrl, secrets } = stack;
  const token = firstSecret(secrets.PLIVO_AUTH_TOKEN);
  // The send gate's touch identity rides on the message `url`, which Signature V3 signs.
  const statusPath =
    '/webhooks/sms/plivo?programId=growth&kind=flow&workflowId=wf_post_purchase&step=1&templateId=tpl_thanks_v1&variant=personalized';
  const common = {
    From: bare(OUR_NUMBERS.plivo),
    To: bare(LENA.phone),
    Type: 'sms',
    MessageUUID: PLIVO_THANKS_UUID,
    Units: '1',
    TotalRate: '0.00500',
    TotalAmount: '0.00500',
    MCC: '310',
    MNC: '260',
    ParentMessageUUID: PLIVO_THANKS_UUID,
    PartInfo: '1 of 1',
    MessageTime: plivoTime(ago(now, 3 * SECOND)),
    QueuedTime: plivoTime(ago(now, 3 * SECOND)),
  };
  return [
    {
      label: 'plivo: thank-you text to Lena sent',
      path: statusPath,
      // Plivo's times carry no zone, so the callback's arrival is the fact's time.
      at: now,
      request: signPlivo(token, `${baseUrl}${statusPath}`, {
        ...common,
        Status: 'sent',
        Sequence: '2',
        SentTime: plivoTime(ago(now, 2 * SECOND)),
        PowerpackUUID: '',
        requester_ip: '203.0.113.7',
      }),
    },
    {
      label: 'plivo: thank-you text delivered',
      path: statusPath,
      at: now,
      request: signPlivo(token, `${baseUrl}${statusPath}`, {
        ...common,
        Status: 'delivered',
        Sequence: '3',
        SentTime: plivoTime(ago(now, 2 * SECOND)),
        DeliveryReportTime: plivoTime(ago(now, SECOND)),
        ErrorCode: '',
        PowerpackUUID: '',
        requester_ip: '203.0.113.7',
      }),
    },
    {
      label: 'plivo: Lena replies',
      path: '/webhooks/sms/plivo',
      at: now,
      request: signPlivo(token, `${baseUrl}/webhooks/sms/plivo`, {
        From: bare(LENA.phone),
        TotalRate: '0.00000',
        Units: '1',
        Text: 'Order arrived today, thank you! Do you have it in blue too?',
        TotalAmount: '0.00000',
        Type: 'sms',
        MessageIntent: '',
        To: bare(OUR_NUMBERS.plivo),
        PowerpackUUID: '',
        MessageUUID: '0e987574-3e93-479d-96de-d48e530958d8',
      }),
    },
  ];
}

const BANDWIDTH_APPLICATION = '93de2206-9669-4e07-948d-329f4b722ee2';

/** Bandwidth message ids are the epoch millis of the message followed by 16 random characters. */
const bandwidthId = (at: Date, suffix: string) => `${at.getTime()}${suffix}`;

/** Sam: step 2 of the renewal flow via Bandwidth is sending, delivered, and answered. */
function samViaBandwidth({ stack, now }: StoryContext): DemoStep[] {
  const { BANDWIDTH_USERNAME: user = '', BANDWIDTH_PASSWORD: password = '' } = stack.secrets;
  const createdAt = ago(now, 50 * MINUTE);
  const outbound = {
    id: bandwidthId(createdAt, 'k2x8m4q9w1z7c3v5'),
    owner: OUR_NUMBERS.bandwidth,
    applicationId: BANDWIDTH_APPLICATION,
    time: createdAt.toISOString(),
    segmentCount: 1,
    direction: 'out',
    to: [SAM.phone],
    from: OUR_NUMBERS.bandwidth,
    text: '',
    tag: JSON.stringify({
      programId: 'renewals',
      kind: 'flow',
      workflowId: 'wf_renewal_30d',
      step: 2,
      templateId: 'tpl_renewal_v3',
      variant: 'personalized',
    }),
  };
  const callback = (type: string, at: Date, description: string) => [
    { type, time: at.toISOString(), description, to: SAM.phone, message: outbound },
  ];
  const repliedAt = ago(now, 42 * MINUTE);
  return [
    {
      label: 'bandwidth: renewal reminder to Sam sending',
      path: '/webhooks/sms/bandwidth',
      at: ago(now, 50 * MINUTE, 2),
      request: signBasicJson(
        user,
        password,
        callback('message-sending', ago(now, 50 * MINUTE, 2), 'Message is sending to carrier'),
      ),
    },
    {
      label: 'bandwidth: renewal reminder delivered',
      path: '/webhooks/sms/bandwidth',
      at: ago(now, 50 * MINUTE, 5),
      request: signBasicJson(
        user,
        password,
        callback('message-delivered', ago(now, 50 * MINUTE, 5), 'Message delivered to carrier'),
      ),
    },
    {
      label: 'bandwidth: Sam says he renewed',
      path: '/webhooks/sms/bandwidth',
      at: repliedAt,
      request: signBasicJson(user, password, [
        {
          type: 'message-received',
          time: repliedAt.toISOString(),
          description: 'Incoming message received',
          to: OUR_NUMBERS.bandwidth,
          message: {
            id: bandwidthId(repliedAt, 'p7r2t9y4u1i6o3a8'),
            owner: OUR_NUMBERS.bandwidth,
            applicationId: BANDWIDTH_APPLICATION,
            time: repliedAt.toISOString(),
            segmentCount: 1,
            direction: 'in',
            to: [OUR_NUMBERS.bandwidth],
            from: SAM.phone,
            text: 'Just renewed online, thanks for the reminder',
            media: [],
          },
        },
      ]),
    },
  ];
}

export function smsChapters(context: StoryContext): DemoStep[] {
  return [
    ...mariaViaTwilio(context),
    ...priyaViaTelnyx(context),
    ...tomViaVonage(context),
    ...lenaViaPlivo(context),
    ...samViaBandwidth(context),
  ];
}
