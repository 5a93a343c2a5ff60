import fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * For the cold-start diagnostic (bench/cold-start.ts --timeline): when MASTHEAD_BENCH_STALLS names a file, the bench
 * server records from its first line on every turn of its event loop that came late (a 2 ms timer firing 8 ms or
 * more after it was due) and every garbage collection, in wall-clock milliseconds (Date.now(), so the bench can line
 * them up with its own clock), and writes them there as JSON when it exits. Off by default: the timer costs a little.
 */
export type StallLog = { stalls: [at: number, ms: number][]; gc: [at: number, ms: number, kind: number][] };

export function recordStalls(file: string | undefined) {
  if (!file) return;
  const log: StallLog = { stalls: [], gc: [] };
  const TICK = 2;
  let due = Date.now() + TICK;
  setInterval(() => {
    const now = Date.now();
    if (now - due >= 8) log.stalls.push([due, now - due]);
    due = now + TICK;
  }, TICK).unref();
  const origin = performance.timeOrigin;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) log.gc.push([Math.round(origin + e.startTime), e.duration, (e.detail as { kind?: number } | undefined)?.kind ?? 0]);
  }).observe({ entryTypes: ['gc'] });
  process.once('exit', () => fs.writeFileSync(file, JSON.stringify(log)));
}
