/**
 * Simulated time as a queue of buckets: actions due in the same bucket run together (the clock
 * is set to the bucket's start), buckets run in time order, and an action may schedule later
 * ones (a click after a send). A min-heap keeps the next bucket cheap to find.
 */
export type Action = () => Promise<void>;

export class Timeline<T> {
  private readonly buckets = new Map<number, T[]>();
  private readonly heap: number[] = [];

  constructor(readonly bucketMs: number) {}

  /** The bucket an instant falls in (its start). */
  bucketOf(at: number): number {
    return Math.floor(at / this.bucketMs) * this.bucketMs;
  }

  add(at: number, action: T): void {
    const bucket = this.bucketOf(at);
    const list = this.buckets.get(bucket);
    if (list) {
      list.push(action);
      return;
    }
    this.buckets.set(bucket, [action]);
    this.push(bucket);
  }

  /** The earliest bucket start, if any. */
  peek(): number | undefined {
    return this.heap[0];
  }

  /** Removes and returns the earliest bucket. */
  take(): { at: number; actions: T[] } | undefined {
    const at = this.heap[0];
    if (at === undefined) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    const actions = this.buckets.get(at) ?? [];
    this.buckets.delete(at);
    return { at, actions };
  }

  private push(value: number) {
    const heap = this.heap;
    heap.push(value);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= value) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = value;
  }

  private down(start: number) {
    const heap = this.heap;
    const value = heap[start]!;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= value) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = value;
  }
}

/** Runs tasks with at most `limit` in flight; resolves when all are done (errors are rethrown). */
export async function runLimited(tasks: Action[], limit: number): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next]!;
      next += 1;
      await task();
    }
  });
  await Promise.all(workers);
}
