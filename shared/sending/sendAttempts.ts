/**
 * What happened to an allowed send request at the vendor, so a retried request neither loses
 * the message nor sends it twice when the vendor already accepted it.
 */
export type SendAttempt =
  | { state: 'sent'; vendorMessageId: string; at: string }
  | { state: 'rejected'; code?: string; at: string };

export interface SendAttempts {
  find(requestId: string): Promise<SendAttempt | undefined>;
  /** First outcome wins; later writes for the same request are ignored. */
  record(requestId: string, attempt: SendAttempt): Promise<void>;
}
