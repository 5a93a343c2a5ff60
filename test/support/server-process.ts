import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

/** What `npm start` runs, read from package.json: `node bin/masthead.js serve --demo` gives ['bin/masthead.js', 'serve', '--demo']. */
export const NPM_START: readonly string[] = (() => {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [node, ...args] = start.split(/\s+/);
  if (node !== 'node' || args[0] !== 'bin/masthead.js') throw new Error(`npm start is no longer "node bin/masthead.js …": ${start}`);
  return args;
})();

export type ServeProcess = { child: ChildProcessWithoutNullStreams; base: string; output: () => string };

/**
 * `masthead serve` as a real process, the way `npm start` runs it unless told otherwise (`args`, `extraEnv`),
 * resolved once it says where it listens. Every process started is remembered so a suite can kill what a failed
 * test left running (`killAll`).
 */
export function serveProcesses(env: NodeJS.ProcessEnv) {
  const children = new Set<ChildProcessWithoutNullStreams>();

  async function start(args: readonly string[] = NPM_START, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
    const child = spawn(process.execPath, [...args], { cwd: root, env: { ...env, ...extraEnv } });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
      child.stdout.on('data', () => {
        const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    });
    return { child, base, output: () => out };
  }

  /** SIGTERM, as a process manager stops it; resolves with the exit code. */
  const stop = (child: ChildProcessWithoutNullStreams) =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => {
        children.delete(child);
        resolve(code);
      });
      child.kill('SIGTERM');
    });

  const killAll = () => {
    for (const c of children) c.kill('SIGKILL');
  };

  return { start, stop, killAll };
}
