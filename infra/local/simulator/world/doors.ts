import { createHash } from 'node:crypto';
import { now } from '../../../../shared/runtime/clock.js';
import type { LocalStack } from '../../localStack.js';
import { firstSecret } from '../demo/story.js';
import { type SignedRequest, signGenericJson, signTwilio } from '../signers.js';

/**
 * The stack's public doors as the simulated world knows them: the send API, the link API and
 * redirect, and webhooks signed exactly as each vendor signs them. Nothing here reaches into
 * the stack's internals. Every call counts its request (and refusals) for the summary.
 */
export interface DoorStats {
  requests: number;
  refused: number;
  duplicatePosts: number;
  errors: string[];
  /** Requests and milliseconds spent, per door. */
  timing: Record<string, { requests: number; ms: number }>;
}

export interface SendAnswer {
  decision: 'allow' | 'defer' | 'suppress';
  reason?: string;
  until?: string;
  messageId?: string;
  vendorError?: { code?: string; message: string };
}

/** Twilio message sids: `SM` + 32 hex, here derived from our own key so a world replays identically. */
export const twilioSid = (key: string) => `SM${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

const TWILIO_ACCOUNT_SID = 'AC5a1d0c0ffee0c0ffee0c0ffee0c0ffe';
const MAX_ERRORS = 20;

export class StackDoors {
  readonly stats: DoorStats = { requests: 0, refused: 0, duplicatePosts: 0, errors: [], timing: {} };

  private timed(door: string, started: number) {
    this.stats.timing[door] ??= { requests: 0, ms: 0 };
    const entry = this.stats.timing[door];
    entry.requests += 1;
    entry.ms += performance.now() - started;
  }

  constructor(private readonly stack: LocalStack) {}

  private note(what: string, status: number, text: string) {
    this.stats.refused += 1;
    if (this.stats.errors.length < MAX_ERRORS)
      this.stats.errors.push(`${what}: ${status} ${text.slice(0, 200)}`);
  }

  private async post(path: string, signed: SignedRequest, what: string, duplicate = false): Promise<boolean> {
    const url = `${this.stack.baseUrl}${path}`;
    let ok = false;
    for (let attempt = 0; attempt < (duplicate ? 2 : 1); attempt += 1) {
      this.stats.requests += 1;
      if (attempt > 0) this.stats.duplicatePosts += 1;
      // A duplicate is the very same signed request, posted again (as vendors retry).
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
      const text = await response.text();
      this.timed(what, started);
      if (response.ok) ok = attempt === 0 ? true : ok;
      else this.note(what, response.status, text);
    }
    return ok;
  }

  /** POST /v1/messages: the send gate. */
  async send(request: Record<string, unknown>): Promise<SendAnswer | undefined> {
    this.stats.requests += 1;
    const started = performance.now();
    const response = await fetch(`${this.stack.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.stack.secrets.API_KEY ?? '' },
      body: JSON.stringify(request),
    });
    const text = await response.text();
    this.timed('send', started);
    if (!response.ok) {
      this.note('send', response.status, text);
      return undefined;
    }
    return JSON.parse(text) as SendAnswer;
  }

  /** POST /v1/links: the tracked link for a sent message (same message + destination, same code). */
  async link(request: Record<string, unknown>): Promise<string | undefined> {
    this.stats.requests += 1;
    const started = performance.now();
    const response = await fetch(`${this.stack.baseUrl}/v1/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.stack.secrets.API_KEY ?? '' },
      body: JSON.stringify(request),
    });
    const text = await response.text();
    this.timed('link', started);
    if (!response.ok) {
      this.note('link', response.status, text);
      return undefined;
    }
    const { url } = JSON.parse(text) as { url: string };
    return new URL(url).pathname;
  }

  /** GET /c/{code} as a browser or a scanner would; true when redirected. */
  async click(path: string, userAgent: string): Promise<boolean> {
    this.stats.requests += 1;
    const started = performance.now();
    const response = await fetch(`${this.stack.baseUrl}${path}`, {
      headers: { 'user-agent': userAgent },
      redirect: 'manual',
    });
    await response.arrayBuffer();
    this.timed('click', started);
    if (response.status !== 302) this.note('click', response.status, '');
    return response.status === 302;
  }

  /** An inbound SMS, as Twilio posts it (form-encoded, X-Twilio-Signature over URL + params). */
  async inboundSms(input: { from: string; to: string; body: string; key: string; duplicate: boolean }) {
    const sid = twilioSid(input.key);
    const path = '/webhooks/sms/twilio';
    const signed = signTwilio(this.stack.secrets.TWILIO_AUTH_TOKEN ?? '', `${this.stack.baseUrl}${path}`, {
      AccountSid: TWILIO_ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      Body: input.body,
      From: input.from,
      MessageSid: sid,
      NumMedia: '0',
      NumSegments: '1',
      SmsMessageSid: sid,
      SmsSid: sid,
      SmsStatus: 'received',
      To: input.to,
    });
    return this.post(path, signed, 'inbound sms', input.duplicate);
  }

  /** Our documented generic JSON (`{"events": [...]}`, HMAC-SHA256, Svix-style) to a family's endpoint. */
  async generic(family: 'crm' | 'email', events: unknown[], duplicate = false): Promise<boolean> {
    const signed = signGenericJson(firstSecret(this.stack.secrets.GENERIC_WEBHOOK_SECRET), { events }, now());
    return this.post(`/webhooks/${family}/generic`, signed, `${family} generic`, duplicate);
  }
}
