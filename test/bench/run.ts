// npm run bench: webhook throughput per vendor, Lambda bundle sizes, module init times, the
// DynamoDB calls and CPU per inbound event on the webhook + processor path, the
// send gate against dynalite, the intent classifier on its held-out corpus, the lake writer
// beside DuckDB, the attribution engine beside its SQL twin.
// One JSON document on stdout (also written to .bench/results.json); progress on stderr.
// `npm run bench -- --only gate,intents` runs some sections.
// `npm run bench -- --only attribution --touches 10000000` runs the attribution twin on the
// issue's world (10M touches, 500k outcomes, 1M contacts; default 1M / 50k / 100k).
// `npm run bench -- --only dailyJobs --size 0.1` runs the daily lake jobs on a tenth of issue 6's
// world (default 0.05) and projects them to all of it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAttributionTs } from './attribution.js';
import { benchAttributionTwin } from './attributionTwin.js';
import { bundleEntry, DEV_ONLY_LIBS, LAMBDA_BUNDLING, lambdaEntries } from './bundles.js';
import { benchDailyJobs } from './dailyJobs.js';
import { benchGate } from './gate.js';
import { benchInbound } from './inbound.js';
import { benchInit, LAMBDA_NODE_OPTIONS } from './init.js';
import { benchIntents } from './intents.js';
import { benchLake } from './lake.js';
import { round } from './measure.js';
import { benchScorecardsTwin } from './scorecardsTwin.js';
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
const touchesArg = process.argv.indexOf('--touches');
/** Touches of the attribution twin's lake; outcomes are a 20th of them, contacts a 10th (as in issue 5). */
const attributionTouches = touchesArg > 0 ? Number(process.argv[touchesArg + 1]) : 1_000_000;
if (!Number.isSafeInteger(attributionTouches) || attributionTouches < 20)
  throw new Error(`--touches needs a whole number of at least 20, got "${process.argv[touchesArg + 1]}"`);

const sizeArg = process.argv.indexOf('--size');
/** Share of issue 6's world (1M contacts, 10M events) the dailyJobs section builds; @default 0.05 */
const dailyJobsSize = sizeArg > 0 ? Number(process.argv[sizeArg + 1]) : 0.05;
if (!(dailyJobsSize > 0 && dailyJobsSize <= 1))
  throw new Error(`--size needs a share of the world in (0, 1], got "${process.argv[sizeArg + 1]}"`);

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
  inbound: await section(
    'inbound',
    'DynamoDB calls and CPU per inbound event, webhook + processor, against dynalite',
    () => benchInbound({ progress }),
  ),
  gate: await section('gate', 'decisions against dynalite, beside a bare conditional put', () => benchGate()),
  intents: await section('intents', 'classifier on the held-out corpus', () => benchIntents()),
  lake: await section('lake', 'Parquet write of 1M event rows beside DuckDB COPY', () =>
    benchLake({ progress }),
  ),
  attributionCore: await section(
    'attributionCore',
    'TypeScript core in memory at 1M touches / 50k outcomes',
    () => benchAttributionTs({ touches: 1_000_000, outcomes: 50_000, contacts: 100_000 }),
  ),
  attribution: await section(
    'attribution',
    `TypeScript engine beside the SQL twin on DuckDB, same lake of ${attributionTouches} touches`,
    () =>
      benchAttributionTwin({
        touches: attributionTouches,
        outcomes: Math.round(attributionTouches / 20),
        contacts: Math.round(attributionTouches / 10),
      }),
  ),
  dailyJobs: await section(
    'dailyJobs',
    `attribution + scorecards daily runs on ${dailyJobsSize} of the 1M-contact / 10M-event world, projected`,
    () => benchDailyJobs({ size: dailyJobsSize }),
  ),
  scorecardsTwin: await section(
    'scorecardsTwin',
    `scorecards: TypeScript job beside its SQL twin on DuckDB, same lake (${dailyJobsSize} of the 10M-event world)`,
    () => benchScorecardsTwin({ size: dailyJobsSize }),
  ),
  durationSeconds: round((performance.now() - started) / 1000),
};

const json = JSON.stringify(results, null, 2);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'results.json'), `${json}\n`);
process.stdout.write(`${json}\n`);
if (results.attribution && !results.attribution.proof.identical) {
  progress(
    'attribution: the TypeScript engine and the SQL twin wrote different rows (see attribution.proof)',
  );
  process.exitCode = 1;
}
if (results.scorecardsTwin && !results.scorecardsTwin.proof.identical) {
  progress(`scorecards: the engines wrote different rows: ${results.scorecardsTwin.proof.difference}`);
  process.exitCode = 1;
}
if (devLibsFound.length > 0) {
  progress(`dev-only libraries inside Lambda bundles: ${devLibsFound.join(', ')}`);
  process.exitCode = 1;
}
