import type { FakeSentMessage } from '../../../shared/messaging/fakeVendorServer.js';
import type { VendorSecrets } from '../../../shared/secrets/vendorSecrets.js';
import type { SimulatorKeys } from '../localSecrets.js';
import { signTelnyx, signTwilio } from './signers.js';

/**
 * What the vendors do after accepting a message on a laptop: post a signed `delivered` status
 * callback to the URL the send asked for, exactly as Twilio and Telnyx would.
 */
export function deliveryReporter(secrets: VendorSecrets, simulator: SimulatorKeys) {
  return async function reportDelivered(message: FakeSentMessage): Promise<void> {
    if (!message.statusCallbackUrl) return;
    const request =
      message.vendor === 'twilio'
        ? signTwilio(secrets.TWILIO_AUTH_TOKEN ?? '', message.statusCallbackUrl, {
            AccountSid: message.accountSid ?? secrets.TWILIO_ACCOUNT_SID ?? '',
            ApiVersion: '2010-04-01',
            From: message.from,
            MessageSid: message.vendorMessageId,
            MessageStatus: 'delivered',
            SmsSid: message.vendorMessageId,
            SmsStatus: 'delivered',
            To: message.to,
          })
        : signTelnyx(
            simulator.telnyxPrivateKeyPem,
            {
              data: {
                event_type: 'message.finalized',
                id: crypto.randomUUID(),
                occurred_at: new Date().toISOString(),
                record_type: 'event',
                payload: {
                  id: message.vendorMessageId,
                  direction: 'outbound',
                  type: 'SMS',
                  record_type: 'message',
                  from: { phone_number: message.from },
                  to: [{ phone_number: message.to, status: 'delivered' }],
                  text: message.body,
                  parts: 1,
                },
              },
              meta: { attempt: 1, delivered_to: message.statusCallbackUrl },
            },
            new Date(),
          );
    const response = await fetch(message.statusCallbackUrl, { method: 'POST', ...request });
    if (!response.ok) console.error(`fake ${message.vendor}: status callback refused (${response.status})`);
  };
}
