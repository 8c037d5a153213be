import { spawnSync } from 'node:child_process';
import { round } from './measure.js';

/**
 * Module init time: a fresh `node` per sample imports one bundle and reports how long the
 * `import()` took, which is the part of a cold start our code controls. The environment is what
 * the functions get in Lambda (names and ARNs made up); nothing is called, so nothing connects.
 */
export interface InitTarget {
  name: string;
  file: string;
}

export interface InitResult {
  name: string;
  medianMs: number;
  p90Ms: number;
  samplesMs: number[];
}

/** TeamFunction sets NODE_OPTIONS to this in Lambda; it makes Node read the source map at load. */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

const CHILD = [
  "const { pathToFileURL } = await import('node:url');",
  'const started = performance.now();',
  'await import(pathToFileURL(process.argv[1]).href);',
  'process.stdout.write(JSON.stringify({ ms: performance.now() - started }));',
].join('\n');

function lambdaEnv(functionName: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Read lazily by the handlers today; set anyway so an eager read cannot fail the import.
    TABLE_NAME: 'bench-operational',
    EVENTS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench-events',
    EVENT_BUS_NAME: 'bench-bus',
    SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench-vendors',
    PUBLIC_BASE_URL: 'https://hooks.example.com',
    // The values TeamFunction gives every function (infra/constructs/teamFunction.ts).
    POWERTOOLS_SERVICE_NAME: 'sms-revenue',
    POWERTOOLS_METRICS_NAMESPACE: 'SmsRevenue',
  };
}

function importOnce(target: InitTarget): number {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, target.file], {
    env: lambdaEnv(target.name),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0) {
    throw new Error(`importing ${target.name} failed (exit ${child.status}): ${child.stderr.slice(0, 500)}`);
  }
  return (JSON.parse(child.stdout) as { ms: number }).ms;
}

const median = (sorted: number[]) =>
  sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]!
    : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
/** Nearest-rank percentile. */
const percentile = (sorted: number[], p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;

/**
 * Samples round-robin (every target once, then again…) so a noisy moment on the machine spreads
 * over all targets instead of skewing one. One unrecorded import per target first takes the
 * operating system's file cache out of the figures.
 */
export function benchInit(
  targets: InitTarget[],
  samples: number,
  progress: (line: string) => void,
): InitResult[] {
  for (const target of targets) importOnce(target);
  const times = new Map(targets.map((target) => [target.name, [] as number[]]));
  for (let sample = 0; sample < samples; sample += 1) {
    for (const target of targets) times.get(target.name)!.push(importOnce(target));
    progress(`  init sample ${sample + 1}/${samples}`);
  }
  return targets.map(({ name }) => {
    const sorted = [...times.get(name)!].sort((a, b) => a - b);
    return {
      name,
      medianMs: round(median(sorted)),
      p90Ms: round(percentile(sorted, 90)),
      samplesMs: times.get(name)!.map((ms) => round(ms)),
    };
  });
}
