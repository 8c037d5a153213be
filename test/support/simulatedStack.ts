import { type LocalStack, startLocalStack } from '../../infra/local/localStack.js';
import {
  runSimulatedWorld,
  type SimRunOptions,
  type SimRunSummary,
} from '../../infra/local/simulator/world/runWorld.js';
import { tempLakeDir } from './lakeReader.js';

export interface SimulatedStack {
  stack: LocalStack;
  run: SimRunSummary;
  /** The temp data folder (DynamoDB in memory, the lake under lake-bucket/). */
  dir: string;
  /** Stops the stack, gives DATA_DIR back and deletes the folder. */
  close(): Promise<void>;
}

/**
 * A local stack on a temp data folder with a simulated world already run through it and the
 * queues settled; DATA_DIR points at the folder so the jobs find its lake.
 */
export async function startSimulatedStack(prefix: string, world: SimRunOptions): Promise<SimulatedStack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const data = tempLakeDir(prefix);
  const savedDataDir = process.env.DATA_DIR;
  const stack = await startLocalStack({
    port: 0,
    dataDir: data.dir,
    inMemory: true,
    scheduleEveryMs: 3_600_000,
  });
  const run = await runSimulatedWorld(stack, world);
  await stack.settle();
  process.env.DATA_DIR = data.dir;
  return {
    stack,
    run,
    dir: data.dir,
    async close() {
      await stack.stop();
      if (savedDataDir === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = savedDataDir;
      data.remove();
    },
  };
}
