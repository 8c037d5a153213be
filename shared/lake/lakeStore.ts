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
