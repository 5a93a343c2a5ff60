import { execFile, execFileSync } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { bundled, ROOT } from './child.js';

/**
 * Drives HTTP load from a separate process: wrk when it is installed (C, several threads, the lighter client), else
 * autocannon in a child Node process (bench/load.ts). Both servers in a run are measured with the same tool, so
 * their ratio is fair either way; a client slower than the server caps both figures, which the report says.
 */
export type LoadOptions = { url: string; connections: number; seconds: number; warmupSeconds: number; headers: Record<string, string> };
export type LoadResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; seconds: number };

/** An autocannon run's figures as a LoadResult (2xx only counted as served; timeouts are errors). */
export const loadResultOf = (r: import('autocannon').Result): LoadResult => ({
  requestsPerSecond: r['2xx'] / r.duration,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  seconds: r.duration,
});

const run = promisify(execFile);

export type Client = 'auto' | 'wrk' | 'autocannon';
let client: Client = 'auto';
/** `auto` (the default) takes wrk when `command -v wrk` finds it; the others insist on one tool. */
export function useClient(c: Client) {
  client = c;
  wrkPath = undefined;
}

let wrkPath: string | null | undefined;
function findWrk(): string | null {
  if (wrkPath !== undefined) return wrkPath;
  if (client === 'autocannon') return (wrkPath = null);
  try {
    wrkPath = execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim() || null;
  } catch {
    wrkPath = null;
  }
  if (!wrkPath && client === 'wrk') throw new Error('--client wrk: wrk is not installed (on Debian: apt-get install wrk)');
  return wrkPath;
}

export function loadTool(): string {
  const wrk = findWrk();
  if (wrk) return `wrk (${wrk}, ${threads()} threads)`;
  const { version } = JSON.parse(
    execFileSync(process.execPath, ['-p', 'JSON.stringify(require("autocannon/package.json"))'], { cwd: ROOT, encoding: 'utf8' }),
  ) as {
    version: string;
  };
  return `autocannon ${version} (one Node process)`;
}

const threads = () => Math.max(1, Math.min(4, os.availableParallelism()));

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const wrk = findWrk();
  if (wrk) {
    const args = (seconds: number) => [
      `-t${Math.min(threads(), opts.connections)}`,
      `-c${opts.connections}`,
      `-d${Math.max(1, Math.round(seconds))}s`, // wrk takes whole seconds
      '--latency',
      ...Object.entries(opts.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      opts.url,
    ];
    if (opts.warmupSeconds > 0) await run(wrk, args(opts.warmupSeconds));
    const { stdout } = await run(wrk, args(opts.seconds));
    return parseWrk(stdout);
  }
  const { stdout } = await run(process.execPath, [await bundled('bench/load.ts'), JSON.stringify(opts)], {
    cwd: ROOT,
    maxBuffer: 1 << 20,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as LoadResult;
}

/** Reads wrk's summary (run with --latency). Non-2xx responses are reported by wrk only when there are some. */
function parseWrk(text: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const p50 = /^\s+50%\s+([\d.]+)(us|ms|s)\s*$/m.exec(text);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(text);
  const duration = /requests in ([\d.]+)(us|ms|s|m),/.exec(text);
  if (!rps || !p50 || !p99 || !duration) throw new Error(`could not read wrk's output:\n${text}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const seconds = toMs(duration[1]!, duration[2]!) / 1000;
  // wrk counts non-2xx responses in Requests/sec; take them out so both tools report successful pages only.
  return { requestsPerSecond: Number(rps[1]) - non2xx / seconds, p50Ms: toMs(p50[1]!, p50[2]!), p99Ms: toMs(p99[1]!, p99[2]!), non2xx, errors, seconds };
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}
