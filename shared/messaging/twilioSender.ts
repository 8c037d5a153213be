import { callVendor, type HttpOptions } from './httpRetry.js';
import {
  decimalToMicros,
  type OutboundSms,
  type SendReceipt,
  type SmsSender,
  VendorResponseError,
} from './smsSender.js';

export const TWILIO_DEFAULT_BASE_URL = 'https://api.twilio.com';

/** Twilio error 21610: the recipient replied STOP (or similar) to this sender. */
const TWILIO_OPT_OUT_CODES: ReadonlySet<string> = new Set(['21610']);

export interface TwilioSenderOptions extends HttpOptions {
  accountSid: string;
  authToken: string;
  /** @default https://api.twilio.com (locally, the fake vendor server) */
  baseUrl?: string;
}

/** The fields of Twilio's Message resource this adapter reads; all others are ignored. */
interface TwilioMessage {
  sid: string;
  status: string;
  num_segments?: string | null;
  price?: string | null;
  price_unit?: string | null;
}

function isTwilioMessage(body: unknown): body is TwilioMessage {
  const b = body as Partial<TwilioMessage> | null;
  return typeof b?.sid === 'string' && typeof b.status === 'string';
}

/** Twilio's REST error body: `{ code, message, more_info, status }`. */
function readTwilioError(body: unknown): { code?: string; message?: string } {
  const b = body as { code?: unknown; message?: unknown } | null | undefined;
  return {
    code: typeof b?.code === 'number' || typeof b?.code === 'string' ? String(b.code) : undefined,
    message: typeof b?.message === 'string' ? b.message : undefined,
  };
}

/**
 * Sends SMS with Twilio Programmable Messaging: a form-encoded POST to the account's
 * Messages.json with HTTP Basic auth. A `from` starting with `MG` is a Messaging Service SID
 * and goes in `MessagingServiceSid` instead of `From`.
 *
 * The idempotency key travels as `I-Twilio-Idempotency-Token`. Twilio documents that header on
 * the webhooks it sends, not as a deduplication key for message creation, so it is a
 * correlation aid only: a retried create after a timeout may still send twice.
 *
 * @see https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 * @see https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions
 */
export class TwilioSmsSender implements SmsSender {
  readonly vendor = 'twilio';
  private readonly url: string;
  private readonly authorization: string;

  constructor(private readonly options: TwilioSenderOptions) {
    const base = (options.baseUrl ?? TWILIO_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  async send(message: OutboundSms): Promise<SendReceipt> {
    const form = new URLSearchParams({ To: message.to, Body: message.body });
    form.set(message.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', message.from);
    if (message.statusCallbackUrl) form.set('StatusCallback', message.statusCallbackUrl);

    const answer = await callVendor(
      {
        vendor: this.vendor,
        url: this.url,
        headers: {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'i-twilio-idempotency-token': message.idempotencyKey,
        },
        body: form.toString(),
        readError: readTwilioError,
        optOutCodes: TWILIO_OPT_OUT_CODES,
      },
      this.options,
    );

    if (!isTwilioMessage(answer.body)) {
      throw new VendorResponseError(this.vendor, `twilio answered ${answer.status} without a message sid`);
    }
    const { sid, status, num_segments, price, price_unit } = answer.body;
    // A Messaging Service reports 0 segments until it picks a sender: 0 means "not known yet".
    const segments = Number(num_segments);
    const priceMicros = decimalToMicros(price);
    return {
      vendorMessageId: sid,
      status,
      ...(Number.isInteger(segments) && segments > 0 ? { segments } : {}),
      ...(priceMicros !== undefined ? { priceMicros } : {}),
      ...(priceMicros !== undefined && price_unit ? { currency: price_unit } : {}),
    };
  }
}
