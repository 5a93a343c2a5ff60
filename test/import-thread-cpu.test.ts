import fs from 'node:fs';
import { expect, it } from 'vitest';
import { threadCpu, threadCpuSince } from '../bench/import-child-run.js';

/*
 * The import benches print each thread's CPU time beside the process's, both meant to cover the import alone: a
 * thread's own total counts from its start (the bundle's load, the connection, the migrations) and must be taken
 * from a baseline read when the import starts.
 */

const linux = fs.existsSync('/proc/self/task');

it.runIf(linux)("a thread's CPU counts from the baseline, not from the thread's start", () => {
  const mine = () => threadCpu().get(String(process.pid))!.seconds;
  // Loading this file and vitest cost this thread well over the 0.05 s a thread needs to be listed.
  const spin = (s: number) => {
    const from = process.cpuUsage();
    for (;;) {
      const used = process.cpuUsage(from);
      if (used.user + used.system >= s * 1e6) return;
    }
  };
  spin(0.2);
  expect(mine()).toBeGreaterThanOrEqual(0.2);
  const before = threadCpu();
  expect(threadCpuSince(before)['main']).toBeUndefined();
  const cpu = process.cpuUsage();
  spin(0.3);
  const used = process.cpuUsage(cpu);
  const main = threadCpuSince(before)['main']!;
  // /proc counts in ticks of 10 ms.
  expect(main).toBeGreaterThanOrEqual(0.25);
  expect(main).toBeLessThanOrEqual((used.user + used.system) / 1e6 + 0.03);
});
