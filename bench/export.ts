import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './child.js';

/**
 * Static export speed: `masthead export static DIR`, as an operator runs it, on the generated archive. Reported as
 * "n/a" while the command does not exist. Pages are the HTML and XML documents written (media and precompressed
 * copies are not pages). The command's start-up (tsx compiling the sources, measured as a `--help` run) is taken
 * off the elapsed time, so a small archive is not judged by how long Node takes to start.
 */
export type ExportResult =
  | {
      pagesPerSecond: number;
      pages: number;
      seconds: number;
      startupSeconds: number;
      /** The command's last line of output (its own summary), and why it failed if it exited non-zero. */
      summary: string;
      error: string | null;
    }
  | 'n/a';

const run = promisify(execFile);
const PAGE = /\.(html?|xml)$|^[^.]+$/;

export async function measureExport(env: NodeJS.ProcessEnv): Promise<ExportResult> {
  // The bundle `npm install` builds, from the code being measured (bin/masthead.js would run the sources through tsx
  // when dist/ is older than them), built into a folder of its own so tests running beside the bench keep their dist/.
  const bundle = path.join(ROOT, 'node_modules', '.cache', 'masthead-bench', 'dist');
  await run(process.execPath, ['bin/build.mjs', '--outdir', bundle], { cwd: ROOT });
  const masthead = path.join(bundle, 'main.mjs');
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, [masthead, '--help'], { cwd: ROOT, env });
  const startupSeconds = (performance.now() - t0) / 1000;
  if (!/^\s+export\b/m.test(stdout)) return 'n/a';

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-export-'));
  try {
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
    return { pagesPerSecond: pages / Math.max(0.001, seconds - startupSeconds), pages, seconds, startupSeconds, summary, error };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
