// npx tsx test/bench/inbound.ts [--contacts 200]: DynamoDB calls and CPU per inbound event on
// the webhook + processor path, through the real handler modules against dynalite and fauxqs.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { fileURLToPath } from 'node:url';
import { INBOUND_BASE_URL, startInboundStack } from '../support/inboundStack.js';
import { inboundMix } from './inboundMix.js';
import { round } from './measure.js';

/** The target: DynamoDB calls per inbound event, webhook and processor together. */
export const CALLS_PER_EVENT_TARGET = 4;

/**
 * Measured on main before the issue-15 changes (bf971bd with this bench added; same mix of 200
 * contacts, same machine, run just before the figures in the README), so the bench prints the
 * change beside the figure it replaces. Calls are deterministic; CPU varies with the machine's load.
 */
export const BASELINE_BEFORE = {
  commit: 'bf971bd',
  contacts: 200,
  callsPerEvent: 4.57,
  webhook: 2.2,
  processor: 2.37,
  byOperation: { UpdateItem: 1.77, PutItem: 1.49, GetItem: 1.26, Query: 0.06 } as Record<string, number>,
  callsPerRequest: 9.55,
  cpuMsPerEvent: 12.92,
};

export interface InboundBenchResult {
  dynamo: string;
  contacts: number;
  requests: number;
  /** Canonical events the webhooks stored (replays excluded): the denominator. */
  inboundEvents: number;
  /** Events the processor derived and stored itself (consent changes, intent alerts). */
  derivedEvents: number;
  processorBatches: number;
  callsPerEvent: {
    total: number;
    webhook: number;
    processor: number;
    byOperation: Record<string, number>;
    target: number;
    meetsTarget: boolean;
  };
  /** The same calls per webhook request (a batch is one request), as the README's older figure. */
  callsPerRequest: number;
  /** Process CPU (user + system), dynalite's and fauxqs's threads included, per inbound event. */
  cpuMsPerEvent: number;
  before: typeof BASELINE_BEFORE;
}

/** Calls posted before the events queue is drained, so processing interleaves with arrival. */
const REQUESTS_PER_ROUND = 20;

export async function benchInbound(
  options: { contacts?: number; progress?: (line: string) => void } = {},
): Promise<InboundBenchResult> {
  const contacts = options.contacts ?? 200;
  const progress = options.progress ?? (() => {});
  const stack = await startInboundStack();
  try {
    const requests = inboundMix(contacts, { baseUrl: INBOUND_BASE_URL, ...stack.files, now: new Date() });
    progress(`${requests.length} webhook calls for ${contacts} contacts`);
    const { calls } = stack;
    calls.reset();
    let webhookCalls = 0;
    let processorCalls = 0;
    let batches = 0;
    let failed = 0;
    const cpuStart = process.cpuUsage();
    for (let start = 0; start < requests.length; start += REQUESTS_PER_ROUND) {
      const before = calls.total();
      for (const request of requests.slice(start, start + REQUESTS_PER_ROUND)) {
        const result = await stack.post(request);
        const status = result.statusCode ?? 500;
        if (status >= 300) throw new Error(`${request.vendor} answered ${status}: ${result.body}`);
      }
      const afterWebhooks = calls.total();
      webhookCalls += afterWebhooks - before;
      const drained = await stack.drain();
      batches += drained.batches;
      failed += drained.failed;
      processorCalls += calls.total() - afterWebhooks;
    }
    const cpu = process.cpuUsage(cpuStart);
    const byOperation = calls.byOperation();
    // A failed record is retried, and its retry's calls would be counted as if they were work.
    if (failed > 0)
      throw new Error(`${failed} processor records failed; the figures would be of a broken path`);
    const stored = await stack.storedEvents();
    const perEvent = (n: number) => round(n / stored.inbound, 2);
    const total = perEvent(webhookCalls + processorCalls);
    const cpuMsPerEvent = round((cpu.user + cpu.system) / 1000 / stored.inbound, 2);
    progress(
      `  ${total} DynamoDB calls per event (target <= ${CALLS_PER_EVENT_TARGET}; main: ${BASELINE_BEFORE.callsPerEvent}), ` +
        `${cpuMsPerEvent} ms CPU per event (main: ${BASELINE_BEFORE.cpuMsPerEvent})`,
    );
    return {
      dynamo: 'dynalite 4 on its own thread, in memory; fauxqs in-process; handlers invoked in-process',
      contacts,
      requests: requests.length,
      inboundEvents: stored.inbound,
      derivedEvents: stored.derived,
      processorBatches: batches,
      callsPerEvent: {
        total,
        webhook: perEvent(webhookCalls),
        processor: perEvent(processorCalls),
        byOperation: Object.fromEntries(
          Object.entries(byOperation)
            .sort(([, a], [, b]) => b - a)
            .map(([op, n]) => [op, perEvent(n)]),
        ),
        target: CALLS_PER_EVENT_TARGET,
        meetsTarget: total <= CALLS_PER_EVENT_TARGET,
      },
      callsPerRequest: round((webhookCalls + processorCalls) / requests.length, 2),
      cpuMsPerEvent,
      before: BASELINE_BEFORE,
    };
  } finally {
    await stack.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const contactsArg = process.argv.indexOf('--contacts');
  const result = await benchInbound({
    contacts: contactsArg > 0 ? Number(process.argv[contactsArg + 1]) : undefined,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify({ inbound: result }, null, 2)}\n`);
}
