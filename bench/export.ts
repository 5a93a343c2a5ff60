import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './child.js';

/**
 * Static export speed: `masthead export static DIR`, as an operator runs it, on the generated archive. Reported as
 * "n/a" while the command does not exist. Pages are the HTML and XML documents written (media and precompressed
 * copies are not pages). The command's start-up (Node loading the bundle, measured as a `--help` run) is taken off
 * the elapsed time, so a small archive is not judged by how long Node takes to start.
 *
 * The measured runs write to memory (tmpfs) when the machine has it, so the figure is the export's own speed: on a
 * disk, creating the 16,000 files and 15,000 folders of 10,000 articles can cost anything from 1 to 10 s of kernel time depending on
 * what the file system did in the last minutes (ext4 without a journal skips recently deleted inodes when it
 * allocates new ones, so an export right after deleting the previous one is slow). One more run writes to the OS
 * temporary folder and is reported beside it, without a target.
 */
export type ExportRun = {
  pagesPerSecond: number;
  pages: number;
  seconds: number;
  /** The command's last line of output (its own summary), and why it failed if it exited non-zero. */
  summary: string;
  error: string | null;
};

export type ExportResult =
  | {
      /** The fastest of the runs into memory (or into the temporary folder when there is no tmpfs). */
      best: ExportRun;
      runs: ExportRun[];
      /** Where the measured runs wrote. */
      target: string;
      /** One run into the OS temporary folder, when that is a disk and not the measured target. */
      disk: (ExportRun & { target: string }) | null;
      startupSeconds: number;
    }
  | 'n/a';

const run = promisify(execFile);
const PAGE = /\.(html?|xml)$|^[^.]+$/;
/** statfs type of tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

export async function measureExport(env: NodeJS.ProcessEnv, opts: { rounds: number; disk: boolean }): Promise<ExportResult> {
  // The bundle `npm install` builds, from the code being measured (bin/masthead.js would run the sources through tsx
  // when dist/ is older than them), built into a folder of its own so tests running beside the bench keep their dist/.
  const bundle = path.join(ROOT, 'node_modules', '.cache', 'masthead-bench', 'dist');
  await run(process.execPath, ['bin/build.mjs', '--outdir', bundle], { cwd: ROOT });
  const masthead = path.join(bundle, 'main.mjs');
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, [masthead, '--help'], { cwd: ROOT, env });
  const startupSeconds = (performance.now() - t0) / 1000;
  if (!/^\s+export\b/m.test(stdout)) return 'n/a';

  // A container's /dev/shm may be 64 MB; the export of 10,000 articles needs about 400 MB.
  const memory = isTmpfs('/dev/shm') && freeBytes('/dev/shm') > 2 ** 30 ? '/dev/shm' : null;
  const target = memory ?? os.tmpdir();
  const runs: ExportRun[] = [];
  // Every run writes a fresh folder, and all are deleted at the end: deleting one just before the next run would
  // slow the next one down on some file systems (see above).
  const dirs: string[] = [];
  try {
    const once = async (parent: string) => {
      const dir = fs.mkdtempSync(path.join(parent, 'masthead-bench-export-'));
      dirs.push(dir);
      return exportInto(masthead, dir, env, startupSeconds);
    };
    for (let i = 0; i < opts.rounds; i++) {
      runs.push(await once(target));
      if (runs.at(-1)!.error) break;
    }
    const disk = opts.disk && memory && !isTmpfs(os.tmpdir()) ? { ...(await once(os.tmpdir())), target: os.tmpdir() } : null;
    const best = runs.reduce((a, b) => (b.error || (!a.error && a.pagesPerSecond >= b.pagesPerSecond) ? a : b));
    return { best, runs, target: memory ? `${memory} (tmpfs)` : target, disk, startupSeconds };
  } finally {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function exportInto(masthead: string, dir: string, env: NodeJS.ProcessEnv, startupSeconds: number): Promise<ExportRun> {
  // Dirty pages of whatever ran before are written out first, not during the run.
  await run('sync').catch(() => {});
  const started = performance.now();
  let stdout = '';
  let error: string | null = null;
  try {
    ({ stdout } = await run(process.execPath, [masthead, 'export', 'static', dir], { cwd: ROOT, env, timeout: 15 * 60_000, maxBuffer: 64 << 20 }));
  } catch (e) {
    // A failing export is a finding for the report (its speed is still known), not a reason to lose the others.
    const failed = e as { code?: number; stdout?: string; stderr?: string; message: string };
    stdout = failed.stdout ?? '';
    error = `exit ${failed.code ?? '?'}: ${(failed.stderr || failed.message).trim().split('\n').slice(0, 3).join(' / ')}`;
  }
  const seconds = (performance.now() - started) / 1000;
  const pages = countPages(dir);
  const summary = stdout.trim().split('\n').pop() ?? '';
  return { pagesPerSecond: pages / Math.max(0.001, seconds - startupSeconds), pages, seconds, summary, error };
}

function isTmpfs(dir: string): boolean {
  try {
    return fs.statfsSync(dir).type === TMPFS_MAGIC && fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

function countPages(dir: string): number {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (rel.split(path.sep)[0] === 'media') continue;
    if (PAGE.test(entry.name)) n++;
  }
  return n;
}
