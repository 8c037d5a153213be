import { z } from 'zod';

/** One message that counted against a contact's caps, or an email that opens a collision window. */
export const SendHistoryEntrySchema = z.object({
  at: z.string(),
  channel: z.enum(['sms', 'email']),
  programId: z.string(),
  workflowId: z.string().optional(),
  campaignId: z.string().optional(),
  requestId: z.string(),
});
export type SendHistoryEntry = z.infer<typeof SendHistoryEntrySchema>;

export interface LedgerVerdict<D> {
  decision: D;
  /** Present when the decision consumes capacity: appended atomically with the decision. */
  record?: SendHistoryEntry;
}

/**
 * A contact's recent sends, the state caps and collisions are decided on. `decideAndRecord`
 * is the atomic step: no two concurrent callers can both append against the same history,
 * so a cap can never be exceeded however many sends race.
 */
export interface SendLedger {
  history(contactKey: string): Promise<SendHistoryEntry[]>;
  decideAndRecord<D>(
    contactKey: string,
    decide: (history: SendHistoryEntry[]) => LedgerVerdict<D>,
  ): Promise<{ decision: D; recorded: boolean }>;
  /** Appends without a decision (emails seen from the vendor, for collision windows). Idempotent on requestId. */
  append(contactKey: string, entry: SendHistoryEntry): Promise<void>;
}
