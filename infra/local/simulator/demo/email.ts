import { signGenericJson, signSendgrid } from '../signers.js';
import { LENA, MARIA, SHOP_URL } from './cast.js';
import { ago, type DemoStep, epochSeconds, firstSecret, HOUR, type StoryContext } from './story.js';

/** The email side of the story: SendGrid for Maria, a generic ESP for Lena. */

/** The `X-Message-Id` SendGrid's send API returned; events carry it as the start of `sg_message_id`. */
const SENDGRID_MESSAGE = 'pZ3kT8vQR0mWc1xYbN5aLg';
const SG_MESSAGE_ID = `${SENDGRID_MESSAGE}.recvd-7b6f9c8d5e-x4kqp-1-674E2B19-8.0`;

/** SendGrid's event ids: base64url of the event kind, a counter and the message. */
const sgEventId = (event: string, n: number) =>
  Buffer.from(`${event}-${n}-41227791-${SENDGRID_MESSAGE}-0`).toString('base64url');

/** Custom args set on the send; SendGrid echoes them as top-level fields of each event. */
const SPRING_ARGS = {
  programId: 'growth',
  campaignId: 'spring-sale',
  templateId: 'spring-email-v1',
  variant: 'personalized',
  utm_source: 'sendgrid',
  utm_medium: 'email',
  utm_campaign: 'spring-sale',
};

/** Maria: yesterday's spring-sale email is processed and delivered, then opened and clicked. */
function mariaViaSendgrid({ stack, now }: StoryContext): DemoStep[] {
  const key = stack.simulator.sendgridPrivateKeyPem;
  const sentAt = ago(now, 26 * HOUR);
  const openedAt = ago(now, 25 * HOUR);
  const common = {
    email: MARIA.email,
    'smtp-id': `<${SENDGRID_MESSAGE}@geopod-ismtpd-5>`,
    category: ['spring-sale'],
    sg_message_id: SG_MESSAGE_ID,
    ...SPRING_ARGS,
  };
  const browser = {
    useragent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    ip: '203.0.113.42',
  };
  return [
    {
      label: 'sendgrid: spring email to Maria delivered',
      path: '/webhooks/email/sendgrid',
      at: sentAt,
      request: signSendgrid(
        key,
        [
          {
            ...common,
            timestamp: epochSeconds(sentAt),
            event: 'processed',
            sg_event_id: sgEventId('processed', 0),
          },
          {
            ...common,
            timestamp: epochSeconds(sentAt) + 4,
            event: 'delivered',
            ip: '168.245.12.101',
            tls: 1,
            response: `250 2.0.0 OK ${epochSeconds(sentAt) + 4} d75a77b69052e-46.0 - gsmtp`,
            sg_event_id: sgEventId('delivered', 1),
          },
        ],
        now,
      ),
    },
    {
      label: 'sendgrid: Maria opens it, clicks pricing',
      path: '/webhooks/email/sendgrid',
      at: openedAt,
      request: signSendgrid(
        key,
        [
          {
            ...common,
            ...browser,
            timestamp: epochSeconds(openedAt),
            event: 'open',
            sg_machine_open: false,
            sg_event_id: sgEventId('open', 2),
          },
          {
            ...common,
            ...browser,
            timestamp: epochSeconds(openedAt) + 38,
            event: 'click',
            url: `${SHOP_URL}/pricing?utm_source=sendgrid&utm_medium=email&utm_campaign=spring-sale`,
            url_offset: { index: 0, type: 'html' },
            sg_event_id: sgEventId('click', 3),
          },
        ],
        now,
      ),
    },
  ];
}

const ESP_MESSAGE = 'esp_msg_01JDB3K8T2V9W4X6Y8Z0A2B4C6';

/** Lena: the spring email from a generic ESP is sent and delivered, then opened and clicked. */
function lenaViaGenericEsp({ stack, now }: StoryContext): DemoStep[] {
  const secret = firstSecret(stack.secrets.GENERIC_WEBHOOK_SECRET);
  const sentAt = ago(now, 24 * HOUR);
  const openedAt = ago(now, 23 * HOUR);
  const touch = {
    email: LENA.email,
    channel: 'email',
    messageId: ESP_MESSAGE,
    programId: 'growth',
    kind: 'campaign',
    campaignId: 'spring-sale',
    templateId: 'spring-email-v1',
    variant: 'generic',
  };
  const at = (base: Date, seconds: number) => ago(base, 0, seconds).toISOString();
  return [
    {
      label: 'generic email: spring email to Lena delivered',
      path: '/webhooks/email/generic',
      at: sentAt,
      request: signGenericJson(
        secret,
        {
          events: [
            { id: 'esp_evt_01JDB3K9A1', type: 'email.sent', occurredAt: at(sentAt, 0), ...touch },
            { id: 'esp_evt_01JDB3K9F7', type: 'email.delivered', occurredAt: at(sentAt, 3), ...touch },
          ],
        },
        now,
      ),
    },
    {
      label: 'generic email: Lena opens it, clicks the offer',
      path: '/webhooks/email/generic',
      at: openedAt,
      request: signGenericJson(
        secret,
        {
          events: [
            {
              id: 'esp_evt_01JDB7M2C4',
              type: 'email.opened',
              occurredAt: at(openedAt, 0),
              ...touch,
              machineOpen: false,
            },
            {
              id: 'esp_evt_01JDB7M6H8',
              type: 'email.clicked',
              occurredAt: at(openedAt, 21),
              ...touch,
              destination: `${SHOP_URL}/spring?code=SPRING15`,
              utm: { source: 'esp', medium: 'email', campaign: 'spring-sale' },
            },
          ],
        },
        now,
      ),
    },
  ];
}

export function emailChapters(context: StoryContext): DemoStep[] {
  return [...mariaViaSendgrid(context), ...lenaViaGenericEsp(context)];
}
