// npx tsx test/bench/inbound.ts: DynamoDB calls and CPU per inbound event on the webhook +
// processor path, through the real handler modules against dynalite and fauxqs in-process.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiLambda } from '../../infra/local/localApi.js';
import { localContext } from '../../infra/local/localApi.js';
import { startLocalCloud } from '../../infra/local/localCloud.js';
import { ensureLocalSecrets } from '../../infra/local/localSecrets.js';
import { type SqsLambda, startQueuePoller } from '../../infra/local/queuePoller.js';
import { HTTP_FUNCTIONS, WORKER_FUNCTIONS } from '../../infra/routes.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { installBus } from '../../shared/runtime/bus.js';
import { resetRuntimePorts } from '../../shared/runtime/ports.js';
import { documentClient } from '../../shared/store/dynamoClient.js';
import { countDynamoCalls } from '../support/dynamoCalls.js';
import { type InboundRequest, inboundMix } from './inboundMix.js';
import { round } from './measure.js';

/** The target: DynamoDB calls per inbound event, webhook and processor together. */
export const CALLS_PER_EVENT_TARGET = 4;

/**
 * Measured on main before the issue-15 changes (same mix, same machine), kept so the bench
 * prints the change beside the figure it replaces.
 */
export const BASELINE_BEFORE = {
  commit: 'bf971bd',
  contacts: 200,
  callsPerEvent: 4.57,
  webhook: 2.2,
  processor: 2.37,
  byOperation: { UpdateItem: 1.77, PutItem: 1.49, GetItem: 1.26, Query: 0.06 } as Record<string, number>,
  callsPerRequest: 9.55,
  cpuMsPerEvent: 17.04,
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

const BASE_URL = 'https://hooks.bench.example';
/** Calls posted before the events queue is drained, so processing interleaves with arrival. */
const REQUESTS_PER_ROUND = 20;

function apiEvent(request: InboundRequest): APIGatewayProxyEventV2 {
  const [rawPath = '', rawQueryString = ''] = request.path.split('?');
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `POST /webhooks/${request.family}/{vendor}`,
    rawPath,
    rawQueryString,
    headers: { ...request.signed.headers },
    pathParameters: { vendor: request.vendor },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'hooks.bench.example',
      domainPrefix: 'hooks',
      http: {
        method: 'POST',
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'bench',
      },
      requestId: `bench-${now}`,
      routeKey: `POST /webhooks/${request.family}/{vendor}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: Buffer.from(request.signed.body).toString('base64'),
    isBase64Encoded: true,
  };
}

async function loadHandler<T>(entry: string): Promise<T> {
  const url = new URL(`../../${entry}`, import.meta.url);
  return ((await import(url.href)) as { handler: T }).handler;
}

/** Stored events by origin: what vendors sent (the denominator) and what the processor derived. */
async function storedEvents(client: DynamoDBDocumentClient, table: string) {
  let inbound = 0;
  let derived = 0;
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(pk, :evt)',
        ExpressionAttributeValues: { ':evt': 'EVT#' },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      if ((item.event as { source?: string }).source === 'internal') derived += 1;
      else inbound += 1;
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return { inbound, derived };
}

export async function benchInbound(
  options: { contacts?: number; progress?: (line: string) => void } = {},
): Promise<InboundBenchResult> {
  const contacts = options.contacts ?? 200;
  const progress = options.progress ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-inbound-'));
  const cloud = await startLocalCloud({ inMemory: true });
  const saved = { ...process.env };
  try {
    const files = ensureLocalSecrets(dataDir);
    Object.assign(process.env, cloud.env, {
      SECRETS_FILE: files.secretsFile,
      CONFIG_FILE: fileURLToPath(new URL('../../config/example.json', import.meta.url)),
      PUBLIC_BASE_URL: BASE_URL,
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    resetRuntimePorts();
    // Domain events stop at the bus: what the bus rules do is not the webhook + processor path.
    installBus({ publish: async () => {} });
    const handlers = {
      sms: await loadHandler<ApiLambda>(HTTP_FUNCTIONS.smsWebhook.entry),
      crm: await loadHandler<ApiLambda>(HTTP_FUNCTIONS.crmWebhook.entry),
      email: await loadHandler<ApiLambda>(HTTP_FUNCTIONS.emailWebhook.entry),
    };
    const processEvents = await loadHandler<SqsLambda>(WORKER_FUNCTIONS.processEvents.entry);
    const requests = inboundMix(contacts, {
      baseUrl: BASE_URL,
      secrets: files.secrets,
      simulator: files.simulator,
      now: new Date(),
    });
    const client = documentClient();
    const calls = countDynamoCalls(client);
    let batches = 0;
    let failed = 0;
    // The poller runs only between rounds, so each call is counted on the side that made it.
    const drain = async () => {
      const poller = startQueuePoller({
        client: sqsClient(),
        queueUrl: cloud.queueUrl,
        handler: processEvents,
        functionName: 'processEvents',
        idleMs: 5,
        onBatch: (summary) => {
          batches += 1;
          failed += summary.failed;
        },
      });
      await poller.drain();
      await poller.stop();
    };
    progress(`${requests.length} webhook calls for ${contacts} contacts`);

    let webhookCalls = 0;
    let processorCalls = 0;
    const cpuStart = process.cpuUsage();
    for (let start = 0; start < requests.length; start += REQUESTS_PER_ROUND) {
      const before = calls.total();
      for (const request of requests.slice(start, start + REQUESTS_PER_ROUND)) {
        const result = await handlers[request.family](
          apiEvent(request),
          localContext(`${request.family}Webhook`),
        );
        const status = result.statusCode ?? 500;
        if (status >= 300) throw new Error(`${request.vendor} answered ${status}: ${result.body}`);
      }
      const afterWebhooks = calls.total();
      webhookCalls += afterWebhooks - before;
      await drain();
      processorCalls += calls.total() - afterWebhooks;
    }
    const cpu = process.cpuUsage(cpuStart);
    const byOperation = calls.byOperation();
    calls.detach();
    // A failed record is retried, and its retry's calls would be counted as if they were work.
    if (failed > 0)
      throw new Error(`${failed} processor records failed; the figures would be of a broken path`);
    const stored = await storedEvents(client, cloud.tableName);
    const perEvent = (n: number) => round(n / stored.inbound, 2);
    const total = perEvent(webhookCalls + processorCalls);
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
      cpuMsPerEvent: round((cpu.user + cpu.system) / 1000 / stored.inbound, 2),
      before: BASELINE_BEFORE,
    };
  } finally {
    process.env = saved;
    resetRuntimePorts();
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
