import { LocalObjectStore, localLakeRoot } from './localObjectStore.js';
import type { ObjectStore } from './objectStore.js';
import { lakeS3Client, S3ObjectStore } from './s3ObjectStore.js';

/**
 * The lake's store for this environment: the `LAKE_BUCKET` bucket in AWS, else the local
 * directory (`LAKE_DIR`, default `<DATA_DIR>/lake-bucket`) that `npm run query` reads.
 */
export function lakeObjectStore(env: NodeJS.ProcessEnv = process.env): ObjectStore {
  if (env.LAKE_BUCKET) return new S3ObjectStore(lakeS3Client(), env.LAKE_BUCKET);
  return new LocalObjectStore(localLakeRoot(env));
}

/**
 * Where Athena's UNLOAD writes an object store key: the lake bucket. Athena writes to S3 only,
 * so a SQL engine on Athena needs the lake in its bucket, not a local directory.
 */
export function lakeS3Uri(job: string, env: NodeJS.ProcessEnv = process.env): (key: string) => string {
  const bucket = env.LAKE_BUCKET;
  if (!bucket)
    throw new Error(`${job} engine "athena" needs the lake in S3 (LAKE_BUCKET); use "lambda" here`);
  return (key) => `s3://${bucket}/${key}`;
}
