import fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * For the cold-start diagnostic (bench/cold-start.ts --timeline): when MASTHEAD_BENCH_STALLS names a file, the bench
 * server records from its first line on every turn of its event loop that came late (a 2 ms timer firing 8 ms or
 * more after it was due) and every garbage collection, in wall-clock milliseconds (Date.now(), so the bench can line
 * them up with its own clock), and writes them there as JSON when it exits. Off by default: the timer costs a little.
 */
export type StallLog = {
  stalls: [at: number, ms: number][];
  gc: [at: number, ms: number, kind: number][];
  /** Every 250 ms, each thread's CPU time so far (ms, at the kernel's 10 ms resolution) and nice value, by thread id. */
  threads: [at: number, cpu: Record<string, [ms: number, nice: number]>][];
};

export function recordStalls(file: string | undefined) {
  if (!file) return;
  const log: StallLog = { stalls: [], gc: [], threads: [] };
  const TICK = 2;
  let due = Date.now() + TICK;
  setInterval(() => {
    const now = Date.now();
    if (now - due >= 8) log.stalls.push([due, now - due]);
    due = now + TICK;
  }, TICK).unref();
  // The kernel counts CPU time in clock ticks of 10 ms (USER_HZ 100 on Linux).
  const tick = 10;
  setInterval(() => {
    const cpu: Record<string, [number, number]> = {};
    for (const tid of fs.readdirSync('/proc/self/task')) {
      try {
        // After the command name in parentheses: field 14 utime, 15 stime, 19 nice (counted from 1).
        const f = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        cpu[tid === String(process.pid) ? 'main' : tid] = [(Number(f[11]) + Number(f[12])) * tick, Number(f[16])];
      } catch {
        // The thread ended.
      }
    }
    log.threads.push([Date.now(), cpu]);
  }, 250).unref();
  const origin = performance.timeOrigin;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) log.gc.push([Math.round(origin + e.startTime), e.duration, (e.detail as { kind?: number } | undefined)?.kind ?? 0]);
  }).observe({ entryTypes: ['gc'] });
  process.once('exit', () => fs.writeFileSync(file, JSON.stringify(log)));
}
