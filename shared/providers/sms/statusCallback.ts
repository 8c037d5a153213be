import type { EventDraft } from '../../../events/index.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { arrivalTime, senderAddress, touchIdentity } from './smsCallback.js';

/** What a form-encoded status callback (Twilio, Plivo) says about one of our messages. */
export interface StatusCallback {
  source: 'twilio' | 'plivo';
  request: WebhookRequest;
  messageId: string;
  /** The vendor's status word; it names the fact (`undelivered` and `failed` are two facts). */
  status: string;
  /** The contact's number (E.164). */
  to: string;
  segments?: number;
  /** Our sender; read only for `sent`, the one status that must name it. */
  from: () => string;
  errorCode?: string;
  errorMessage?: string;
  /** The vendor's code for "the recipient opted out at carrier level". */
  optedOutCode: string;
  /** Where the vendor returns our touch identity, for error messages. */
  identityFrom: string;
}

/**
 * The canonical event for a status callback. Both vendors date these by arrival: their own
 * timestamps carry no time zone or only minute precision.
 */
export function statusCallbackEvents(callback: StatusCallback): EventDraft[] {
  const { source, request, messageId, status, to, segments } = callback;
  const common = {
    source,
    vendorRef: `${messageId}:${status}`,
    occurredAt: arrivalTime(request),
    phone: to,
    channel: 'sms' as const,
    messageId,
    // Our send gate puts the touch identity on the callback URL, which the vendor signs.
    ...touchIdentity(request.query, callback.identityFrom),
    to,
  };
  const cost = segments ? { cost: { segments } } : {};
  if (status === 'sent') {
    return [{ ...common, type: 'message.sent', from: senderAddress(callback.from()), ...cost }];
  }
  if (status === 'delivered') return [{ ...common, type: 'message.delivered', ...cost }];
  const { errorCode, errorMessage } = callback;
  return [
    {
      ...common,
      type: 'message.failed',
      ...(errorCode ? { errorCode } : {}),
      ...(errorMessage ? { errorMessage } : {}),
      carrierOptOut: errorCode === callback.optedOutCode,
    },
  ];
}
