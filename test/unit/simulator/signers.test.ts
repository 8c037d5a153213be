import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Signature } from '@hubspot/api-client';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { jwtVerify } from 'jose';
import Telnyx from 'telnyx';
import twilioSdk from 'twilio';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureLocalSecrets, type LocalSecretFiles } from '../../../infra/local/localSecrets.js';
import {
  type SignedRequest,
  salesforceRequest,
  signBasicJson,
  signGenericJson,
  signHubspot,
  signPlivo,
  signSendgrid,
  signTelnyx,
  signTwilio,
  signVonage,
} from '../../../infra/local/simulator/signers.js';
import { SignatureInvalidError } from '../../../shared/http/errors.js';
import type { WebhookRequest } from '../../../shared/http/webhookRequest.js';
import { findProvider } from '../../../shared/providers/registry.js';
import { webhookRequest } from '../../support/request.js';

/**
 * The simulator's signers against our providers' verify() and, where the vendor ships one, the
 * vendor's own library, with the secrets and keys the local stack generates. Each "accepts"
 * case has a twin with one thing broken, so a verifier that accepted anything would fail here.
 */
const NOW = new Date('2026-11-25T15:04:05.000Z');
const BASE = 'https://hooks.example.com';

const dataDir = mkdtempSync(join(tmpdir(), 'signers-'));
const local: LocalSecretFiles = ensureLocalSecrets(dataDir);
const { secrets, simulator } = local;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const provider = (family: 'sms' | 'crm' | 'email', vendor: string) => {
  const found = findProvider(family, vendor);
  if (!found) throw new Error(`no ${family}/${vendor} provider`);
  return found;
};
const asRequest = (url: string, signed: SignedRequest): WebhookRequest =>
  webhookRequest({ url, body: signed.body, headers: signed.headers });
const tampered = (request: WebhookRequest, from: string, to: string): WebhookRequest => ({
  ...request,
  rawBody: Buffer.from(request.rawBody.toString('utf8').replace(from, to)),
});

const TWILIO_PARAMS = {
  AccountSid: 'AC3f2b9e0c5d8a4b7e9c1d2e3f4a5b6c7d',
  ApiVersion: '2010-04-01',
  Body: 'Can we talk tomorrow at 10? 50% off & free setup?',
  From: '+14155550123',
  MessageSid: 'SMe1d2c3b4a5f60718293a4b5c6d7e8f90',
  NumMedia: '0',
  SmsStatus: 'received',
  To: '+14155550199',
};

describe('Function: signTwilio', () => {
  const twilio = provider('sms', 'twilio');
  const url = `${BASE}/webhooks/sms/twilio?programId=growth&campaignId=spring-sale`;
  const token = secrets.TWILIO_AUTH_TOKEN!;

  it('signs a request our provider and twilio.validateRequest both accept', () => {
    const signed = signTwilio(token, url, TWILIO_PARAMS);
    const signature = signed.headers['x-twilio-signature']!;
    expect(() => twilio.verify(asRequest(url, signed), secrets, NOW)).not.toThrow();
    expect(twilioSdk.validateRequest(token, signature, url, TWILIO_PARAMS)).toBe(true);
  });

  it('is refused by both once a parameter changes', () => {
    const signed = signTwilio(token, url, TWILIO_PARAMS);
    const request = tampered(asRequest(url, signed), 'free+setup', 'free+setup+forever');
    expect(() => twilio.verify(request, secrets, NOW)).toThrow(SignatureInvalidError);
    const changed = { ...TWILIO_PARAMS, Body: `${TWILIO_PARAMS.Body} forever` };
    expect(twilioSdk.validateRequest(token, signed.headers['x-twilio-signature']!, url, changed)).toBe(false);
  });
});

describe('Function: signPlivo', () => {
  const plivo = provider('sms', 'plivo');
  const token = secrets.PLIVO_AUTH_TOKEN!;
  const url = `${BASE}/webhooks/sms/plivo?programId=growth&kind=flow&workflowId=wf_post_purchase&step=1`;
  const params = {
    From: '16175550100',
    To: '16175550166',
    Type: 'sms',
    MessageUUID: 'f75dec2f-7c86-4c16-8f94-d128e7377b7d',
    Status: 'delivered',
    Units: '1',
    ErrorCode: '',
  };

  it('signs V3 and Ma-V3 with a fresh 20-digit nonce that our provider accepts', () => {
    const first = signPlivo(token, url, params);
    const second = signPlivo(token, url, params);
    expect(first.headers['x-plivo-signature-v3-nonce']).toMatch(/^\d{20}$/);
    expect(second.headers['x-plivo-signature-v3-nonce']).not.toBe(
      first.headers['x-plivo-signature-v3-nonce'],
    );
    expect(first.headers['x-plivo-signature-ma-v3']).toBe(first.headers['x-plivo-signature-v3']);
    expect(() => plivo.verify(asRequest(url, first), secrets, NOW)).not.toThrow();
  });

  it.each([
    ['a changed body', (r: WebhookRequest) => tampered(r, 'Status=delivered', 'Status=failed')],
    ['a changed callback query', (r: WebhookRequest) => ({ ...r, url: r.url.replace('step=1', 'step=2') })],
    [
      'another nonce',
      (r: WebhookRequest) => ({
        ...r,
        headers: { ...r.headers, 'x-plivo-signature-v3-nonce': '12345678901234567890' },
      }),
    ],
  ])('is refused after %s', (_name, breakIt) => {
    const request = breakIt(asRequest(url, signPlivo(token, url, params)));
    expect(() => plivo.verify(request, secrets, NOW)).toThrow(SignatureInvalidError);
  });
});

