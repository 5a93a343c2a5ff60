import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Runs a bench process (the Masthead server, the reference server, the load generator) as a separate Node process
 * with an IPC channel. Separate processes keep the measured server's CPU, heap and event loop free of the bench's
 * own work, as they would be in production.
 */
// Children run as bundles elsewhere; they learn the project root from the parent.
export const ROOT = process.env.MASTHEAD_BENCH_ROOT ?? path.resolve(import.meta.dirname, '..');

/**
 * Bundles a bench script the way `npm install` bundles the server (esbuild, dependencies left outside) and returns the
 * file to run with plain `node`: the measured processes run compiled JavaScript, as in production, not through tsx.
 */
export async function bundled(script: string): Promise<string> {
  const name = script.replace(/[\\/]/g, '_').replace(/\.ts$/, '');
  // Per checkout: git worktrees share one node_modules (a link), and two checkouts bundling the same script at once
  // would delete each other's bundle under a running child.
  const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 8);
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'masthead-bench', checkout, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  // Split like bin/build.mjs: what the server loads on first use (the HTML importer) stays out of its start-up memory.
  // The worker threads' entries are built beside it, where the server looks for them (as in dist/).
  await build({
    entryPoints: {
      [name]: path.join(ROOT, script),
      'html-convert-worker': path.join(ROOT, 'src/services/html-convert-worker.ts'),
      'feed-write-worker': path.join(ROOT, 'src/services/feed-write-worker.ts'),
      'page-render-worker': path.join(ROOT, 'src/page-render-worker.ts'),
      'wal-checkpoint-worker': path.join(ROOT, 'src/services/wal-checkpoint-worker.ts'),
    },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  return path.join(outdir, `${name}.mjs`);
}

export type Child = {
  pid: number;
  /** What the child printed on its ready line (`{"ready":true,...}` on stdout). */
  ready: Record<string, unknown>;
  /** Sends `{id, ...msg}` and resolves with the child's reply `{id, ...}`. */
  request<T = Record<string, unknown>>(msg: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
  output(): string;
};

/** Bundles `script`, starts it with `node` and waits for its ready line. */
export async function startChild(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000, nodeArgs: string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, [...nodeArgs, await bundled(script), ...args], {
    cwd: ROOT,
    env: { ...env, MASTHEAD_BENCH_ROOT: ROOT },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  let nextId = 1;
  const pending = new Map<number, (reply: Record<string, unknown>) => void>();
  proc.on('message', (m: Record<string, unknown>) => {
    const id = Number(m.id);
    pending.get(id)?.(m);
    pending.delete(id);
  });
  proc.stderr!.on('data', (d) => (out += d));

  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${timeoutMs} ms:\n${tail(out)}`)), timeoutMs);
    const onExit = (code: number | null) => fail(new Error(`${script} exited with ${code} before it was ready:\n${tail(out)}`));
    function fail(e: Error) {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(e);
    }
    proc.once('exit', onExit);
    let buffered = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d;
      buffered += d;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const ready = parseReady(line);
        if (!ready) continue;
        clearTimeout(timer);
        proc.off('exit', onExit);
        resolve(handle(ready));
      }
    });
  });

  function handle(ready: Record<string, unknown>): Child {
    return {
      pid: proc.pid!,
      ready,
      output: () => out,
      request<T>(msg: Record<string, unknown>, ms = 30_000) {
        const id = nextId++;
        return new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${script}: no reply to ${JSON.stringify(msg)} in ${ms} ms`)), ms);
          pending.set(id, (reply) => {
            clearTimeout(timer);
            if (reply.error) reject(new Error(`${script}: ${String(reply.error)}`));
            else resolve(reply as T);
          });
          proc.send({ ...msg, id });
        });
      },
      stop: () => stopProcess(proc),
    };
  }
}

function parseReady(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    return v.ready === true ? v : null;
  } catch {
    return null;
  }
}

/** SIGTERM, then SIGKILL if the child has not exited after five seconds. */
function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

const tail = (s: string) => s.split('\n').slice(-30).join('\n');

/** For the child side: answers the parent's IPC requests with `handler`, echoing the request id. */
export function serveIpc(handler: (msg: Record<string, unknown>) => Promise<Record<string, unknown>>) {
  process.on('message', (msg: Record<string, unknown>) => {
    handler(msg).then(
      (reply) => process.send?.({ ...reply, id: msg.id }),
      (e: unknown) => process.send?.({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

/** For the child side: runs `close` and exits on SIGTERM, SIGINT, or when the parent goes away. */
export function exitWith(close: () => Promise<void>) {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.once('disconnect', stop);
}
