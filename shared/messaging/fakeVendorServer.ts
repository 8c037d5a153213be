import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { now as clockNow } from '../runtime/clock.js';
import { countSegments, type SegmentCount } from './segments.js';
import { decimalToMicros, type SmsVendor } from './smsSender.js';

/**
 * The laptop stand-in for the vendors' send APIs, on 127.0.0.1: Twilio's
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` and Telnyx's `POST /v2/messages`,
 * answering with their documented shapes (Twilio: 201, `SM` + 32 hex sid, `queued`;
 * Telnyx: 200, `{ data }` with a UUID id). The local stack (`npm start`) points
 * TWILIO_API_BASE_URL here; integration tests script failures with `setBehaviour`.
 *
 * Like the real vendors, it does not deduplicate by idempotency header: a retried request
 * is a second message, so tests see what production would.
 */

export type FakeVendorBehaviour =
  | { kind: 'accept' }
  /** A permanent 4xx with the vendor's error body; `status` defaults to the vendor's own for that code. */
  | { kind: 'reject'; code: string; status?: number; message?: string; times?: number }
  | { kind: 'rateLimit'; retryAfterSeconds?: number; times?: number }
  | { kind: 'serverError'; status?: number; times?: number }
  /** Never answers, so the client's timeout fires. */
  | { kind: 'hang'; times?: number }
  /** Takes the message (it goes out, callbacks follow), then never answers: a timeout after acceptance. */
  | { kind: 'acceptThenHang'; times?: number };

export interface FakeVendorRequest {
  vendor: SmsVendor | undefined;
  method: string;
  path: string;
  /** The query string, e.g. Twilio's Messages list filters. */
  query: URLSearchParams;
  /** Lower-cased, as Node delivers them. */
  headers: Record<string, string>;
  body: string;
}

export interface FakeSentMessage {
  vendor: SmsVendor;
  vendorMessageId: string;
  from: string;
  to: string;
  body: string;
  statusCallbackUrl?: string;
  /** Twilio's account from the path; absent for Telnyx. */
  accountSid?: string;
  /** The idempotency header the client sent, if any, for tests to assert on. */
  idempotencyKey?: string;
  segments: SegmentCount;
  sentAt: Date;
}

export interface FakeSmsVendorOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default { kind: 'accept' } */
  behaviour?: FakeVendorBehaviour;
  /** When set, only these credentials are accepted; otherwise any well-formed auth header is. */
  credentials?: { twilio?: { accountSid: string; authToken: string }; telnyx?: { apiKey: string } };
  /** Price of one segment as a decimal string (e.g. `0.0079`); unset, prices are null as at creation. */
  pricePerSegment?: string;
  /** Called after each accepted message has been answered, e.g. to post status callbacks. */
  onSent?: (message: FakeSentMessage) => void | Promise<void>;
  /** Where an onSent failure goes. @default console.error */
  onError?: (error: unknown) => void;
  now?: () => Date;
}

export interface FakeSmsVendor {
  baseUrl: string;
  /** Every accepted message, oldest first. */
  sent: FakeSentMessage[];
  /** Every request received, accepted or not. */
  requests: FakeVendorRequest[];
  /** Replaces the behaviour and restarts its `times` count. */
  setBehaviour(behaviour: FakeVendorBehaviour): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const TWILIO_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const TELNYX_PATH = '/v2/messages';

/** Documented status and text of the error codes tests and the demo use. */
const KNOWN_ERRORS: Record<string, { status: number; message: string }> = {
  '21610': { status: 400, message: 'Attempt to send to unsubscribed recipient' },
  '21211': { status: 400, message: "Invalid 'To' Phone Number" },
  '40300': { status: 409, message: 'Blocked due to STOP message' },
  '10002': { status: 400, message: 'Invalid phone number' },
};

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The message this reply accepted. */
  accepted?: FakeSentMessage;
}

