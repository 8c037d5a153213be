import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { installBus } from '../../shared/runtime/bus.js';
import { resetRuntimePorts } from '../../shared/runtime/ports.js';
import { envOverrides } from '../../shared/secrets/secretsSource.js';
import type { VendorSecrets } from '../../shared/secrets/vendorSecrets.js';
import { HTTP_FUNCTIONS, type HttpFunctionName, ROUTES, WORKER_FUNCTIONS } from '../routes.js';
import { type ApiLambda, createLocalApi } from './localApi.js';
import { LocalBus } from './localBus.js';
import { type LocalCloud, startLocalCloud } from './localCloud.js';
import { ensureLocalSecrets, type SimulatorKeys } from './localSecrets.js';
import { type QueuePoller, type SqsLambda, startQueuePoller } from './queuePoller.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface LocalStack {
  baseUrl: string;
  dataDir: string;
  secretsFile: string;
  /** The secrets in force: the file, overridden by environment variables. */
  secrets: VendorSecrets;
  simulator: SimulatorKeys;
  firstStart: boolean;
  cloud: LocalCloud;
  bus: LocalBus;
  poller: QueuePoller;
  stop(): Promise<void>;
}

async function loadHandler<T>(entry: string): Promise<T> {
  const module = (await import(pathToFileURL(join(repoRoot, entry)).href)) as { handler: T };
  return module.handler;
}

/**
 * The whole pipeline on a laptop: local cloud (dynalite + fauxqs), the HTTP routes served by
 * the real handler modules, the events queue consumed by the real processor, and an
 * in-process bus. Nothing leaves the machine.
 */
export async function startLocalStack(options: {
  port: number;
  dataDir: string;
  inMemory?: boolean;
  publicBaseUrl?: string;
  onRequest?: Parameters<typeof createLocalApi>[0]['onRequest'];
}): Promise<LocalStack> {
  mkdirSync(options.dataDir, { recursive: true });
  const files = ensureLocalSecrets(options.dataDir);
  const cloud = await startLocalCloud({ dataDir: options.dataDir, inMemory: options.inMemory });
  Object.assign(process.env, cloud.env, {
    SECRETS_FILE: files.secretsFile,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  const bus = new LocalBus();
  installBus(bus);

  const handlers = new Map<HttpFunctionName, Promise<ApiLambda>>();
  const server: Server = createLocalApi({
    routes: ROUTES,
    handlerFor: (fn) => {
      if (!handlers.has(fn)) handlers.set(fn, loadHandler<ApiLambda>(HTTP_FUNCTIONS[fn].entry));
      return handlers.get(fn)!;
    },
    onRequest: options.onRequest,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  // URL-signed schemes (Twilio, Plivo, HubSpot) sign the URL the vendor calls.
  const baseUrl = options.publicBaseUrl ?? `http://localhost:${port}`;
  process.env.PUBLIC_BASE_URL = baseUrl;
  const sqs = sqsClient();
  const poller = startQueuePoller({
    client: sqs,
    queueUrl: cloud.queueUrl,
    handler: await loadHandler<SqsLambda>(WORKER_FUNCTIONS.processEvents.entry),
    functionName: 'processEvents',
  });
  return {
    baseUrl,
    dataDir: options.dataDir,
    secretsFile: files.secretsFile,
    secrets: { ...files.secrets, ...envOverrides() },
    simulator: files.simulator,
    firstStart: files.created,
    cloud,
    bus,
    poller,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await poller.stop();
      sqs.destroy();
      await cloud.stop();
      resetRuntimePorts();
    },
  };
}
