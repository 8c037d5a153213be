import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalEvent } from '../../../events/index.js';
import { ensureLocalSecrets } from '../../../infra/local/localSecrets.js';
import { DEMO_CONTACT_PHONE, type DemoStep, demoSteps } from '../../../infra/local/simulator/demoStory.js';
import type { ProviderFamily } from '../../../shared/providers/provider.js';
import { findProvider, vendorsOf } from '../../../shared/providers/registry.js';
import { webhookRequest } from '../../support/request.js';

/**
 * The demo story without a stack: every step must pass its provider's verify() and map to valid
 * canonical events, so `npm start` replays it with nothing refused and nothing silently dropped.
 */
const NOW = new Date('2026-11-25T15:04:05.000Z');
const BASE_URL = 'http://localhost:3000';
const FAMILIES: ProviderFamily[] = ['sms', 'crm', 'email'];

const dataDir = mkdtempSync(join(tmpdir(), 'demo-story-'));
const { secrets, simulator } = ensureLocalSecrets(dataDir);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const steps = demoSteps({ baseUrl: BASE_URL, secrets, simulator }, NOW);
const route = (step: DemoStep) => {
  const [, , family, vendor] = step.path.split('?')[0]!.split('/');
  return { family: family as ProviderFamily, vendor: vendor ?? '' };
};

/** What ingestWebhook does after the HTTP adapter: verify, stamp arrival, normalize, validate. */
async function ingest(step: DemoStep) {
  const { family, vendor } = route(step);
  const provider = findProvider(family, vendor);
  if (!provider) throw new Error(`${step.label}: no provider for ${step.path}`);
  const request = webhookRequest({
    url: `${BASE_URL}${step.path}`,
    body: step.request.body,
    headers: step.request.headers,
  });
  await provider.verify(request, secrets, NOW);
  request.headers['x-received-at'] = NOW.toISOString();
  return provider.normalize(request).map((draft) => canonicalEvent(draft, NOW));
}

describe('Function: demoSteps', () => {
  it('tells every vendor of the registry, one to three calls each', () => {
    const calls = new Map<string, number>();
    for (const step of steps) {
      const { family, vendor } = route(step);
      calls.set(`${family}/${vendor}`, (calls.get(`${family}/${vendor}`) ?? 0) + 1);
    }
    const vendors = FAMILIES.flatMap((family) => vendorsOf(family).map((vendor) => `${family}/${vendor}`));
    expect([...calls.keys()].sort()).toEqual(vendors.sort());
    expect([...calls].filter(([, count]) => count > 3)).toEqual([]);
  });

  it.each(steps.map((step) => [step.label, step] as const))(
    '%s: verified, and every draft is a valid canonical event',
    async (_label, step) => {
      const events = await ingest(step);
      expect(events.length).toBeGreaterThan(0);
    },
  );

  it('replays in story order, nothing dated after now', () => {
    const times = steps.map((step) => step.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
  });

  it("keeps Twilio's retry: the same reply twice, one event id", async () => {
    const replies = steps.filter((step) => step.path === '/webhooks/sms/twilio');
    const ids = (await Promise.all(replies.map(ingest))).flat().map((event) => event.eventId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
  });

  it('ends with Maria: our campaign text, its delivery and her reply on her phone', async () => {
    const last = (await Promise.all(steps.slice(-7).map(ingest))).flat();
    const maria = last.filter((event) => event.phone === DEMO_CONTACT_PHONE).map((event) => event.type);
    expect(maria).toEqual(['message.sent', 'message.delivered', 'message.received', 'message.received']);
  });
});
