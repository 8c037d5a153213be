import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { BUS_FUNCTIONS, HTTP_FUNCTIONS, SCHEDULED_FUNCTIONS, WORKER_FUNCTIONS } from '../../infra/routes.js';

/**
 * Bundles every Lambda entry as CDK's NodejsFunction does for TeamFunction
 * (infra/constructs/teamFunction.ts: ESM, node22, minified, source maps without sources,
 * `@aws-sdk/*` left to the runtime, the createRequire banner), then reads the metafile to prove
 * no devDependency-only vendor library slipped into a bundle.
 */

/** Mirrors TeamFunction's `bundling` props, translated as aws-lambda-nodejs passes them to esbuild. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const LAMBDA_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  external: ['@aws-sdk/*'],
} as const;

/** Libraries the tests use as vendor references; none may reach a Lambda bundle. */
export const DEV_ONLY_LIBS = ['twilio', 'telnyx', '@hubspot', '@sendgrid', 'jose', 'aws-sdk-client-mock'];

export interface BundleResult {
  name: string;
  entry: string;
  /** The bundle file, for the init bench. */
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  devLibs: string[];
  /** The packages that weigh most in the minified output (`(project)` is our own code). */
  topPackages: Array<{ name: string; bytes: number }>;
}

/** `node_modules/@scope/name/…` -> `@scope/name`; our own files -> `(project)`. */
function packageOf(path: string): string {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  return match ? match[1]! : '(project)';
}

function devLibsIn(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const pkg = packageOf(input);
    if (DEV_ONLY_LIBS.some((lib) => pkg === lib || pkg.startsWith(`${lib}/`))) found.add(pkg);
  }
  return [...found].sort();
}

function topPackages(metafile: Metafile, outfile: string, count = 5): BundleResult['topPackages'] {
  const output = Object.entries(metafile.outputs).find(([path]) => outfile.endsWith(path))?.[1];
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    bytes.set(packageOf(input), (bytes.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => ({ name, bytes: size }));
}

export async function bundleEntry(
  name: string,
  entry: string,
  projectRoot: string,
  outDir: string,
): Promise<BundleResult> {
  const dir = join(outDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // index.mjs, as aws-lambda-nodejs names an ESM bundle.
  const outfile = join(dir, 'index.mjs');
  const { metafile } = await build({
    ...LAMBDA_BUNDLING,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.external],
    entryPoints: [join(projectRoot, entry)],
    absWorkingDir: projectRoot,
    outfile,
    metafile: true,
    logLevel: 'warning',
  });
  const code = readFileSync(outfile);
  return {
    name,
    entry,
    file: outfile,
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code).length,
    devLibs: devLibsIn(metafile),
    topPackages: topPackages(metafile, outfile),
  };
}

/** Every function of the route table, HTTP and worker alike. */
export function lambdaEntries(): Array<{ name: string; entry: string }> {
  return Object.entries({
    ...HTTP_FUNCTIONS,
    ...WORKER_FUNCTIONS,
    ...BUS_FUNCTIONS,
    ...SCHEDULED_FUNCTIONS,
  }).map(([name, { entry }]) => ({
    name,
    entry,
  }));
}
