import { z } from 'zod';
import { MalformedPayloadError } from '../../http/errors.js';
import type { WebhookRequest } from '../../http/webhookRequest.js';
import { toE164 } from '../../phone.js';

/**
 * Pieces the SMS vendor adapters share: form bodies, arrival time, phones, and the touch
 * identity our send gate attaches to a message (as callback-URL query parameters or a tag).
 */

/** A form body or query string as sent: every name with all its values, in arrival order. */
export type FormParams = Map<string, string[]>;

export function parseParams(text: string): FormParams {
  const params: FormParams = new Map();
  for (const [name, value] of new URLSearchParams(text)) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}

export function parseForm(rawBody: Buffer): FormParams {
  return parseParams(rawBody.toString('utf8'));
}

/** The first value of a field; an empty value counts as absent (vendors send `ErrorCode=`). */
export function field(params: FormParams, name: string): string | undefined {
  const value = params.get(name)?.[0];
  return value === undefined || value === '' ? undefined : value;
}

/** Values of numbered fields (`MediaUrl0`, `MediaUrl1` … or `Media1` …) in index order. */
export function numberedFields(params: FormParams, prefix: string): string[] {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  const numbered: [number, string][] = [];
  for (const [name, values] of params) {
    const index = pattern.exec(name)?.[1];
    if (index !== undefined && values[0]) numbered.push([Number(index), values[0]]);
  }
  return numbered.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/**
 * When the vendor sends no usable time of its own, the fact happened when it reached us: the
 * ingest adapter stamps `x-received-at` (after verification, so a caller cannot forge it).
 */
export function arrivalTime(request: WebhookRequest): string {
  const stamped = request.headers['x-received-at'];
  const millis = stamped ? Date.parse(stamped) : Number.NaN;
  return new Date(Number.isNaN(millis) ? Date.now() : millis).toISOString();
}

/** The vendor's ISO time as canonical UTC, or a MalformedPayloadError naming the field. */
export function isoTime(raw: string | undefined, name: string): string {
  const millis = raw ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(millis)) throw new MalformedPayloadError(`${name} "${raw ?? ''}" is not a timestamp`);
  return new Date(millis).toISOString();
}

export function requiredField(params: FormParams, name: string): string {
  const value = field(params, name);
  if (value === undefined) throw new MalformedPayloadError(`missing ${name}`);
  return value;
}

/** A phone that must be a contact's number (E.164), else the payload is malformed. */
export function requiredPhone(raw: string | undefined, name: string): string {
  const phone = toE164(raw);
  if (!phone) throw new MalformedPayloadError(`${name} "${raw ?? ''}" is not a phone number`);
  return phone;
}

/** Our own number or sender id: E.164 when it is a number, kept as sent when it is a short code or name. */
export function senderAddress(raw: string): string {
  return toE164(raw) ?? raw;
}

/**
 * `whatsapp:+1…`, `messenger:…`, `rcs:…`: another channel on the same webhook. We model SMS
 * only, so these are valid messages we ignore (libphonenumber would happily parse the digits).
 */
export function isOtherChannel(...addresses: (string | undefined)[]): boolean {
  return addresses.some((address) => address !== undefined && /^[a-z][a-z0-9-]*:/i.test(address));
}

/** Segment count from a vendor field, when it is a positive integer. */
export function segmentCount(raw: string | number | undefined): number | undefined {
  const count = typeof raw === 'number' ? raw : /^\d{1,4}$/.test(raw ?? '') ? Number(raw) : Number.NaN;
  return Number.isInteger(count) && count > 0 ? count : undefined;
}

const IdSchema = z.string().min(1).max(200);

/** The touch identity our send gate attaches to a message, so callbacks carry it back. */
const TouchIdentitySchema = z.object({
  programId: IdSchema.optional(),
  kind: z.enum(['campaign', 'flow']).optional(),
  campaignId: IdSchema.optional(),
  workflowId: IdSchema.optional(),
  step: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,6}$/, 'must be a whole number')])
    .transform(Number)
    .optional(),
  templateId: IdSchema.optional(),
  variant: IdSchema.optional(),
});

export type TouchIdentity = z.output<typeof TouchIdentitySchema>;
export const TOUCH_KEYS = Object.keys(TouchIdentitySchema.shape) as (keyof TouchIdentity)[];

/**
 * Picks the touch identity out of `values` (callback query parameters or a decoded tag);
 * other keys are ignored. A present but invalid value is our own send gate's bug, so it fails
 * loudly instead of silently dropping the attribution.
 */
export function touchIdentity(values: Record<string, unknown>, where: string): TouchIdentity {
  const present = TOUCH_KEYS.filter((key) => values[key] !== undefined && values[key] !== '');
  const parsed = TouchIdentitySchema.safeParse(Object.fromEntries(present.map((key) => [key, values[key]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedPayloadError(`${where} ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