describe('Function: signGenericJson', () => {
  const url = `${BASE}/webhooks/sms/generic`;
  const payload = { events: [{ id: 'msg_1', type: 'message.received' }] };

  it.each([
    ['sms', 'generic'],
    ['crm', 'generic'],
    ['email', 'generic'],
  ] as const)(
    'signs a request the %s/%s provider accepts, and not one from 6 minutes ago',
    (family, vendor) => {
      const generic = provider(family, vendor);
      const fresh = asRequest(url, signGenericJson(secrets.GENERIC_WEBHOOK_SECRET!, payload, NOW));
      const stale = asRequest(
        url,
        signGenericJson(secrets.GENERIC_WEBHOOK_SECRET!, payload, new Date(NOW.getTime() - 360_000)),
      );
      expect(() => generic.verify(fresh, secrets, NOW)).not.toThrow();
      expect(() => generic.verify(stale, secrets, NOW)).toThrow(SignatureInvalidError);
    },
  );
});

describe('Function: signHubspot', () => {
  const hubspot = provider('crm', 'hubspot');
  const secret = secrets.HUBSPOT_CLIENT_SECRET!;
  const url = `${BASE}/webhooks/crm/hubspot`;
  const batch = [
    {
      eventId: 2104837501,
      subscriptionId: 2611001,
      portalId: 45123987,
      appId: 3120451,
      occurredAt: NOW.getTime() - 60_000,
      subscriptionType: 'contact.creation',
      attemptNumber: 0,
      objectId: 51744203311,
      changeFlag: 'CREATED',
      changeSource: 'CRM_UI',
    },
  ];
  // The library reads the clock itself.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const libraryAccepts = (request: WebhookRequest) =>
    Signature.isValid({
      signatureVersion: 'v3',
      signature: request.headers['x-hubspot-signature-v3']!,
      clientSecret: secret,
      requestBody: request.rawBody.toString('utf8'),
      method: 'POST',
      url: request.url,
      timestamp: Number(request.headers['x-hubspot-request-timestamp']),
    });

  it('signs a request our provider and Signature.isValid (v3) both accept', () => {
    const request = asRequest(url, signHubspot(secret, 'POST', url, batch, NOW));
    expect(libraryAccepts(request)).toBe(true);
    expect(() => hubspot.verify(request, secrets, NOW)).not.toThrow();
  });

  it('is refused by both once the body changes', () => {
    const request = tampered(
      asRequest(url, signHubspot(secret, 'POST', url, batch, NOW)),
      '51744203311',
      '51744203312',
    );
    expect(libraryAccepts(request)).toBe(false);
    expect(() => hubspot.verify(request, secrets, NOW)).toThrow(SignatureInvalidError);
  });
});

describe('Function: signTelnyx', () => {
  const telnyx = provider('sms', 'telnyx');
  const payload = {
    data: {
      event_type: 'message.received',
      id: 'b301ed3f-1490-491f-995f-6e64e69674d4',
      occurred_at: '2026-11-25T15:04:05.312+00:00',
      payload: {
        id: '84cca175-9755-4859-b67f-4730d7f58aa3',
        from: { phone_number: '+13125550187' },
        to: [{ phone_number: '+13125550100' }],
        text: 'Yes please',
        type: 'SMS',
      },
      record_type: 'event',
    },
  };
  const url = `${BASE}/webhooks/sms/telnyx`;
  // The library reads the clock itself, so pin it to the instant the signer dated the request.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const client = new Telnyx({ apiKey: 'KEY_test_unused', publicKey: secrets.TELNYX_PUBLIC_KEY! });
  const unwrap = (request: WebhookRequest) =>
    client.webhooks.unwrap(request.rawBody.toString('utf8'), { headers: request.headers });

  it('signs a request our provider and telnyx webhooks.unwrap both accept', async () => {
    const request = asRequest(url, signTelnyx(simulator.telnyxPrivateKeyPem, payload, NOW));
    await expect(unwrap(request)).resolves.toMatchObject({ data: { event_type: 'message.received' } });
    expect(() => telnyx.verify(request, secrets, NOW)).not.toThrow();
  });

  it('is refused by both once the body changes', async () => {
    const signed = signTelnyx(simulator.telnyxPrivateKeyPem, payload, NOW);
    const request = tampered(asRequest(url, signed), 'Yes please', 'No thanks');
    await expect(unwrap(request)).rejects.toThrow(/signature/i);
    expect(() => telnyx.verify(request, secrets, NOW)).toThrow(SignatureInvalidError);
  });
});

