import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A running `npm start` advertises its emulators' endpoints in `<dataDir>/stack.json`, so a
 * job or query run by hand on the same data folder talks to them instead of opening the same
 * dynalite files a second time (which the database lock forbids, and which could corrupt them).
 */
export interface RunningStack {
  pid: number;
  baseUrl: string;
  env: Record<string, string>;
}

const fileOf = (dataDir: string) => join(dataDir, 'stack.json');

export function advertiseStack(dataDir: string, stack: RunningStack): void {
  writeFileSync(fileOf(dataDir), `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 });
}

export function withdrawStack(dataDir: string): void {
  rmSync(fileOf(dataDir), { force: true });
}

/** The stack running on this data folder, if its process is alive. */
export function findRunningStack(dataDir: string): RunningStack | undefined {
  if (!existsSync(fileOf(dataDir))) return undefined;
  const stack = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as RunningStack;
  try {
    process.kill(stack.pid, 0);
    return stack;
  } catch {
    return undefined;
  }
}
