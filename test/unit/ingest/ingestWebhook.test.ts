import { describe, expect, it } from 'vitest';
import {
  MalformedPayloadError,
  NotFoundError,
  PayloadTooLargeError,
  SignatureInvalidError,
  UnsupportedMediaTypeError,
} from '../../../shared/http/errors.js';
import { ingestWebhook, MAX_BODY_BYTES } from '../../../shared/ingest/ingestWebhook.js';
import { signGeneric } from '../../../shared/providers/genericSignature.js';
import { MemoryEventStore, MemoryQueue } from '../../support/fakes.js';
import { fixtureJson } from '../../support/fixtures.js';
import { webhookRequest } from '../../support/request.js';

const SECRET = 'whsec_unit';
const NOW = new Date('2026-11-25T15:04:10Z');

function setup() {
  const events = new MemoryEventStore();
  const queue = new MemoryQueue();
  const ports = { events, queue, secrets: async () => ({ GENERIC_WEBHOOK_SECRET: SECRET }), now: () => NOW };
  return { events, queue, ports };
}

function signedRequest(body = JSON.stringify(fixtureJson('generic', 'sms-received'))) {
  const ts = Math.floor(NOW.getTime() / 1000);
  return webhookRequest({
    url: 'https://hooks.example.com/webhooks/sms/generic',
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-timestamp': String(ts),
      'webhook-signature': signGeneric(SECRET, ts, body),
    },
  });
}

describe('Use case: ingestWebhook', () => {
  it('stores and enqueues a verified event once, however often it is delivered', async () => {
    const { events, queue, ports } = setup();
    const first = await ingestWebhook('sms', 'generic', signedRequest(), ports);
    const again = await ingestWebhook('sms', 'generic', signedRequest(), ports);
    expect(first.created).toBe(1);
    expect(again.created).toBe(0);
    expect(events.items.size).toBe(1);
    expect(queue.sent).toHaveLength(1);
    expect(first.response.status).toBe(200);
  });

  it('re-enqueues on a retry when the first enqueue failed after the write', async () => {
    const { events, queue, ports } = setup();
    queue.failNext = 1;
    await expect(ingestWebhook('sms', 'generic', signedRequest(), ports)).rejects.toThrow(
      'queue unavailable',
    );
    expect(events.items.size).toBe(1);
    await ingestWebhook('sms', 'generic', signedRequest(), ports);
    expect(queue.sent).toHaveLength(1);
    await ingestWebhook('sms', 'generic', signedRequest(), ports);
    expect(queue.sent).toHaveLength(1);
  });

  it.each([
    ['an unknown vendor', 'sms', 'acme', signedRequest(), NotFoundError],
    ['a vendor of another family', 'crm', 'twilio', signedRequest(), NotFoundError],
    [
      'a body over 256 KB',
      'sms',
      'generic',
      signedRequest('x'.repeat(MAX_BODY_BYTES + 1)),
      PayloadTooLargeError,
    ],
    [
      'a wrong content type',
      'sms',
      'generic',
      { ...signedRequest(), headers: { ...signedRequest().headers, 'content-type': 'text/plain' } },
      UnsupportedMediaTypeError,
    ],
    [
      'a bad signature',
      'sms',
      'generic',
      { ...signedRequest(), headers: { ...signedRequest().headers, 'webhook-signature': 'v1,AAAA' } },
      SignatureInvalidError,
    ],
    [
      'a signed body that is not the documented payload',
      'sms',
      'generic',
      signedRequest('{"events":[{"id":"1"}]}'),
      MalformedPayloadError,
    ],
    [
      'a signed event that breaks the canonical schema',
      'sms',
      'generic',
      signedRequest(JSON.stringify({ events: [{ id: 'x', type: 'message.received', from: 'nope' }] })),
      MalformedPayloadError,
    ],
  ] as const)('refuses %s and changes nothing', async (_name, family, vendor, request, errorType) => {
    const { events, queue, ports } = setup();
    await expect(ingestWebhook(family, vendor, request, ports)).rejects.toBeInstanceOf(errorType);
    expect(events.items.size).toBe(0);
    expect(queue.sent).toHaveLength(0);
  });
});
