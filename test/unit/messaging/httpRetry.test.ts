import { describe, expect, it } from 'vitest';
import {
  callVendor,
  type HttpOptions,
  parseRetryAfter,
  type VendorCall,
} from '../../../shared/messaging/httpRetry.js';
import {
  decimalToMicros,
  VendorError,
  VendorRejectedError,
  VendorResponseError,
  VendorUnavailableError,
} from '../../../shared/messaging/smsSender.js';

/** A fetch that plays back scripted answers (a Response, or an error to throw) and records each call. */
function scriptedFetch(...script: Array<Response | Error>) {
  const calls: RequestInit[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(init ?? {});
    const next = script[Math.min(calls.length - 1, script.length - 1)];
    if (next instanceof Error) throw next;
    return next!.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const call: VendorCall = {
  vendor: 'twilio',
  url: 'http://vendor.invalid/messages',
  headers: {},
  body: 'To=%2B14155550123',
  readError: (body) => {
    const b = body as { code?: number; message?: string } | undefined;
    return { code: b?.code === undefined ? undefined : String(b.code), message: b?.message };
  },
  optOutCodes: new Set(['21610']),
};

function run(fetch: typeof globalThis.fetch, extra: HttpOptions = {}) {
  const sleeps: number[] = [];
  const options: HttpOptions = {
    fetch,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => Date.parse('2026-11-25T10:00:00Z'),
    retry: { maxAttempts: 3, timeoutMs: 1_000, baseDelayMs: 100, maxDelayMs: 1_000 },
    ...extra,
  };
  return { sleeps, result: callVendor(call, options) };
}

describe('Function: parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it.each([
    ['delay-seconds', '120', 120_000],
    ['zero', '0', 0],
    ['an HTTP-date 30 s ahead', 'Wed, 25 Nov 2026 10:00:30 GMT', 30_000],
    ['an HTTP-date in the past', 'Wed, 25 Nov 2026 09:00:00 GMT', 0],
    ['garbage', 'soon', undefined],
    ['a missing header', null, undefined],
  ])('reads %s', (_label, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('Function: callVendor', () => {
  it('returns the parsed 2xx body after one attempt', async () => {
    const { fetch, calls } = scriptedFetch(json(201, { sid: 'SM1' }));
    const { result } = run(fetch);
    await expect(result).resolves.toEqual({ status: 201, body: { sid: 'SM1' }, attempts: 1 });
    expect(calls[0]).toMatchObject({ method: 'POST', body: 'To=%2B14155550123', redirect: 'manual' });
    expect(calls[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('backs off exponentially with jitter under the cap between 5xx answers', async () => {
    const { fetch, calls } = scriptedFetch(json(503, {}), json(502, {}), json(200, { ok: true }));
    const { result, sleeps } = run(fetch, { random: () => 0.999 });
    await expect(result).resolves.toMatchObject({ attempts: 3 });
    expect(calls).toHaveLength(3);
    // Full jitter: a random share of 100 ms, then of 200 ms.
    expect(sleeps).toEqual([99, 199]);
  });

  it('never waits longer than maxDelayMs for a backoff', async () => {
    const { fetch } = scriptedFetch(json(500, {}), json(500, {}), json(200, {}));
    const { result, sleeps } = run(fetch, {
      random: () => 0.999,
      retry: { maxAttempts: 3, timeoutMs: 1_000, baseDelayMs: 800, maxDelayMs: 1_000 },
    });
    await result;
    expect(sleeps).toEqual([799, 999]);
  });

  it('honours a Retry-After on 503 as on 429', async () => {
    const { fetch } = scriptedFetch(json(503, {}, { 'retry-after': '1' }), json(200, {}));
    const { result, sleeps } = run(fetch);
    await result;
    expect(sleeps).toEqual([1_000]);
  });

  it('fails at once, passing the wait on, when Retry-After exceeds what it will block for', async () => {
    const { fetch, calls } = scriptedFetch(
      json(429, { code: 20429, message: 'Too Many Requests' }, { 'retry-after': '60' }),
    );
    const { result, sleeps } = run(fetch);
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect((error as VendorUnavailableError).details).toMatchObject({
      attempts: 1,
      status: 429,
      code: '20429',
      retryAfterMs: 60_000,
    });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a network failure, then reports it as the cause', async () => {
    const refused = new TypeError('fetch failed');
    const { fetch, calls } = scriptedFetch(refused);
    const { result } = run(fetch);
    const error = (await result.catch((e: unknown) => e)) as VendorUnavailableError;
    expect(error).toBeInstanceOf(VendorUnavailableError);
    expect(error.cause).toBe(refused);
    expect(error.details.attempts).toBe(3);
    expect(calls).toHaveLength(3);
  });

  it('does not follow a redirect: a 3xx is a final answer', async () => {
    const { fetch, calls } = scriptedFetch(
      new Response(null, { status: 302, headers: { location: '/elsewhere' } }),
    );
    const { result } = run(fetch);
    await expect(result).rejects.toBeInstanceOf(VendorRejectedError);
    expect(calls).toHaveLength(1);
  });

  it('rejects a 4xx with an unreadable body under its HTTP status', async () => {
    const { fetch } = scriptedFetch(new Response('<html>Forbidden</html>', { status: 403 }));
    const { result } = run(fetch);
    const error = (await result.catch((e: unknown) => e)) as VendorRejectedError;
    expect(error).toMatchObject({ status: 403, code: undefined, optOut: false, retryable: false });
    expect(error.message).toContain('HTTP 403');
  });

  it('marks an opt-out code as such', async () => {
    const { fetch } = scriptedFetch(
      json(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient' }),
    );
    const { result } = run(fetch);
    await expect(result).rejects.toMatchObject({ code: '21610', optOut: true });
  });

  it('does not retry a 2xx whose body is not JSON, since the message may have gone out', async () => {
    const { fetch, calls } = scriptedFetch(new Response('OK', { status: 200 }));
    const { result } = run(fetch);
    await expect(result).rejects.toBeInstanceOf(VendorResponseError);
    expect(calls).toHaveLength(1);
  });
});

describe('Errors: vendor failures', () => {
  it.each([
    [new VendorRejectedError('twilio', 400, '21211', 'bad number', false), false],
    [new VendorUnavailableError('telnyx', 'HTTP 500', { attempts: 3, status: 500 }), true],
    [new VendorResponseError('twilio', 'no sid'), false],
  ])('%s says whether a resend is sound', (error, retryable) => {
    expect(error).toBeInstanceOf(VendorError);
    expect(error.retryable).toBe(retryable);
    expect(error.name).toBe(error.constructor.name);
  });
});

describe('Function: decimalToMicros', () => {
  it.each([
    ['-0.00750', 7_500],
    ['0.0051', 5_100],
    ['1.23', 1_230_000],
    ['12', 12_000_000],
    ['0.0000005', 1],
    ['0.0000004', 0],
    ['0.1234565', 123_457],
    [null, undefined],
    [undefined, undefined],
    ['', undefined],
    ['abc', undefined],
  ])('reads %j as %j micros', (amount, micros) => {
    expect(decimalToMicros(amount)).toBe(micros);
  });
});
