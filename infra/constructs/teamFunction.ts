import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Tokenization, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config/runtimeEnv.js';

/** Repository root: entries in infra/routes.ts are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Matches the defaults in shared/observability/powertools.ts, so local and cloud metrics line up. */
export const SERVICE_NAME = 'sms-revenue';
export const METRICS_NAMESPACE = 'SmsRevenue';

/**
 * ESM bundles still meet CommonJS dependencies that call `require` (Powertools, middy deps);
 * esbuild cannot rewrite those, so each bundle gets a real `require` built from its own URL.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** Lambda refuses a function whose environment variables (names and values) exceed 4 KB. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;
/** What one deploy-time value (an ARN, a queue URL, a table name) may take once resolved. */
const TOKEN_ALLOWANCE = 128;

/** Where a function finds the program config: beside its handler, in the bundle (Lambda's cwd). */
export const BUNDLED_CONFIG_FILE = 'app-config.json';

/**
 * The program config (APP_CONFIG) travels in the bundle, not the environment: Lambda caps a
 * function's variables at 4 KB, and a real config (programs, workflows, costs, goals) outgrows
 * that. The validated JSON is written once per content to a temp file the bundler copies.
 */
function configFileFor(json: string): string {
  const dir = join(tmpdir(), 'sms-revenue-config');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${createHash('sha256').update(json).digest('hex').slice(0, 16)}.json`);
  if (existsSync(path) && readFileSync(path, 'utf8') === json) return path;
  // Several synths (test workers) may write the same file at once: write aside, then rename.
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, json);
  renameSync(aside, path);
  return path;
}

/** Bytes an environment takes once deployed, counting each unresolved token at its allowance. */
function environmentSize(environment: Record<string, string>): number {
  return Object.entries(environment).reduce(
    (total, [name, value]) => total + name.length + valueSize(value),
    0,
  );
}

function valueSize(value: string): number {
  const allowance = 'x'.repeat(TOKEN_ALLOWANCE);
  const deployed: unknown = Tokenization.reverseString(value)
    .mapTokens({ mapToken: () => allowance })
    .join({ join: (left: unknown, right: unknown) => `${left ?? ''}${right ?? ''}` });
  return Buffer.byteLength(String(deployed ?? ''));
}

/** `smsWebhook` -> `SmsWebhook`: table keys (infra/routes.ts) as construct ids. */
export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export interface TeamFunctionProps {
  /** Handler file relative to the repository root; it must `export const handler`. */
  readonly entry: string;
  readonly description: string;
  /** Added to the team's defaults (NODE_OPTIONS, Powertools service and namespace). */
  readonly environment?: Record<string, string>;
  /** @default 512 — on arm64, enough CPU for zod parsing and signature checks without cold-start drag */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) — vendors give up on webhooks after 10–15 s */
  readonly timeout?: Duration;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Lambda function with the team's defaults: Node.js 22 on arm64, a minified ESM bundle
 * with source maps and the AWS SDK left to the runtime, active tracing, JSON logs into its
 * own log group with a retention, and a role that can write only to that log group.
 */
export class TeamFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  /** The function's own role: grants land in its default policy, acknowledgements go here. */
  readonly role: iam.Role;
  /** What the function does (infra/routes.ts), as set on the Lambda function. */
  readonly description: string;
  /** The validated program config this function's bundle carries (a host path at synth), if any. */
  readonly bundledConfigPath?: string;

  constructor(scope: Construct, id: string, props: TeamFunctionProps) {
    super(scope, id);
    this.description = props.description;

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy allows writing to
    // every log group in the account; this role may only write to the function's own.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    const { [ENV.appConfig]: appConfigJson, ...given } = props.environment ?? {};
    const configFile = appConfigJson === undefined ? undefined : configFileFor(appConfigJson);
    this.bundledConfigPath = configFile;
    const environment = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      ...given,
      ...(configFile ? { [ENV.configFile]: BUNDLED_CONFIG_FILE } : {}),
    };
    // Caught here, at synth, instead of as a failed deploy halfway through an update.
    const size = environmentSize(environment);
    if (size > LAMBDA_ENVIRONMENT_LIMIT) {
      const [largest] = Object.entries(environment).sort(([, a], [, b]) => valueSize(b) - valueSize(a));
      throw new Error(
        `${props.entry}: its environment variables take about ${size} bytes, over Lambda's ${LAMBDA_ENVIRONMENT_LIMIT}-byte limit (largest: ${largest?.[0]}, ${valueSize(largest?.[1] ?? '')} bytes)`,
      );
    }

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The Node.js 22 runtime ships AWS SDK v3; bundling it again only adds cold-start time.
        externalModules: ['@aws-sdk/*'],
        ...(configFile
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_input: string, output: string) => [
                  `cp ${JSON.stringify(configFile)} ${JSON.stringify(join(output, BUNDLED_CONFIG_FILE))}`,
                ],
              },
            }
          : {}),
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the pinned runtime (DESIGN.md section 7): the code is tested on Node 20/22, and a move to 24 is a deliberate upgrade, not a side effect of a CDK bump.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires Resource "*".',
    });
  }
}
