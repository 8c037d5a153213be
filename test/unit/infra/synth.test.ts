import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONFIG_FILE, PROJECT_ROOT } from '../../../infra/constructs/teamFunction.js';
import {
  BUS_FUNCTIONS,
  HTTP_FUNCTIONS,
  SCHEDULED_FUNCTIONS,
  WORKER_FUNCTIONS,
} from '../../../infra/routes.js';
import { loadConfigFile } from '../../../shared/config/programConfig.js';
import { ENV } from '../../../shared/config/runtimeEnv.js';
import { CONFIG_READERS } from '../../support/cdkStack.js';

/**
 * The one test that bundles for real: it runs `cdk synth` exactly as a developer or CI does
 * (pinned v2 CLI, cdk.json app, esbuild, cdk-nag as a validation plugin), with no network
 * calls of its own and no Docker, then inspects the bundles it produced.
 */
const ALL_FUNCTIONS = [
  ...Object.values(HTTP_FUNCTIONS),
  ...Object.values(WORKER_FUNCTIONS),
  ...Object.values(BUS_FUNCTIONS),
  ...Object.values(SCHEDULED_FUNCTIONS),
];

/** Test, tooling and vendor reference libraries: none may end up in a Lambda bundle. */
const DEV_ONLY: string[] = Object.keys(
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).devDependencies,
);

interface Bundle {
  description: string;
  /** The file its environment names as the program config (CONFIG_FILE), if any. */
  configFile?: string;
  /** The asset directory, to read files beside the handler. */
  dir: string;
  code: string;
  files: string[];
  /** node_modules package of each source file in the bundle ('' for our own code). */
  packages: Set<string>;
  map: { sources: string[]; sourcesContent?: unknown };
}

let outdir: string;
interface LambdaResource {
  Type: 'AWS::Lambda::Function';
  Properties: {
    Description: string;
    Code: { S3Key: string };
    Environment?: { Variables: Record<string, unknown> };
  };
  Metadata?: { cdk_nag?: { rules_to_suppress: { id: string }[] } };
}

let template: { Resources: Record<string, { Type: string } | LambdaResource> };
let bundles: Bundle[];

function lambdas(): LambdaResource[] {
  return Object.values(template.Resources).filter(
    (r): r is LambdaResource => r.Type === 'AWS::Lambda::Function',
  );
}

function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match?.[1] ?? '';
}

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'cdk-synth-'));
  await promisify(execFile)('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  template = JSON.parse(readFileSync(join(outdir, 'SmsRevenue.template.json'), 'utf8'));
  bundles = lambdas().map((fn) => {
    const dir = join(outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const map = JSON.parse(readFileSync(join(dir, 'index.mjs.map'), 'utf8'));
    const configFile = fn.Properties.Environment?.Variables[ENV.configFile];
    return {
      description: fn.Properties.Description,
      configFile: typeof configFile === 'string' ? configFile : undefined,
      dir,
      code: readFileSync(join(dir, 'index.mjs'), 'utf8'),
      files: readdirSync(dir).sort(),
      packages: new Set<string>(map.sources.map(packageOf)),
      map,
    };
  });
}, 180_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('cdk synth with real bundling', () => {
  it('bundles one asset per function: an ESM index.mjs and its source map', () => {
    expect(bundles.map((b) => b.description).sort()).toEqual(ALL_FUNCTIONS.map((f) => f.description).sort());
    for (const bundle of bundles) {
      const expected = ['index.mjs', 'index.mjs.map', ...(bundle.configFile ? [BUNDLED_CONFIG_FILE] : [])];
      expect(bundle.files, bundle.description).toEqual(expected.sort());
    }
  });

  it('ships the validated program config beside the handler of exactly the functions told CONFIG_FILE', () => {
    // The readers (test/support/cdkStack.ts) each find, in their own asset, the file their
    // environment names, as validated; no other function has one.
    const readers = bundles.filter((b) => b.configFile !== undefined);
    expect(readers.map((b) => b.description).sort()).toEqual(
      Object.values(CONFIG_READERS)
        .flat()
        .map((spec) => spec.description)
        .sort(),
    );
    const example = loadConfigFile(join(PROJECT_ROOT, 'config/example.json'));
    for (const bundle of readers) {
      expect(bundle.configFile, bundle.description).toBe(BUNDLED_CONFIG_FILE);
      const shipped = JSON.parse(readFileSync(join(bundle.dir, BUNDLED_CONFIG_FILE), 'utf8'));
      expect(shipped, bundle.description).toEqual(example);
    }
    for (const bundle of bundles.filter((b) => b.configFile === undefined))
      expect(bundle.files, bundle.description).not.toContain(BUNDLED_CONFIG_FILE);
  });

  it('gives every ESM bundle a working require for CommonJS dependencies', () => {
    for (const bundle of bundles) {
      expect(bundle.code.startsWith("import { createRequire } from 'node:module'"), bundle.description).toBe(
        true,
      );
    }
  });

  it('leaves the AWS SDK to the runtime', () => {
    for (const bundle of bundles) {
      expect(
        [...bundle.packages].filter((p) => p.startsWith('@aws-sdk/')),
        bundle.description,
      ).toEqual([]);
    }
  });

  it('ships no dev-only library (twilio, telnyx, @hubspot, @sendgrid, test tools)', () => {
    expect(DEV_ONLY).toEqual(
      expect.arrayContaining(['twilio', 'telnyx', '@hubspot/api-client', '@sendgrid/eventwebhook']),
    );
    for (const bundle of bundles) {
      expect(
        [...bundle.packages].filter((p) => DEV_ONLY.includes(p)),
        bundle.description,
      ).toEqual([]);
    }
  });

  it('maps stack traces to our sources without shipping the sources', () => {
    for (const bundle of bundles) {
      expect(bundle.packages.has(''), bundle.description).toBe(true);
      expect(bundle.map.sourcesContent, bundle.description).toBeUndefined();
    }
  });

  it('carries the attribution SQL inside the attribution bundle (no .sql file beside it)', () => {
    const bundle = bundles.find((b) => b.description === SCHEDULED_FUNCTIONS.attribution.description)!;
    // Lines of each .sql file that only that file has (attribution_credits.sql and
    // pipeline_outcomes.sql end the CTEs of attribution_base.sql).
    for (const line of [
      "  WHERE type = 'crm.contact.upserted' AND contact_id IS NOT NULL",
      'FROM allocated AS a',
      'LEFT JOIN sourcing AS s ON s.outcome_id = o.outcome_id',
    ]) {
      expect(bundle.code, line).toContain(line);
    }
  });

  it('runs cdk-nag in synth and records each acknowledgement in the template', () => {
    for (const fn of lambdas()) {
      const rules = fn.Metadata?.cdk_nag?.rules_to_suppress.map((r) => r.id);
      expect(rules, fn.Properties.Description).toContain('AwsSolutions-L1');
    }
  });
});
