import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLocalSecrets } from '../../infra/local/localSecrets.js';
import { type DemoStep, demoSteps } from '../../infra/local/simulator/demoStory.js';
import { mediaType, type WebhookRequest } from '../../shared/http/webhookRequest.js';
import type { ProviderFamily, WebhookProvider } from '../../shared/providers/provider.js';
import { findProvider, vendorsOf } from '../../shared/providers/registry.js';
import { webhookRequest } from '../support/request.js';
import { type Budget, type Measurement, measure, round } from './measure.js';

/**
 * verify() + normalize() per vendor on one realistic signed request, beside a bare baseline on
 * the same bytes: HMAC-SHA256 plus the cheapest parse of the body's media type. The request is
 * the demo story's largest call for that vendor (signed by the simulator's signers, payloads in
 * the vendor's documented shape), so the bench and the demo share one set of payloads.
 */
export interface VendorThroughput {
  family: ProviderFamily;
  vendor: string;
  request: string;
  contentType: string;
  bytes: number;
  /** Canonical drafts the request maps to (a batch maps to several). */
  events: number;
  opsPerSec: number;
  meanUs: number;
  baseline: { kind: BaselineKind; opsPerSec: number; meanUs: number };
  /** Vendor mean µs/op ÷ baseline mean µs/op. */
  ratio: number;
}

type BaselineKind = 'hmac-sha256 + JSON.parse' | 'hmac-sha256 + URLSearchParams' | 'hmac-sha256 only';

const BASE_URL = 'https://hooks.example.com';
const FAMILIES: ProviderFamily[] = ['sms', 'crm', 'email'];

function vendorOf(step: DemoStep): { family: string; vendor: string } {
  const [, , family = '', vendor = ''] = step.path.split('?')[0]!.split('/');
  return { family, vendor };
}

/** The largest of the demo's calls to this vendor: a batch where the vendor batches. */
function representativeStep(steps: DemoStep[], family: ProviderFamily, vendor: string): DemoStep {
  const candidates = steps.filter((step) => {
    const target = vendorOf(step);
    return target.family === family && target.vendor === vendor;
  });
  const largest = candidates.sort((a, b) => b.request.body.length - a.request.body.length)[0];
  if (!largest) throw new Error(`the demo story has no request for ${family}/${vendor}`);
  return largest;
}

/** The bare work any webhook needs: authenticate the bytes, then parse them once. */
function baselineFor(request: WebhookRequest): { kind: BaselineKind; run: () => unknown } {
  const key = randomBytes(32);
  const hmac = () => createHmac('sha256', key).update(request.rawBody).digest();
  switch (mediaType(request.headers)) {
    case 'application/json':
      return {
        kind: 'hmac-sha256 + JSON.parse',
        run: () => [hmac(), JSON.parse(request.rawBody.toString('utf8'))],
      };
    case 'application/x-www-form-urlencoded':
      return {
        kind: 'hmac-sha256 + URLSearchParams',
        run: () => [hmac(), new URLSearchParams(request.rawBody.toString('utf8')).size],
      };
    default:
      // XML (Salesforce): no parser in the standard library, so the baseline is the HMAC alone.
      return { kind: 'hmac-sha256 only', run: hmac };
  }
}

function verifyAndNormalize(provider: WebhookProvider, request: WebhookRequest, secrets: object, now: Date) {
  return () => {
    const verified = provider.verify(request, secrets, now);
    if (verified instanceof Promise) return verified.then(() => provider.normalize(request));
    return provider.normalize(request);
  };
}

export async function benchThroughput(
  budget: Budget,
  progress: (line: string) => void,
): Promise<VendorThroughput[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-secrets-'));
  try {
    const { secrets, simulator } = ensureLocalSecrets(dataDir);
    const now = new Date();
    const steps = demoSteps({ baseUrl: BASE_URL, secrets, simulator }, now);
    const results: VendorThroughput[] = [];
    for (const family of FAMILIES) {
      for (const vendor of vendorsOf(family)) {
        const provider = findProvider(family, vendor)!;
        const step = representativeStep(steps, family, vendor);
        const request = webhookRequest({
          url: `${BASE_URL}${step.path}`,
          body: step.request.body,
          // ingestWebhook stamps the arrival time before normalize; so does the bench, once.
          headers: { ...step.request.headers, 'x-received-at': now.toISOString() },
        });
        const run = verifyAndNormalize(provider, request, secrets, now);
        const events = (await run()).length;
        const baseline = baselineFor(request);
        const ours: Measurement = await measure(run, budget);
        const bare: Measurement = await measure(baseline.run, budget);
        const ratio = round(ours.meanUs / bare.meanUs, 1);
        progress(
          `  ${`${family}/${vendor}`.padEnd(16)} ${String(ours.opsPerSec).padStart(8)} ops/s  ${String(ours.meanUs).padStart(7)} µs  baseline ${String(bare.meanUs).padStart(6)} µs  x${ratio}`,
        );
        results.push({
          family,
          vendor,
          request: step.label,
          contentType: mediaType(request.headers),
          bytes: request.rawBody.length,
          events,
          opsPerSec: ours.opsPerSec,
          meanUs: ours.meanUs,
          baseline: { kind: baseline.kind, opsPerSec: bare.opsPerSec, meanUs: bare.meanUs },
          ratio,
        });
      }
    }
    return results;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
