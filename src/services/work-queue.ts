/**
 * A semaphore with a bounded line: at most `concurrency` jobs run at once, up to `maxWaiting` more wait their turn in
 * the order they came, and any beyond that are refused at once with `busy()`. The line is bounded because a waiting
 * job still holds its request (an upload's bytes) in memory: an unbounded line only moves the pile-up.
 */
export type WorkQueue = {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

export function createWorkQueue(opts: { concurrency: number; maxWaiting: number; busy: () => Error }): WorkQueue {
  if (!(opts.concurrency >= 1) || !(opts.maxWaiting >= 0)) throw new RangeError('a work queue needs concurrency >= 1 and maxWaiting >= 0');
  let running = 0;
  const line: (() => void)[] = [];

  return {
    get running() {
      return running;
    },
    get waiting() {
      return line.length;
    },
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (running < opts.concurrency) running++;
      else if (line.length >= opts.maxWaiting) throw opts.busy();
      // The finishing job hands its slot straight to the next in line, so `running` never dips and lets a newcomer
      // overtake the line.
      else await new Promise<void>((resolve) => line.push(resolve));
      try {
        return await job();
      } finally {
        const next = line.shift();
        if (next) next();
        else running--;
      }
    },
  };
}
