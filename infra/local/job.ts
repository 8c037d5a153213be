// npm run job -- <name> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
// Runs one scheduled function on this machine, against the running `npm start` when there is
// one on the same DATA_DIR, else against the data folder directly.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalCloud } from './localCloud.js';
import { LOCAL_JOBS, runLocalJob } from './localJobs.js';
import { ensureLocalSecrets } from './localSecrets.js';
import { findRunningStack } from './runningStack.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' } },
});
const name = positionals[0];
const job = name ? LOCAL_JOBS[name] : undefined;
if (!job) {
  console.error(
    `usage: npm run job -- <name> [--from YYYY-MM-DD] [--to YYYY-MM-DD]\njobs: ${Object.keys(LOCAL_JOBS).join(', ')}`,
  );
  process.exit(2);
}
for (const [flag, value] of Object.entries(values)) {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    console.error(`--${flag} must be a date like 2026-11-25, got "${value}"`);
    process.exit(2);
  }
}

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const running = findRunningStack(dataDir);
let stopCloud: (() => Promise<void>) | undefined;
if (running) {
  console.error(`using the running stack (pid ${running.pid}) on ${dataDir}`);
  Object.assign(process.env, running.env);
} else {
  mkdirSync(dataDir, { recursive: true });
  const files = ensureLocalSecrets(dataDir);
  const cloud = await startLocalCloud({ dataDir });
  stopCloud = cloud.stop;
  Object.assign(process.env, cloud.env, { SECRETS_FILE: files.secretsFile });
}
process.env.CONFIG_FILE ||= join(repoRoot, 'config', 'example.json');
process.env.DATA_DIR = dataDir;
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const started = performance.now();
try {
  const result = await runLocalJob(name as string, { from: values.from, to: values.to, progress: true });
  console.log(JSON.stringify(result ?? {}, null, 2));
  console.error(`${name} finished in ${Math.round(performance.now() - started)} ms`);
} finally {
  await stopCloud?.();
}
