import type { EventDraft, Vendor } from '../../events/index.js';
import type { WebhookRequest, WebhookResponse } from '../http/webhookRequest.js';
import type { VendorSecrets } from '../secrets/vendorSecrets.js';

export type ProviderFamily = 'sms' | 'crm' | 'email';

/**
 * One vendor's webhook dialect. `verify` runs on the raw bytes before anything is parsed and
 * throws `SignatureInvalidError`; `normalize` throws `MalformedPayloadError` for a body that
 * does not follow the vendor's documented payload. Neither touches storage.
 */
export interface WebhookProvider {
  readonly family: ProviderFamily;
  readonly vendor: Vendor;
  /** Media types the vendor sends; anything else is 415. */
  readonly contentTypes: readonly string[];
  verify(request: WebhookRequest, secrets: VendorSecrets, now: Date): void | Promise<void>;
  normalize(request: WebhookRequest): EventDraft[];
  /** The body the vendor expects back (TwiML, SOAP Ack); default is `{"received": n}`. */
  respond?(request: WebhookRequest): WebhookResponse;
}
