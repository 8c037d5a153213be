import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resetAppConfig } from '../../shared/config/runtimeConfig.js';
import { type FakeSmsVendor, startFakeSmsVendor } from '../../shared/messaging/fakeVendorServer.js';
import { sqsClient } from '../../shared/queue/sqsClient.js';
import { installBus } from '../../shared/runtime/bus.js';
import { LOCAL_STACK_MARKER, now } from '../../shared/runtime/clock.js';
import { resetRuntimePorts } from '../../shared/runtime/ports.js';
import { envOverrides } from '../../shared/secrets/secretsSource.js';
import type { VendorSecrets } from '../../shared/secrets/vendorSecrets.js';
import { type FakeSlack, startFakeSlack } from '../../shared/slack/fakeSlackServer.js';
import {
  BUS_FUNCTIONS,
  HTTP_FUNCTIONS,
  type HttpFunctionName,
  ROUTES,
  SCHEDULED_FUNCTIONS,
  WORKER_FUNCTIONS,
} from '../routes.js';
import { type ApiLambda, createLocalApi, localContext } from './localApi.js';
import { LocalBus } from './localBus.js';
import { type LocalCloud, startLocalCloud } from './localCloud.js';
import { ensureLocalSecrets, type SimulatorKeys } from './localSecrets.js';
import { type QueuePoller, type SqsLambda, startQueuePoller } from './queuePoller.js';
import { advertiseStack, withdrawStack } from './runningStack.js';
import { type DeliveryFateOf, deliveryReporter } from './simulator/deliveryReports.js';

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
  sendPoller: QueuePoller;
  /** Queue records that failed in a worker so far (each retry counts). */
  failures: { processEvents: number; send: number };
  /** The laptop stand-in for Twilio's and Telnyx's REST APIs. */
  vendor: FakeSmsVendor;
  /** The laptop stand-in for Slack (unless SLACK_WEBHOOK_URL points elsewhere). */
  slack: FakeSlack;
  /** Runs the every-minute scheduled jobs once now; the local timer runs them every few seconds. */
  runSchedules(): Promise<void>;
  /** Stops (true) or restarts (false) the local timer, e.g. while a simulation drives the stack. */
  pauseSchedules(paused: boolean): void;
  /** Waits until both queues are empty and the vendor's callbacks are done. */
  settle(): Promise<void>;
  /** Decides the fake vendor's status callbacks (the simulated world plants failures); undefined: all delivered. */
  setDeliveryFate(fateOf: DeliveryFateOf | undefined): void;
  stop(): Promise<void>;
}

/**
 * Scheduled functions that run every minute (deferred sends, SLA escalation) are on the local
 * timer; the lake export and the daily jobs rewrite lake partitions and run on demand.
 */
