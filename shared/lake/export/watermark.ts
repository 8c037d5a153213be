/**
 * What the lake export remembers between runs: the last arrival day it wrote completely. The
 * next run starts again at that day (it may have grown since), so the watermark is a day, not
 * an instant, and it only ever moves forward.
 */
export interface ExportWatermark {
  /** Last UTC arrival day (YYYY-MM-DD) whose partitions hold every event that had arrived. */
  day: string;
  runId: string;
  /** When the run that set it wrote the day (ISO). */
  at: string;
}

export interface WatermarkStore {
  read(): Promise<ExportWatermark | undefined>;
  /**
   * Records `mark` unless the stored day is later (a backfill of old days never moves it
   * back). Returns whether it was recorded.
   */
  advance(mark: ExportWatermark): Promise<boolean>;
}

export type LeaseResult = { acquired: true } | { acquired: false; heldBy: string; until: string };

/**
 * One export at a time. Replacing a partition deletes every part it did not write itself, so
 * two overlapping runs on one day could delete each other's parts (e.g. `npm run job` while
 * `npm start`'s timer runs, or a manual invoke during the hourly one). A lease that expires
 * lets a crashed run's successor in; a run renews it as it goes.
 */
export interface JobLease {
  /** Takes or renews the lease for `runId` until now + ttlMs, unless another live run holds it. */
  acquire(runId: string, now: Date, ttlMs: number): Promise<LeaseResult>;
  /** Gives the lease up if `runId` still holds it. */
  release(runId: string): Promise<void>;
}
