// npm run bench: webhook throughput per vendor, Lambda bundle sizes, module init times, the
// send gate against dynalite, the intent classifier on its held-out corpus, the lake writer
// beside DuckDB, the attribution engine beside its SQL twin.
// One JSON document on stdout (also written to .bench/results.json); progress on stderr.
// `npm run bench -- --only gate,intents` runs some sections.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAttributionTs } from './attribution.js';
import { bundleEntry, DEV_ONLY_LIBS, LAMBDA_BUNDLING, lambdaEntries } from './bundles.js';
import { benchGate } from './gate.js';
import { benchInit, LAMBDA_NODE_OPTIONS } from './init.js';
import { benchIntents } from './intents.js';
import { benchLake } from './lake.js';
import { round } from './measure.js';
import { benchThroughput } from './throughput.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT_DIR = join(PROJECT_ROOT, '.bench');
const BUDGET = { warmupMs: 300, measureMs: 700 };
const INIT_SAMPLES = 7;
const BASELINE = { name: 'baseline:dynamodb-client', entry: 'test/bench/dynamoBaseline.ts' };

const progress = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : undefined;
const wanted = (name: string) => !only || only.has(name);

/** Runs one optional section of the bench, with a progress line, or skips it. */
async function section<T>(name: string, what: string, run: () => T | Promise<T>): Promise<T | undefined> {
  if (!wanted(name)) return undefined;
  progress(`${name}: ${what}`);
  return run();
}

progress('throughput: verify() + normalize() per vendor, beside HMAC + parse of the same bytes');
const vendors = wanted('webhooks') ? await benchThroughput(BUDGET, progress) : [];

progress('bundles: esbuild as CDK bundles each Lambda');
const bundleDir = join(OUT_DIR, 'bundles');
const functions = [];
for (const { name, entry } of wanted('bundles') ? lambdaEntries() : []) {
  const result = await bundleEntry(name, entry, PROJECT_ROOT, bundleDir);
  progress(`  ${name.padEnd(16)} ${result.minifiedBytes} B minified, ${result.gzipBytes} B gzip`);
  functions.push(result);
}
const baselineBundle = await bundleEntry(BASELINE.name, BASELINE.entry, PROJECT_ROOT, bundleDir);
const devLibsFound = [...new Set(functions.flatMap((fn) => fn.devLibs))].sort();

progress(`init: ${INIT_SAMPLES} fresh node processes per bundle`);
const init = wanted('bundles')
  ? benchInit(
      [...functions, baselineBundle].map(({ name, file }) => ({ name, file })),
      INIT_SAMPLES,
      progress,
    )
  : [{ name: BASELINE.name, medianMs: 0, p90Ms: 0, samplesMs: [] }];
const baselineInit = init.find((result) => result.name === BASELINE.name)!;

const cpu = cpus();
const results = {
  timestamp: new Date().toISOString(),
  machine: {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: round(totalmem() / 1024 ** 3),
  },
  throughput: {
    budgetMs: BUDGET,
    request: "the demo story's largest signed call per vendor; arrival time stamped as ingest does",
    ratio: 'vendor mean µs/op ÷ baseline mean µs/op, same bytes, same run',
    vendors,
  },
  bundles: {
    esbuild: { ...LAMBDA_BUNDLING, banner: 'createRequire shim (TeamFunction)' },
    gzip: 'zlib default level (6), bundle without its source map',
    functions: functions.map(({ file: _file, ...rest }) => rest),
    baseline: {
      name: baselineBundle.name,
      minifiedBytes: baselineBundle.minifiedBytes,
      gzipBytes: baselineBundle.gzipBytes,
    },
    devOnlyLibsChecked: DEV_ONLY_LIBS,
    devLibsFound,
  },
  init: {
    samples: INIT_SAMPLES,
    nodeOptions: LAMBDA_NODE_OPTIONS,
    measured: 'performance.now() around await import(bundle) in a fresh node process',
    baseline: { ...baselineInit, entry: BASELINE.entry },
    functions: init
      .filter((result) => result.name !== BASELINE.name)
      .map((result) => ({ ...result, overBaselineMs: round(result.medianMs - baselineInit.medianMs) })),
  },
  gate: await section('gate', 'decisions against dynalite, beside a bare conditional put', () => benchGate()),
  intents: await section('intents', 'classifier on the held-out corpus', () => benchIntents()),
  lake: await section('lake', 'Parquet write of 1M event rows beside DuckDB COPY', () =>
    benchLake({ progress }),
  ),
  attribution: await section('attribution', 'TypeScript engine at 1M touches / 50k outcomes', () =>
    benchAttributionTs({ touches: 1_000_000, outcomes: 50_000, contacts: 100_000 }),
  ),
  durationSeconds: round((performance.now() - started) / 1000),
};

const json = JSON.stringify(results, null, 2);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'results.json'), `${json}\n`);
process.stdout.write(`${json}\n`);
if (devLibsFound.length > 0) {
  progress(`dev-only libraries inside Lambda bundles: ${devLibsFound.join(', ')}`);
  process.exitCode = 1;
}
