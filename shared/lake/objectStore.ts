/**
 * The port the lake writes through: just enough of S3 to lay out Hive partitions and replace
 * them. Keys are bucket keys (`lake/<table>/dt=YYYY-MM-DD/<part>.parquet`), never file paths,
 * so the same code writes to S3 in AWS and to a directory laid out like the bucket locally.
 */
export interface ObjectStore {
  /** Stores `body` under `key`, replacing any object there; readers never see a partial object. */
  put(key: string, body: Uint8Array): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Every key that starts with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes the keys; a key that is already gone is not an error. */
  delete(keys: string[]): Promise<void>;
}

/** Keys are relative, `/`-separated and free of `.`/`..` segments, so no adapter can escape its root. */
export function assertObjectKey(key: string): void {
  const segments = key.split('/');
  if (key === '' || key.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`invalid object key "${key}"`);
  }
}
