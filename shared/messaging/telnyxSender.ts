import { callVendor, type HttpOptions } from './httpRetry.js';
import {
  decimalToMicros,
  type OutboundSms,
  type SendReceipt,
  type SmsSender,
  VendorResponseError,
} from './smsSender.js';

export const TELNYX_DEFAULT_BASE_URL = 'https://api.telnyx.com';

/** Telnyx error 40300 "Blocked due to STOP message" (HTTP 409): the recipient opted out. */
const TELNYX_OPT_OUT_CODES: ReadonlySet<string> = new Set(['40300']);

export interface TelnyxSenderOptions extends HttpOptions {
  apiKey: string;
  /** @default https://api.telnyx.com (locally, the fake vendor server) */
  baseUrl?: string;
}

/** The fields of Telnyx's outbound message payload this adapter reads. */
interface TelnyxMessage {
  id: string;
  to?: Array<{ status?: string }>;
  parts?: number | null;
  cost?: { amount?: string | null; currency?: string | null } | null;
}

function messageOf(body: unknown): TelnyxMessage | undefined {
  const data = (body as { data?: Partial<TelnyxMessage> } | null)?.data;
  return typeof data?.id === 'string' ? (data as TelnyxMessage) : undefined;
}

/** Telnyx's v2 error body: `{ errors: [{ code, title, detail, meta }] }`; the first one counts. */
function readTelnyxError(body: unknown): { code?: string; message?: string } {
  const first = (body as { errors?: Array<{ code?: unknown; title?: unknown; detail?: unknown }> } | null)
    ?.errors?.[0];
  const text = [first?.title, first?.detail].filter((part) => typeof part === 'string').join(': ');
  return {
    code: typeof first?.code === 'string' || typeof first?.code === 'number' ? String(first.code) : undefined,
    message: text || undefined,
  };
}

/**
 * Sends SMS with the Telnyx v2 Messages API: a JSON POST with a Bearer API key.
 *
 * No `Idempotency-Key` header: Telnyx honours it only on endpoints whose reference declares it,
 * and `POST /v2/messages` does not (nor does the official SDK send one for it). The key is still
 * part of OutboundSms for the adapters that can use it.
 *
 * @see https://developers.telnyx.com/api-reference/messages/send-a-message
 * @see https://developers.telnyx.com/docs/development/api-fundamentals/idempotency
 */
export class TelnyxSmsSender implements SmsSender {
  readonly vendor = 'telnyx';
  private readonly url: string;

  constructor(private readonly options: TelnyxSenderOptions) {
    this.url = `${(options.baseUrl ?? TELNYX_DEFAULT_BASE_URL).replace(/\/+$/, '')}/v2/messages`;
  }

  async send(message: OutboundSms): Promise<SendReceipt> {
    const answer = await callVendor(
      {
        vendor: this.vendor,
        url: this.url,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({
          from: message.from,
          to: message.to,
          text: message.body,
          ...(message.statusCallbackUrl ? { webhook_url: message.statusCallbackUrl } : {}),
        }),
        readError: readTelnyxError,
        optOutCodes: TELNYX_OPT_OUT_CODES,
      },
      this.options,
    );

    const data = messageOf(answer.body);
    if (!data) throw new VendorResponseError(this.vendor, `telnyx answered ${answer.status} without data.id`);
    const priceMicros = decimalToMicros(data.cost?.amount);
    return {
      vendorMessageId: data.id,
      // One recipient per request, so the first `to` entry is this message's status; a 200
      // means Telnyx queued it, which is what an absent status can only mean.
      status: data.to?.[0]?.status ?? 'queued',
      ...(typeof data.parts === 'number' && data.parts > 0 ? { segments: data.parts } : {}),
      ...(priceMicros !== undefined ? { priceMicros } : {}),
      ...(priceMicros !== undefined && data.cost?.currency ? { currency: data.cost.currency } : {}),
    };
  }
}
