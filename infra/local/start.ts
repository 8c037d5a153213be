// npm start: the whole pipeline on this machine. No AWS account, no Docker, no network.
// Node 20 is supported here on purpose (Lambda runs 22); the SDK's notice about it is noise locally.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { vendorsOf } from '../../shared/providers/registry.js';
import { runFirstStart } from './firstStart.js';
import { startLocalStack } from './localStack.js';
import { simOptionsFromEnv } from './simulator/world/runWorld.js';

const { values } = parseArgs({
  options: {
    'no-demo': { type: 'boolean', default: false },
    port: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
const world = simOptionsFromEnv();
// The simulated month makes thousands of requests: they are summed per day, not printed each.
let requestLog = !values.quiet;
let quietSlackPosts = 0;
const dataDir = resolve(process.env.DATA_DIR ?? '.data');

const stack = await startLocalStack({
  port,
  dataDir,
  publicBaseUrl: process.env.PUBLIC_BASE_URL,
  onSlackPost: (message) => {
    if (requestLog) console.log(`  slack ${message.channel}: ${String(message.text ?? '').slice(0, 140)}`);
    else quietSlackPosts += 1;
  },
  onRequest: (r) => {
    if (requestLog) console.log(`  ${r.method} ${r.path} -> ${r.status} (${r.ms} ms)`);
  },
});

const url = stack.baseUrl;
console.log(`
SMS revenue backend running locally at ${url}
  data:     ${dataDir} (DynamoDB via dynalite; delete the folder to start over)
  secrets:  ${stack.secretsFile} (environment variables such as TWILIO_AUTH_TOKEN override them)

Webhook URLs:
${(['sms', 'crm', 'email'] as const)
  .flatMap((family) => vendorsOf(family).map((vendor) => `  POST ${url}/webhooks/${family}/${vendor}`))
  .join('\n')}
Other routes:
  GET  ${url}/c/{code}                      tracked link redirect
  POST ${url}/v1/links                      create a tracked link   (x-api-key)
  GET  ${url}/v1/timeline?phone=+1…         contact timeline        (x-api-key)
`);

if (stack.firstStart && !values['no-demo']) {
  const started = performance.now();
  requestLog = false;
  const result = await runFirstStart(stack, world, console.log);
  requestLog = !values.quiet;
  console.log(
    `\nFirst start done in ${((performance.now() - started) / 1000).toFixed(0)} s (world ${result.worldSeconds.toFixed(0)} s, daily jobs ${result.jobsSeconds.toFixed(0)} s).`,
  );
  for (const path of result.reportPaths) console.log(`  report: ${path}`);
  console.log(`  truth:  ${result.truthFile}`);
  console.log(`  slack:  ${quietSlackPosts} intent alerts went to the local Slack stand-in meanwhile`);
} else if (!values['no-demo']) {
  console.log('Data already present: demo skipped (delete the data folder to replay it).');
}
console.log('\nReady. Ctrl-C to stop.');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await stack.stop();
  console.log('Stopped. Data kept in', dataDir);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
