/**
 * The port the send function talks to: one outbound SMS through one vendor's REST API.
 * Adapters: TwilioSmsSender, TelnyxSmsSender; locally both point at the fake vendor server.
 */

export type SmsVendor = 'twilio' | 'telnyx';

export interface OutboundSms {
  /** E.164 sender, short code, alphanumeric id, or a Twilio Messaging Service SID (`MG…`). */
  from: string;
  /** E.164 recipient. */
  to: string;
  body: string;
  /** Where the vendor posts delivery status updates for this message. */
  statusCallbackUrl?: string;
  /** Stable per logical send (e.g. the send request id), reused on every retry of it. */
  idempotencyKey: string;
}

export interface SendReceipt {
  vendorMessageId: string;
  /** The vendor's own status word at acceptance, e.g. `queued` or `accepted`. */
  status: string;
  /** Segments as the vendor reports them, when it does (Twilio reports 0 for a Messaging Service). */
  segments?: number;
  /** What the vendor says it charged, as a positive amount in millionths of `currency`. */
  priceMicros?: number;
  currency?: string;
}

export interface SmsSender {
  readonly vendor: SmsVendor;
  /**
   * Sends one message. Throws VendorRejectedError (permanent: do not resend), or
   * VendorUnavailableError (transient, after the adapter's own retries: resend later), or
   * VendorResponseError (accepted but unreadable: do not resend blindly).
   */
  send(message: OutboundSms): Promise<SendReceipt>;
  /**
   * The message a past `send(message)` made at or after `since`, where the vendor can be asked
   * (Twilio: yes; Telnyx keeps no searchable list). Lets a copy that takes over an interrupted
   * send find out whether the text is already out before sending it.
   */
  findSent?(message: OutboundSms, since: Date): Promise<SendReceipt | undefined>;
}

/** Any failure of a vendor call; `retryable` says whether sending again later is sound. */
export abstract class VendorError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    readonly vendor: SmsVendor,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The vendor refused the message for good (a 4xx other than 429): bad number, auth, or the
 * recipient opted out at the carrier or vendor. `optOut` marks the opt-out codes, which the
 * consent ledger records as an opt-out signal.
 */
export class VendorRejectedError extends VendorError {
  readonly retryable = false;
  constructor(
    vendor: SmsVendor,
    readonly status: number,
    /** The vendor's error code as a string, e.g. `21610` (Twilio) or `40300` (Telnyx). */
    readonly code: string | undefined,
    message: string,
    readonly optOut: boolean,
  ) {
    super(vendor, `${vendor} rejected the message (${status}${code ? ` ${code}` : ''}): ${message}`);
  }
}

/**
 * The vendor could not take the message now: 429, 5xx, timeout or network failure, still so
 * after the adapter's retries. `retryAfterMs` carries the vendor's own Retry-After, when it
 * asked for a wait longer than the adapter will block for.
 */
export class VendorUnavailableError extends VendorError {
  readonly retryable = true;
  constructor(
    vendor: SmsVendor,
    message: string,
    readonly details: {
      attempts: number;
      status?: number;
      code?: string;
      retryAfterMs?: number;
      cause?: unknown;
    },
  ) {
    super(vendor, `${vendor} unavailable after ${details.attempts} attempt(s): ${message}`, {
      cause: details.cause,
    });
  }
}

/**
 * The vendor answered 2xx with a body that is not its documented shape. The message may well
 * have gone out, so resending could text the person twice.
 */
export class VendorResponseError extends VendorError {
  readonly retryable = false;
}

/**
 * Converts a vendor's decimal amount ("-0.00750", "0.0051") to positive integer micros,
 * exactly (no binary floating point), rounding half up past the sixth decimal.
 * Returns undefined for null, empty or non-decimal input.
 */
export function decimalToMicros(amount: string | null | undefined): number | undefined {
  const match = /^\s*[-+]?(\d+)(?:\.(\d*))?\s*$/.exec(amount ?? '');
  if (!match) return undefined;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(7, '0');
  const micros = Number(whole) * 1_000_000 + Number(fraction.slice(0, 6));
  return Number(fraction[6]) >= 5 ? micros + 1 : micros;
}
