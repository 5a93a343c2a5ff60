/**
 * Start-up (rows h of `npm run bench`, issue 16): how long a command takes to start, against a bare `node -e 0` timed
 * in the same run, and how soon a cold server answers its first article.
 *
 * Commands: `node bin/masthead.js --help` and `node bin/masthead.js doctor` (on the archive's database), each run
 * taking turns with bare node, so whatever else happens on the machine falls on all of them; best and median reported.
 * They run from the bundle (dist/, built by `npm run build`) when it is fresh, as an installed masthead does.
 *
 * First article: `node bin/masthead.js serve` spawned on a free port; an article URL is requested every 5 ms from the
 * spawn until it answers 200. The page cache is empty and the process new, so the figure holds the process start, the
 * imports, opening and checking the database, listening and one uncached render.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './child.js';

export type Timing = { bestMs: number; medianMs: number; runs: number };
export type CommandStarts = { node: Timing; help: Timing; doctor: Timing };

const BIN = path.join(ROOT, 'bin', 'masthead.js');

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { bestMs: sorted[0]!, medianMs: sorted[Math.floor(sorted.length / 2)]!, runs: sorted.length };
}

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${String(r.stderr)}`);
  return elapsed;
}

/**
 * Builds dist/ when bin/masthead.js would not run it (what `npm install` does), so the commands run as installed.
 * Asked of bin/fresh.mjs in a process of its own: the bench itself runs through tsx.
 */
export function ensureBundle(): void {
  const probe = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `import { staleInput } from './bin/fresh.mjs'; process.stdout.write(String(staleInput(process.cwd())));`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (probe.status === 0 && probe.stdout === 'null') return;
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
}

/** `rounds` turns of: bare node, `masthead --help`, `masthead doctor` (after one unmeasured turn). */
export function measureCommandStarts(env: NodeJS.ProcessEnv, rounds: number): CommandStarts {
  ensureBundle();
  const runs = { node: [] as number[], help: [] as number[], doctor: [] as number[] };
  for (let round = 0; round <= rounds; round++) {
    const node = timeRun(['-e', '0'], env);
    const help = timeRun([BIN, '--help'], env);
    const doctor = timeRun([BIN, 'doctor'], env);
    if (round === 0) continue; // warm-up: the file system cache
    runs.node.push(node);
    runs.help.push(help);
    runs.doctor.push(doctor);
  }
  return { node: timing(runs.node), help: timing(runs.help), doctor: timing(runs.doctor) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning `masthead serve` to the first 200 on `articlePath`; `tries` cold starts, each timed. */
/** `bin` may name another checkout's command, to compare two versions in one run. */
export async function measureFirstArticle(env: NodeJS.ProcessEnv, articlePath: string, tries: number, bin = BIN): Promise<Timing> {
  ensureBundle();
  const samples: number[] = [];
  for (let i = 0; i < tries; i++) samples.push(await firstArticleOnce(env, articlePath, bin));
  return timing(samples);
}

async function firstArticleOnce(env: NodeJS.ProcessEnv, articlePath: string, bin: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  try {
    for (;;) {
      if (exited !== null) throw new Error(`masthead serve exited with ${exited} before answering: ${err}`);
      if (performance.now() - t0 > 60_000) throw new Error(`masthead serve did not answer ${articlePath} within 60 s: ${err}`);
      const status = await fetch(`http://127.0.0.1:${port}${articlePath}`).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => 0,
      );
      if (status === 200) return performance.now() - t0;
      if (status !== 0 && status !== 503) throw new Error(`${articlePath} answered ${status} during start-up`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (exited !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
