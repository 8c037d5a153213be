import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface DynaliteThread {
  port: number;
  stop(): Promise<void>;
}

/**
 * The worker's code, plain CommonJS so it runs the same under tsx, vitest and node. It starts
 * dynalite on a loopback port chosen by the OS, reports the port, and closes dynalite (which
 * flushes and releases LevelDB) when told to stop.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalitePath);
const server = dynalite(workerData.options);
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'stop') server.close(() => parentPort.postMessage({ stopped: true }));
});
`;

/**
 * dynalite on its own thread: the DynamoDB side of every request (HTTP parsing, validation,
 * LevelDB) runs beside the handlers instead of on their event loop, so a busy local stack uses
 * a second core. Same options, same files on disk (`path`), same loopback protocol as before.
 */
export async function startDynaliteThread(options: {
  path?: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}): Promise<DynaliteThread> {
  const dynalitePath = createRequire(import.meta.url).resolve('dynalite');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { dynalitePath, options },
    // The parent's loaders (tsx) are not needed for plain CommonJS.
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port: number }) => resolve(message.port));
  });
  return {
    port,
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        worker.on('message', (message: { stopped?: boolean }) => {
          if (message.stopped) resolve();
        });
      });
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
