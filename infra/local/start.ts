// npm start: the whole pipeline on this machine. No AWS account, no Docker, no network.
// Node 20 is supported here on purpose (Lambda runs 22); the SDK's notice about it is noise locally.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { vendorsOf } from '../../shared/providers/registry.js';
import { runDemo } from './demo.js';
import { startLocalStack } from './localStack.js';

const { values } = parseArgs({
  options: {
    'no-demo': { type: 'boolean', default: false },
    port: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');

const stack = await startLocalStack({
  port,
  dataDir,
  publicBaseUrl: process.env.PUBLIC_BASE_URL,
  onSlackPost: (message) =>
    console.log(`  slack ${message.channel}: ${String(message.text ?? '').slice(0, 140)}`),
  onRequest: values.quiet
    ? undefined
    : (r) => console.log(`  ${r.method} ${r.path} -> ${r.status} (${r.ms} ms)`),
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
  await runDemo(stack, console.log);
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
