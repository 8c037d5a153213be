import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertObjectKey, type ObjectStore } from './objectStore.js';

/** Where the local lake lives: `$LAKE_DIR`, else `<DATA_DIR>/lake-bucket` (DATA_DIR defaults to `.data`). */
export function localLakeRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.LAKE_DIR || join(env.DATA_DIR || '.data', 'lake-bucket'));
}

/** Temp files are hidden siblings of their target; they never match `*.parquet` and are never listed. */
const isTemp = (name: string) => name.startsWith('.');

/**
 * The lake bucket as a directory: object `k` is the file `<root>/k`, so DuckDB reads the same
 * Hive layout Athena reads from S3. A put writes a temp file and renames it over the target,
 * so a reader (a running `npm run query`) sees the old object or the new one, never half of one.
 */
export class LocalObjectStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, body);
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    if (prefix.split('/').includes('..') || prefix.startsWith('/'))
      throw new Error(`invalid prefix "${prefix}"`);
    // Walk only the deepest directory the prefix names, as S3 only scans keys after the prefix.
    const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const keys: string[] = [];
    await this.walk(base, keys);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const path = this.pathOf(key);
      await rm(path, { force: true });
      await this.pruneEmptyParents(dirname(path));
    }
  }

  private pathOf(key: string): string {
    assertObjectKey(key);
    return join(this.root, ...key.split('/'));
  }

  private async walk(dirKey: string, into: string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(join(this.root, ...dirKey.split('/').filter(Boolean)), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (isTemp(entry.name)) continue;
      if (entry.isDirectory()) await this.walk(`${dirKey}${entry.name}/`, into);
      else if (entry.isFile()) into.push(`${dirKey}${entry.name}`);
    }
  }

  /** S3 has no directories: once a partition's last object goes, its folder goes too. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.root + sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      current = dirname(current);
    }
  }
}
