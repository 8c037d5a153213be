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
  to?: string | null;
  from?: string | null;
  body?: string | null;
  messaging_service_sid?: string | null;
  date_created?: string | null;
}

/** How far back a lookup looks before the first try: the vendor's clock and ours differ a little. */
const LOOKUP_SKEW_MS = 5 * 60_000;
/** Newest first; a person gets a handful of texts a day from one sender, so one page is plenty. */
const LOOKUP_PAGE_SIZE = 50;

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
 * correlation aid only. A try that got no answer is therefore looked up in the Messages list
 * before it is tried again (`findSent`), so a timeout after Twilio accepted is not a second text.
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

    const started = new Date(this.options.now?.() ?? Date.now());
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
        lookup: () => this.findMessage(message, started),
      },
      this.options,
    );

    return this.receiptOf(answer.status, answer.body);
  }

  /**
   * The message this adapter created for `message` at or after `since`, if Twilio has it: the
   * Messages list filtered by To (and From), newest first, matched on sender and body. Twilio
   * keeps no client reference on a message, so the body is the key; the claim on the request
   * id already keeps two requests with one body from racing to one person.
   * @see https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources
   */
  async findSent(message: OutboundSms, since: Date): Promise<SendReceipt | undefined> {
    const found = await this.findMessage(message, since);
    return found === undefined ? undefined : this.receiptOf(200, found);
  }

  private async findMessage(message: OutboundSms, since: Date): Promise<TwilioMessage | undefined> {
    const viaService = message.from.startsWith('MG');
    const query = new URLSearchParams({ To: message.to, PageSize: String(LOOKUP_PAGE_SIZE) });
    if (!viaService) query.set('From', message.from);
    const fetchFn = this.options.fetch ?? globalThis.fetch;
    const response = await fetchFn(`${this.url}?${query}`, {
      headers: { authorization: this.authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.retry?.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`twilio Messages list answered ${response.status}`);
    const page = (await response.json()) as { messages?: unknown[] };
    const earliest = since.getTime() - LOOKUP_SKEW_MS;
    return (page.messages ?? [])
      .filter(isTwilioMessage)
      .find(
        (m) =>
          m.body === message.body &&
          (viaService ? m.messaging_service_sid === message.from : m.from === message.from) &&
          Date.parse(m.date_created ?? '') >= earliest,
      );
  }

  private receiptOf(status: number, body: unknown): SendReceipt {
    if (!isTwilioMessage(body)) {
      throw new VendorResponseError(this.vendor, `twilio answered ${status} without a message sid`);
    }
    const { sid, num_segments, price, price_unit } = body;
    // A Messaging Service reports 0 segments until it picks a sender: 0 means "not known yet".
    const segments = Number(num_segments);
    const priceMicros = decimalToMicros(price);
    return {
      vendorMessageId: sid,
      status: body.status,
      ...(Number.isInteger(segments) && segments > 0 ? { segments } : {}),
      ...(priceMicros !== undefined ? { priceMicros } : {}),
      ...(priceMicros !== undefined && price_unit ? { currency: price_unit } : {}),
    };
  }
}