function twilioError(status: number, code: number | string, message: string): Reply {
  return {
    status,
    body: { code: Number(code), message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
  };
}

function telnyxError(status: number, code: string, title: string, detail?: string): Reply {
  const error = {
    code,
    title,
    detail: detail ?? title,
    meta: { url: `https://developers.telnyx.com/api/errors/${code}` },
  };
  return { status, body: { errors: [error] } };
}

function vendorError(vendor: SmsVendor, status: number, code: string, message: string): Reply {
  return vendor === 'twilio' ? twilioError(status, code, message) : telnyxError(status, code, message);
}

/** RFC 2822 in GMT, as Twilio formats `date_created`. */
const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');

function amountFor(pricePerSegment: string | undefined, segments: number): string | null {
  const micros = decimalToMicros(pricePerSegment);
  if (micros === undefined) return null;
  const total = micros * segments;
  return `${Math.floor(total / 1_000_000)}.${String(total % 1_000_000).padStart(6, '0')}`;
}

/** Twilio's Message resource for a message we accepted, as create and list answer it. */
function twilioMessage(message: FakeSentMessage, pricePerSegment: string | undefined) {
  const accountSid = message.accountSid ?? '';
  // A Messaging Service has not chosen a sender yet: status accepted, 0 segments, no from.
  const viaService = message.from.startsWith('MG');
  const price = amountFor(pricePerSegment, message.segments.segments);
  const created = rfc2822(message.sentAt);
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${message.vendorMessageId}`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: created,
    date_sent: null,
    date_updated: created,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: viaService ? null : message.from,
    messaging_service_sid: viaService ? message.from : null,
    num_media: '0',
    num_segments: viaService ? '0' : String(message.segments.segments),
    price: price === null ? null : `-${price}`,
    price_unit: 'USD',
    sid: message.vendorMessageId,
    status: viaService ? 'accepted' : 'queued',
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSmsVendor(options: FakeSmsVendorOptions = {}): Promise<FakeSmsVendor> {
  const now = options.now ?? clockNow;
  const onError =
    options.onError ?? ((error: unknown) => console.error('fake SMS vendor: onSent failed', error));
  const sent: FakeSentMessage[] = [];
  const requests: FakeVendorRequest[] = [];
  const pending = new Set<Promise<void>>();
  let behaviour: FakeVendorBehaviour = { kind: 'accept' };
  let failuresLeft = 0;
  const setBehaviour = (next: FakeVendorBehaviour) => {
    behaviour = next;
    failuresLeft = next.kind === 'accept' ? 0 : (next.times ?? Number.POSITIVE_INFINITY);
  };
  setBehaviour(options.behaviour ?? { kind: 'accept' });

  /** The scripted failure for this request, or undefined to accept it. */
  function scriptedFailure(vendor: SmsVendor): Reply | 'hang' | undefined {
    if (behaviour.kind === 'accept' || behaviour.kind === 'acceptThenHang' || failuresLeft <= 0)
      return undefined;
    failuresLeft -= 1;
    switch (behaviour.kind) {
      case 'hang':
        return 'hang';
      case 'serverError': {
        const status = behaviour.status ?? 500;
        return vendor === 'twilio'
          ? twilioError(status, 20500, 'Internal Server Error')
          : telnyxError(status, '10007', 'Unexpected error');
      }
      case 'rateLimit': {
        const reply =
          vendor === 'twilio'
            ? twilioError(429, 20429, 'Too Many Requests')
            : telnyxError(429, '10011', 'Too many requests');
        const wait = behaviour.retryAfterSeconds;
        return wait === undefined ? reply : { ...reply, headers: { 'retry-after': String(wait) } };
      }
      case 'reject': {
        const known = KNOWN_ERRORS[behaviour.code];
        const status = behaviour.status ?? known?.status ?? 400;
        return vendorError(vendor, status, behaviour.code, behaviour.message ?? known?.message ?? 'Rejected');
      }
    }
  }

  function accept(
    message: Omit<FakeSentMessage, 'vendorMessageId' | 'segments' | 'sentAt'>,
  ): FakeSentMessage {
    const vendorMessageId =
      message.vendor === 'twilio' ? `SM${randomBytes(16).toString('hex')}` : randomUUID();
    const record: FakeSentMessage = {
      ...message,
      vendorMessageId,
      segments: countSegments(message.body),
      sentAt: now(),
    };
    sent.push(record);
    return record;
  }

  /** Whether to drop the answer to a message just accepted (behaviour acceptThenHang). */
  function hangAfterAccept(): boolean {
    if (behaviour.kind !== 'acceptThenHang' || failuresLeft <= 0) return false;
    failuresLeft -= 1;
    return true;
  }

  /** Twilio's Messages list: To / From filters, newest first, one page of PageSize (default 50). */
  function twilioList(accountSid: string, req: FakeVendorRequest): Reply {
    const to = req.query.get('To');
    const from = req.query.get('From');
    const pageSize = Math.min(1000, Number(req.query.get('PageSize') ?? 50) || 50);
    const messages = sent
      .filter((m) => m.vendor === 'twilio' && m.accountSid === accountSid)
      .filter((m) => (!to || m.to === to) && (!from || m.from === from))
      .reverse()
      .slice(0, pageSize)
      .map((m) => twilioMessage(m, options.pricePerSegment));
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json?${req.query}`;
    return {
      status: 200,
      body: {
        messages,
        end: messages.length === 0 ? 0 : messages.length - 1,
        first_page_uri: uri,
        next_page_uri: null,
        page: 0,
        page_size: pageSize,
        previous_page_uri: null,
        start: 0,
        uri,
      },
    };
  }

  function twilio(accountSid: string, req: FakeVendorRequest): Reply | 'hang' {
    const expected = options.credentials?.twilio;
    const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
    const [user, password] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const authentic = expected
      ? user === expected.accountSid && password === expected.authToken && accountSid === expected.accountSid
      : Boolean(user && password);
    if (!authentic) return twilioError(401, 20003, 'Authenticate');
    const failure = scriptedFailure('twilio');
    if (failure) return failure;

    const form = new URLSearchParams(req.body);
    const to = form.get('To');
    const body = form.get('Body');
    const serviceSid = form.get('MessagingServiceSid');
    const from = form.get('From') ?? serviceSid;
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (body.length > 1600)
      return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');

    const statusCallback = form.get('StatusCallback');
    const idempotencyKey = req.headers['i-twilio-idempotency-token'];
    const message = accept({
      vendor: 'twilio',
      from,
      to,
      body,
      accountSid,
      ...(statusCallback ? { statusCallbackUrl: statusCallback } : {}),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return { status: 201, accepted: message, body: twilioMessage(message, options.pricePerSegment) };
  }

  function telnyx(req: FakeVendorRequest): Reply | 'hang' {
    const expected = options.credentials?.telnyx;
    const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    if (!token || (expected && token !== expected.apiKey)) {
      return telnyxError(401, '10009', 'Authentication failed');
    }
    const failure = scriptedFailure('telnyx');
    if (failure) return failure;

    let payload: { from?: unknown; to?: unknown; text?: unknown; webhook_url?: unknown };
    try {
      payload = JSON.parse(req.body);
    } catch {
      return telnyxError(400, '10015', 'Bad Request', 'The request body is not valid JSON.');
    }
    const { from, to, text, webhook_url } = payload;
    for (const [name, value] of Object.entries({ to, from, text })) {
      if (typeof value !== 'string' || value === '') {
        return telnyxError(
          422,
          '10004',
          'Missing required parameter',
          `The '${name}' parameter is required.`,
        );
      }
    }
    const message = accept({
      vendor: 'telnyx',
      from: from as string,
      to: to as string,
      body: text as string,
      ...(typeof webhook_url === 'string' ? { statusCallbackUrl: webhook_url } : {}),
      ...(req.headers['idempotency-key'] ? { idempotencyKey: req.headers['idempotency-key'] } : {}),
    });
    const amount = amountFor(options.pricePerSegment, message.segments.segments);
    return {
      status: 200,
      accepted: message,
      body: {
        data: {
          record_type: 'message',
          direction: 'outbound',
          id: message.vendorMessageId,
          type: 'SMS',
          from: { phone_number: message.from, carrier: 'TELNYX LLC', line_type: 'VoIP' },
          to: [{ phone_number: message.to, status: 'queued', carrier: '', line_type: '' }],
          text: message.body,
          media: [],
          webhook_url: message.statusCallbackUrl ?? null,
          webhook_failover_url: null,
          encoding: message.segments.encoding,
          parts: message.segments.segments,
          tags: [],
          cost: amount === null ? null : { amount, currency: 'USD' },
          received_at: message.sentAt.toISOString(),
          sent_at: null,
          completed_at: null,
          valid_until: null,
          errors: [],
        },
      },
    };
  }

  function route(req: FakeVendorRequest): Reply | 'hang' {
    const accountSid = TWILIO_PATH.exec(req.path)?.[1];
    if (accountSid) {
      if (req.method === 'GET') return twilioList(decodeURIComponent(accountSid), req);
      if (req.method !== 'POST') return twilioError(405, 20004, 'Method not allowed');
      return twilio(decodeURIComponent(accountSid), req);
    }
    if (req.path === TELNYX_PATH) {
      if (req.method !== 'POST') return telnyxError(405, '10015', 'Bad Request', 'Only POST is served here.');
      return telnyx(req);
    }
    return { status: 404, body: { message: `no fake vendor route for ${req.method} ${req.path}` } };
  }

  /** Runs onSent once `res` is finished (a vendor's callbacks come after its answer), or now without one. */
  function notifySent(message: FakeSentMessage, res?: ServerResponse) {
    const onSent = options.onSent;
    if (!onSent) return;
    const run = () => {
      const task = Promise.resolve()
        .then(() => onSent(message))
        .catch(onError)
        .finally(() => pending.delete(task));
      pending.add(task);
    };
    if (res) res.once('finish', run);
    else run();
  }

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const vendor = TWILIO_PATH.test(path) ? 'twilio' : path === TELNYX_PATH ? 'telnyx' : undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: FakeVendorRequest = {
      vendor,
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers,
      body: body ?? '',
    };
    requests.push(request);

    const reply: Reply | 'hang' =
      body === undefined ? { status: 413, body: { message: 'request body too large' } } : route(request);
    if (reply === 'hang') return;
    if (reply.accepted && hangAfterAccept()) {
      // The message is out and its callbacks follow, but this answer never arrives.
      notifySent(reply.accepted);
      return;
    }
    if (reply.accepted) notifySent(reply.accepted, res);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sent,
    requests,
    setBehaviour,
    async stop() {
      // Hanging requests would keep close() waiting for ever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(pending);
    },
  };
}
