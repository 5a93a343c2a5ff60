import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { localChangeBus } from '../src/db/change-bus.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { checkpointInBackground } from '../src/services/wal-checkpointer.js';
import type { Deps } from '../src/services/deps.js';
import { closeHtmlConverter } from '../src/services/html-convert.js';
import { boundHeapGrowthForImport } from '../src/services/import-heap.js';

/**
 * The import benches' children (bench/wordpress-import-child.ts, bench/ghost-import-child.ts): `run` imports into a
 * fresh SQLite database in `dir`, timed, and one JSON line is printed: seconds, the CPU seconds of all the process's
 * threads (the converter's workers too: on a machine shared with other work the wall-clock rate says as much about
 * the neighbours as about the import; this does not), peak RSS, and what `describe` adds from the report. `dir` is
 * removed at the end.
 */
export async function timeImport<R>(dir: string, run: (deps: Deps) => Promise<R>, describe: (report: R) => Record<string, unknown>): Promise<void> {
  // As `masthead import` runs (src/cli/program.ts): the heap's growth bounded for the import.
  boundHeapGrowthForImport();
  const db = connect(path.join(dir, 'masthead.db'));
  try {
    await migrate(db);
    // As `masthead import` runs, too: SQLite's checkpoints on a thread of their own.
    const stopCheckpoints = await checkpointInBackground(db);
    const deps = { db, clock: () => new Date(), log: pino({ level: 'silent' }), changes: localChangeBus() };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const threadsBefore = threadCpu();
    const report = await run(deps);
    await stopCheckpoints();
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const threads = threadCpuSince(threadsBefore);
    process.stdout.write(`${JSON.stringify({ ...describe(report), seconds, cpuSeconds, threads, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
  } finally {
    await closeHtmlConverter();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Each of this process's threads by id (Linux: /proc/self/task): its name and the CPU seconds it has used since it started. */
export type ThreadCpu = Map<string, { name: string; seconds: number }>;

export function threadCpu(): ThreadCpu {
  const out: ThreadCpu = new Map();
  const ticks = 100; // USER_HZ on Linux
  let tids: string[];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = tid === String(process.pid) ? 'main' : `${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))} ${tid}`;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, seconds: (Number(f[11]) + Number(f[12])) / ticks });
    } catch {
      // the thread ended
    }
  }
  return out;
}

/**
 * CPU seconds each thread that used any (0.05 s or more) has used since `before` was read, by thread name: which of
 * the importing thread and the HTML converter's worker holds the rate up. The threads' totals count from their start
 * (the bundle's load, the connection, the migrations), while the process's cpuSeconds counts from `before`: the
 * baseline makes the two cover the same work. A thread started since counts from zero. Empty off Linux. The
 * process's own thread is `main`.
 */
export function threadCpuSince(before: ThreadCpu): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [tid, now] of threadCpu()) {
    const was = before.get(tid);
    const seconds = now.seconds - (was?.name === now.name ? was.seconds : 0);
    if (seconds >= 0.05) out[now.name] = seconds;
  }
  return out;
}