describe('Function: signSendgrid', () => {
  const sendgrid = provider('email', 'sendgrid');
  const url = `${BASE}/webhooks/email/sendgrid`;
  const batch = [
    {
      email: 'maria.lopez@acme.example.com',
      timestamp: Math.floor(NOW.getTime() / 1000) - 60,
      event: 'open',
      sg_event_id: 'b3Blbi0yLTQxMjI3NzkxLXBaM2tUOHZRUjBtV2MxeFliTjVhTGctMA',
      sg_message_id: 'pZ3kT8vQR0mWc1xYbN5aLg.recvd-7b6f9c8d5e-x4kqp-1-674E2B19-8.0',
      sg_machine_open: false,
    },
  ];
  const library = new EventWebhook();
  const key = library.convertPublicKeyToECDSA(secrets.SENDGRID_VERIFICATION_KEY!);
  const libraryAccepts = (request: WebhookRequest) =>
    library.verifySignature(
      key,
      request.rawBody,
      request.headers['x-twilio-email-event-webhook-signature']!,
      request.headers['x-twilio-email-event-webhook-timestamp']!,
    );

  it('signs a request our provider and EventWebhook.verifySignature both accept', () => {
    const request = asRequest(url, signSendgrid(simulator.sendgridPrivateKeyPem, batch, NOW));
    expect(libraryAccepts(request)).toBe(true);
    expect(() => sendgrid.verify(request, secrets, NOW)).not.toThrow();
  });

  it('is refused by both once the body changes', () => {
    const signed = signSendgrid(simulator.sendgridPrivateKeyPem, batch, NOW);
    const request = tampered(asRequest(url, signed), '"open"', '"click"');
    expect(libraryAccepts(request)).toBe(false);
    expect(() => sendgrid.verify(request, secrets, NOW)).toThrow(SignatureInvalidError);
  });
});

describe('Function: signVonage', () => {
  const vonage = provider('sms', 'vonage');
  const url = `${BASE}/webhooks/sms/vonage`;
  const status = { message_uuid: '7d3f6b2a-91c4-4e58-a0d7-3c6b9e2f1a84', status: 'delivered' };
  const secret = secrets.VONAGE_SIGNATURE_SECRET!;
  const token = (request: WebhookRequest) => request.headers.authorization!.replace(/^Bearer /, '');

  it('signs an HS256 JWT that our provider and jose both accept, with the body hash as a claim', async () => {
    const request = asRequest(url, signVonage(secret, status, NOW));
    const { payload } = await jwtVerify(token(request), new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      currentDate: NOW,
    });
    expect(payload).toMatchObject({ iat: NOW.getTime() / 1000, iss: 'Vonage' });
    expect(() => vonage.verify(request, secrets, NOW)).not.toThrow();
  });

  it('is refused by our provider once the body no longer matches payload_hash', () => {
    const request = tampered(asRequest(url, signVonage(secret, status, NOW)), 'delivered', 'rejected');
    expect(() => vonage.verify(request, secrets, NOW)).toThrow(/payload_hash/);
  });
});

describe('Function: signBasicJson', () => {
  it.each([
    ['sms', 'bandwidth', secrets.BANDWIDTH_USERNAME!, secrets.BANDWIDTH_PASSWORD!],
    ['crm', 'pipedrive', secrets.PIPEDRIVE_USERNAME!, secrets.PIPEDRIVE_PASSWORD!],
  ] as const)(
    'signs a request %s/%s accepts, and not with another password',
    (family, vendor, user, password) => {
      const target = provider(family, vendor);
      const url = `${BASE}/webhooks/${family}/${vendor}`;
      const good = asRequest(url, signBasicJson(user, password, [{ type: 'message-delivered' }]));
      const bad = asRequest(url, signBasicJson(user, `${password}x`, [{ type: 'message-delivered' }]));
      expect(() => target.verify(good, secrets, NOW)).not.toThrow();
      expect(() => target.verify(bad, secrets, NOW)).toThrow(SignatureInvalidError);
    },
  );
});

describe('Function: salesforceRequest', () => {
  const salesforce = provider('crm', 'salesforce');
  const url = `${BASE}/webhooks/crm/salesforce`;
  const message = (orgId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${orgId}</OrganizationId>
   <Notification>
    <Id>04l5e00000Dw8A1AAJ</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>0035e00000Yb3cDAAR</sf:Id>
     <sf:LastModifiedDate>2026-11-25T15:01:09.000Z</sf:LastModifiedDate>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;

  it('posts SOAP as text/xml, accepted for the allow-listed organization only', () => {
    const allowed = { SALESFORCE_ORG_ID: '00D5e000000K3tQEAS' };
    const ours = asRequest(url, salesforceRequest(message('00D5e000000K3tQEAS')));
    const theirs = asRequest(url, salesforceRequest(message('00D5e000000Zz9XEAS')));
    expect(ours.headers['content-type']).toMatch(/^text\/xml/);
    expect(() => salesforce.verify(ours, allowed, NOW)).not.toThrow();
    expect(() => salesforce.verify(theirs, allowed, NOW)).toThrow(SignatureInvalidError);
  });
});
