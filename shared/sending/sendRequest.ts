import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toE164 } from '../phone.js';

/**
 * A request to send one SMS through the gate (`POST /v1/messages`, `POST /v1/decisions`,
 * the send queue). Exactly one of `workflowId` (a flow) or `campaignId` (a one-off blast).
 * @example {"to":"+14155550123","programId":"demo","campaignId":"spring-sale","body":"Spring sale: 20% off today"}
 */
export const SendRequestSchema = z
  .object({
    to: z.string().transform((value, ctx) => {
      const phone = toE164(value);
      if (!phone)
        ctx.addIssue({ code: 'custom', message: 'must be a valid phone number in E.164, e.g. +14155550123' });
      return phone ?? value;
    }),
    programId: z.string().min(1),
    workflowId: z.string().min(1).optional(),
    campaignId: z.string().min(1).optional(),
    step: z.number().int().nonnegative().optional(),
    templateId: z.string().min(1).optional(),
    variant: z.string().min(1).optional(),
    body: z.string().min(1).max(1600),
    /** Idempotency key; derived from the request's content when absent. */
    requestId: z.string().min(8).max(128).optional(),
  })
  .strict()
  .refine((r) => (r.workflowId === undefined) !== (r.campaignId === undefined), {
    message: 'give exactly one of workflowId or campaignId',
    path: ['workflowId'],
  });
export type SendRequest = z.infer<typeof SendRequestSchema>;

/**
 * The same request content always maps to the same id, so a client retrying without its own
 * idempotency key does not send twice.
 */
export function sendRequestId(request: SendRequest): string {
  if (request.requestId) return request.requestId;
  const content = [
    request.to,
    request.programId,
    request.workflowId ?? '',
    request.campaignId ?? '',
    request.step ?? '',
    request.templateId ?? '',
    request.variant ?? '',
    request.body,
  ].join('\u0000');
  return `req_${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}
