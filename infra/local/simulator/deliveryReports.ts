import type { FakeSentMessage } from '../../../shared/messaging/fakeVendorServer.js';
import { now } from '../../../shared/runtime/clock.js';
import type { VendorSecrets } from '../../../shared/secrets/vendorSecrets.js';
import type { SimulatorKeys } from '../localSecrets.js';
import { signTelnyx, signTwilio } from './signers.js';

/** What the handset's carrier did with a message: delivered, or failed with the vendor's error code. */
export type DeliveryFate = { status: 'delivered' } | { status: 'undelivered' | 'failed'; errorCode: string };

/** Decides each message's fate; the simulated world plants failures through it. */
export type DeliveryFateOf = (message: FakeSentMessage) => DeliveryFate;

const ALWAYS_DELIVERED: DeliveryFateOf = () => ({ status: 'delivered' });

/**
 * What the vendors do after accepting a message on a laptop: post a signed status callback
 * (`delivered` unless `fateOf` says otherwise) to the URL the send asked for, exactly as Twilio
 * and Telnyx would.
 */
export function deliveryReporter(
  secrets: VendorSecrets,
  simulator: SimulatorKeys,
  fateOf: () => DeliveryFateOf = () => ALWAYS_DELIVERED,
) {
  return async function reportDelivered(message: FakeSentMessage): Promise<void> {
    if (!message.statusCallbackUrl) return;
    const fate = fateOf()(message);
    const failure = fate.status === 'delivered' ? undefined : fate;
    const request =
      message.vendor === 'twilio'
        ? signTwilio(secrets.TWILIO_AUTH_TOKEN ?? '', message.statusCallbackUrl, {
            AccountSid: message.accountSid ?? secrets.TWILIO_ACCOUNT_SID ?? '',
            ApiVersion: '2010-04-01',
            From: message.from,
            MessageSid: message.vendorMessageId,
            MessageStatus: fate.status,
            SmsSid: message.vendorMessageId,
            SmsStatus: fate.status,
            To: message.to,
            ...(failure ? { ErrorCode: failure.errorCode } : {}),
          })
        : signTelnyx(
            simulator.telnyxPrivateKeyPem,
            {
              data: {
                event_type: 'message.finalized',
                id: crypto.randomUUID(),
                occurred_at: now().toISOString(),
                record_type: 'event',
                payload: {
                  id: message.vendorMessageId,
                  direction: 'outbound',
                  type: 'SMS',
                  record_type: 'message',
                  from: { phone_number: message.from },
                  to: [{ phone_number: message.to, status: failure ? 'delivery_failed' : 'delivered' }],
                  text: message.body,
                  parts: 1,
                  ...(failure ? { errors: [{ code: failure.errorCode, title: 'Delivery failed' }] } : {}),
                },
              },
              meta: { attempt: 1, delivered_to: message.statusCallbackUrl },
            },
            now(),
          );
    const response = await fetch(message.statusCallbackUrl, { method: 'POST', ...request });
    if (!response.ok) console.error(`fake ${message.vendor}: status callback refused (${response.status})`);
  };
}
