import net from 'node:net';
import { startChild, type Child } from './child.js';
import { runLoad, type LoadOptions, type LoadResult } from './load-client.js';

/**
 * Right after a start (issue 16): a fresh Masthead server process on the archive, probed as a load balancer without
 * a readiness check would: load begins the moment `/healthz` answers, not `/readyz`. Two figures:
 *
 * - `warmUp`: how long the warm start takes, from the first 200 of /healthz to the first 200 of /readyz (both polled
 *   every 10 ms), and the server's own count (`/readyz` says how long its warm-up took and how many pages).
 * - `load` (when `load` is given): the first seconds of load on one page from the instant /healthz answered, the
 *   warm-up running meanwhile; the run compares its p99 with the same page's warm quiet p99. With `load.from:
 *   'readyz'`, from the instant /readyz answered instead: what a balancer with a readiness probe sends its readers.
 */
export type WarmUp = { healthzToReadyMs: number; serverMs: number; pages: number; failed: number };
export type ColdStart = { warmUp: WarmUp; load: LoadResult | null; warm: LoadResult | null };

const POLL_MS = 10;
const GIVE_UP_MS = 600_000;

/**
 * `load.warmAgain`: once the cold load has ended, the same load again on the now warm server (1 s warm-up first).
 * `load.from`: when the load begins, at the first 200 of /healthz (the default) or of /readyz.
 */
export async function measureColdStart(
  env: NodeJS.ProcessEnv,
  load?: Omit<LoadOptions, 'url' | 'warmupSeconds'> & { path: string; warmAgain?: boolean; from?: 'healthz' | 'readyz' },
): Promise<ColdStart> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The ready line comes after the start has listened and run its first-start work; /healthz may answer before it.
  const starting = startChild('bench/server.ts', [], { ...env, PORT: String(port) }, GIVE_UP_MS);
  let child: Child | null = null;
  try {
    const failed = starting.then(
      () => new Promise<never>(() => {}),
      (e: unknown) => Promise.reject(e instanceof Error ? e : new Error(String(e))),
    );
    const healthzAt = await Promise.race([firstOk(`${base}/healthz`), failed]);
    const coldLoad = () => (load ? runLoad({ ...load, url: `${base}${load.path}`, warmupSeconds: 0 }) : null);
    let loading = load?.from === 'readyz' ? null : coldLoad();
    const ready = await Promise.race([firstOk(`${base}/readyz`), failed]);
    if (load?.from === 'readyz') loading = coldLoad();
    const body = (await ready.res.json()) as { ms?: number; warming?: { done: number; failed: number } };
    child = await starting;
    return {
      warmUp: {
        healthzToReadyMs: ready.at - healthzAt.at,
        serverMs: body.ms ?? 0,
        pages: (body.warming?.done ?? 0) - (body.warming?.failed ?? 0),
        failed: body.warming?.failed ?? 0,
      },
      load: loading ? await loading : null,
      warm: load?.warmAgain ? await runLoad({ ...load, url: `${base}${load.path}`, warmupSeconds: 1 }) : null,
    };
  } finally {
    child ??= await starting.catch(() => null);
    await child?.stop();
  }
}

/** The instant `url` first answers 200, polling every 10 ms (refused connections while the server starts included). */
async function firstOk(url: string): Promise<{ at: number; res: Response }> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return { at: performance.now(), res };
      await res.body?.cancel();
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > GIVE_UP_MS) throw new Error(`${url} did not answer 200 within ${GIVE_UP_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** A port nobody listens on now: the server must be probed before it can say where it listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