const LOCAL_TIMER_MAX_MINUTES = 1;

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
  /** Program config file. @default config/example.json (or CONFIG_FILE) */
  configFile?: string;
  /** Called with each message the fake Slack accepts (npm start prints them). */
  onSlackPost?: NonNullable<Parameters<typeof startFakeSlack>[0]>['onPost'];
  /** How often the in-process scheduler runs scheduled functions. @default 5000 */
  scheduleEveryMs?: number;
}): Promise<LocalStack> {
  mkdirSync(options.dataDir, { recursive: true });
  const files = ensureLocalSecrets(options.dataDir);
  const cloud = await startLocalCloud({ dataDir: options.dataDir, inMemory: options.inMemory });
  const secrets = { ...files.secrets, ...envOverrides() };

  let deliveryFate: DeliveryFateOf = () => ({ status: 'delivered' });
  const vendor = await startFakeSmsVendor({
    onSent: deliveryReporter(secrets, files.simulator, () => deliveryFate),
    credentials: {
      twilio: { accountSid: secrets.TWILIO_ACCOUNT_SID ?? '', authToken: secrets.TWILIO_AUTH_TOKEN ?? '' },
      telnyx: { apiKey: secrets.TELNYX_API_KEY ?? '' },
    },
  });
  const slack = await startFakeSlack({ onPost: options.onSlackPost });
  // Alerts go to the fake Slack unless the developer points them at a real listener.
  process.env.SLACK_WEBHOOK_URL ||= slack.webhookUrl('sales');
  process.env.SLACK_MANAGER_WEBHOOK_URL ||= slack.webhookUrl('managers');
  process.env.SLACK_API_BASE_URL ||= slack.apiBaseUrl;
  Object.assign(process.env, cloud.env, {
    SECRETS_FILE: files.secretsFile,
    // The lake (DATA_DIR/lake-bucket unless LAKE_DIR says otherwise) and the report copies.
    DATA_DIR: options.dataDir,
    CONFIG_FILE: options.configFile ?? process.env.CONFIG_FILE ?? join(repoRoot, 'config', 'example.json'),
    TWILIO_API_BASE_URL: process.env.TWILIO_API_BASE_URL ?? vendor.baseUrl,
    TELNYX_API_BASE_URL: process.env.TELNYX_API_BASE_URL ?? vendor.baseUrl,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
    POWERTOOLS_TRACE_ENABLED: 'false',
    // Marks this process as the laptop stack: the simulated clock may be set here (clock.ts).
    [LOCAL_STACK_MARKER]: '1',
  });
  const bus = new LocalBus();
  installBus(bus);
  // The laptop stand-in for EventBridge rules: each bus function on its detail-type.
  for (const [name, spec] of Object.entries(BUS_FUNCTIONS)) {
    const target = await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(spec.entry);
    bus.addRule(spec.detailType, async (event) => {
      await target(
        {
          version: '0',
          id: crypto.randomUUID(),
          source: 'sms-revenue',
          'detail-type': event.detailType,
          detail: event.detail,
          time: now().toISOString(),
          region: 'us-east-1',
          account: '000000000000',
          resources: [],
        },
        localContext(name),
      );
    });
  }

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
  // Records that failed processing (retried, then dead-lettered): tests assert none.
  const failures = { processEvents: 0, send: 0 };
  const poller = startQueuePoller({
    client: sqs,
    queueUrl: cloud.queueUrl,
    handler: await loadHandler<SqsLambda>(WORKER_FUNCTIONS.processEvents.entry),
    functionName: 'processEvents',
    onBatch: ({ failed }) => {
      failures.processEvents += failed;
    },
  });
  const sendPoller = startQueuePoller({
    client: sqs,
    queueUrl: cloud.sendQueueUrl,
    handler: await loadHandler<SqsLambda>(WORKER_FUNCTIONS.send.entry),
    functionName: 'send',
    onBatch: ({ failed }) => {
      failures.send += failed;
    },
  });
  // The laptop stand-in for EventBridge schedules: the every-minute functions on one timer. The
  // lake export and daily jobs (attribution, scorecards …) rewrite whole days of the lake; on a
  // laptop they run when asked (`npm run job`, the demo), not every few seconds.
  const scheduled = await Promise.all(
    Object.entries(SCHEDULED_FUNCTIONS)
      .filter(([, spec]) => spec.everyMinutes <= LOCAL_TIMER_MAX_MINUTES)
      .map(async ([name, spec]) => ({
        name,
        run: await loadHandler<(event: unknown, context: unknown) => Promise<unknown>>(spec.entry),
      })),
  );
  let schedulesPaused = false;
  const runSchedules = async () => {
    for (const job of scheduled) await job.run({}, localContext(job.name));
  };
  advertiseStack(options.dataDir, {
    pid: process.pid,
    baseUrl,
    env: {
      ...cloud.env,
      SECRETS_FILE: files.secretsFile,
      PUBLIC_BASE_URL: baseUrl,
      CONFIG_FILE: process.env.CONFIG_FILE ?? '',
    },
  });
  const timer = setInterval(() => {
    if (schedulesPaused) return;
    runSchedules().catch((error: unknown) => console.error('scheduled job failed', error));
  }, options.scheduleEveryMs ?? 5000);
  return {
    baseUrl,
    dataDir: options.dataDir,
    secretsFile: files.secretsFile,
    secrets,
    simulator: files.simulator,
    firstStart: files.created,
    cloud,
    bus,
    poller,
    sendPoller,
    failures,
    vendor,
    slack,
    runSchedules,
    pauseSchedules(paused: boolean) {
      schedulesPaused = paused;
    },
    setDeliveryFate(fateOf) {
      deliveryFate = fateOf ?? (() => ({ status: 'delivered' }));
    },
    async settle() {
      for (let round = 0; round < 3; round += 1) {
        await sendPoller.drain();
        await poller.drain();
      }
    },
    async stop() {
      clearInterval(timer);
      withdrawStack(options.dataDir);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await poller.stop();
      await sendPoller.stop();
      await vendor.stop();
      await slack.stop();
      sqs.destroy();
      await cloud.stop();
      resetRuntimePorts();
      resetAppConfig();
    },
  };
}
