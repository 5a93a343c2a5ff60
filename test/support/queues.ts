import { mediaBusy } from '../../src/services/image-processing.js';
import { createWorkQueue, type WorkQueue } from '../../src/services/work-queue.js';

/**
 * A real image queue that also counts: how many jobs it ran, and the most that ran at once. `hold()` takes slots (or
 * places in line) with jobs that finish only when `release()` is called, so a test fills the queue without a clock.
 */
export function countingQueue(concurrency: number, maxWaiting: number) {
  const inner = createWorkQueue({ concurrency, maxWaiting, busy: mediaBusy });
  let active = 0;
  const stats = { jobs: 0, peak: 0 };
  const held: Promise<unknown>[] = [];
  let release = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  const queue: WorkQueue = {
    get running() {
      return inner.running;
    },
    get waiting() {
      return inner.waiting;
    },
    run: (job) =>
      inner.run(async () => {
        stats.jobs++;
        stats.peak = Math.max(stats.peak, ++active);
        try {
          return await job();
        } finally {
          active--;
        }
      }),
  };
  return {
    queue,
    stats,
    reset: () => Object.assign(stats, { jobs: 0, peak: 0 }),
    hold: (n: number) => {
      for (let i = 0; i < n; i++) held.push(inner.run(() => gate));
    },
    release: async () => {
      release();
      await Promise.all(held.splice(0));
      gate = new Promise<void>((resolve) => (release = resolve));
    },
  };
}
