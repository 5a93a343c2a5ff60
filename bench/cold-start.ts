import net from 'node:net';
import { startChild, type Child } from './child.js';
import { loadResultOf, runLoad, type LoadOptions, type LoadResult } from './load-client.js';

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
  // The cold load's client: wrk or autocannon (load-client.ts), or the timeline's (--timeline below).
  cold: (opts: LoadOptions) => Promise<LoadResult> = runLoad,
  // Node's own flags for the server (a profiler).
  nodeArgs: string[] = [],
): Promise<ColdStart & { healthzAt: number; serverLog: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The ready line comes after the start has listened and run its first-start work; /healthz may answer before it.
  const starting = startChild('bench/server.ts', [], { ...env, PORT: String(port) }, GIVE_UP_MS, nodeArgs);
  let child: Child | null = null;
  try {
    const failed = starting.then(
      () => new Promise<never>(() => {}),
      (e: unknown) => Promise.reject(e instanceof Error ? e : new Error(String(e))),
    );
    const healthzAt = await Promise.race([firstOk(`${base}/healthz`), failed]);
    const coldLoad = () => (load ? cold({ ...load, url: `${base}${load.path}`, warmupSeconds: 0 }) : null);
    let loading = load?.from === 'readyz' ? null : coldLoad();
    const ready = await Promise.race([firstOk(`${base}/readyz`), failed]);
    if (load?.from === 'readyz') loading = coldLoad();
    const body = (await ready.res.json()) as { ms?: number; warming?: { done: number; failed: number } };
    child = await starting;
    const loaded = loading ? await loading : null;
    return {
      serverLog: child.output(),
      healthzAt: performance.timeOrigin + healthzAt.at,
      warmUp: {
        healthzToReadyMs: ready.at - healthzAt.at,
        serverMs: body.ms ?? 0,
        pages: (body.warming?.done ?? 0) - (body.warming?.failed ?? 0),
        failed: body.warming?.failed ?? 0,
      },
      load: loaded,
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

/**
 * `node --import tsx bench/cold-start.ts [--articles 100000] [--rounds 3] [--seconds 10] [--dir DIR] [--from healthz|readyz]
 * [--timeline [--paths /en/,/en/section/world,...]]`: row i
 * of `npm run bench` alone, on an archive generated once into DIR (default /tmp/masthead-stalls-N, shared with the
 * diagnostics) and kept. Each round is a fresh server loaded on /en/ from the moment /healthz answers, then one from
 * the moment /readyz answers, whose server, warm by then, is loaded again (1 s warm-up) for the reference p99, kept
 * as rows g keep their quiet one; `npm run bench` divides by rows g's own, measured on another server.
 *
 * `--timeline`: one round only, loaded by autocannon in this process so every response is seen, printing per 250 ms
 * window from the first 200 of /healthz the requests, their p99 and max, and the serving thread's event-loop stalls
 * and collector pauses (bench/stall-log.ts), with the server's own log lines (LOG_LEVEL=info) where they fall.
 * `--paths`: the timeline's readers ask for these pages in turn rather than /en/ alone (several of the warm pages: a
 * warm start that takes longer leaves the later ones to miss and render on the serving thread).
 */
let autocannon: typeof import('autocannon').default;
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  // Loaded before the server starts: the load must begin the instant /healthz answers.
  autocannon = (await import('autocannon')).default;
  const { parseArgs } = await import('node:util');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { diagnosticArchive } = await import('./diagnostic-server.js');
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      dir: { type: 'string' },
      timeline: { type: 'boolean', default: false },
      from: { type: 'string', default: 'both' },
      paths: { type: 'string' },
    },
  });
  const { env } = await diagnosticArchive({ articles: Number(values.articles), ...(values.dir ? { dir: values.dir } : {}) });
  const load = { path: '/en/', connections: 64, seconds: Number(values.seconds), headers: { 'accept-encoding': 'gzip, deflate, br' } };
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (values.timeline) {
    const stallFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cold-')), 'stalls.json');
    const responses: [at: number, ms: number][] = [];
    const paths = values.paths?.split(',').filter(Boolean);
    const run = await measureColdStart({ ...env, LOG_LEVEL: 'info', MASTHEAD_BENCH_STALLS: stallFile }, load, (o) => autocannonTimeline(o, responses, paths));
    const logLines = run.serverLog;
    const stalls = JSON.parse(fs.readFileSync(stallFile, 'utf8')) as import('./stall-log.js').StallLog;
    printTimeline(out, run.healthzAt, load.seconds, responses, stalls, logLines);
    out(`warm-up ${Math.round(run.warmUp.healthzToReadyMs)} ms from /healthz to /readyz (server: ${run.warmUp.serverMs} ms, ${run.warmUp.pages} pages)`);
    out(`load: ${Math.round(run.load!.requestsPerSecond)} req/s, p50 ${run.load!.p50Ms} ms, p99 ${run.load!.p99Ms} ms`);
  } else {
    const rounds = Number(values.rounds);
    const p99s: Record<'healthz' | 'readyz', number[]> = { healthz: [], readyz: [] };
    const warm: LoadResult[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const from of values.from === 'both' ? (['healthz', 'readyz'] as const) : [values.from as 'healthz' | 'readyz']) {
        const run = await measureColdStart(env, { ...load, from, warmAgain: from === 'readyz' });
        p99s[from].push(run.load!.p99Ms);
        if (run.warm) warm.push(run.warm);
        out(
          `round ${round} from /${from}: p99 ${run.load!.p99Ms} ms, p50 ${run.load!.p50Ms} ms, ${Math.round(run.load!.requestsPerSecond)} req/s, ${run.load!.errors + run.load!.non2xx} errors; warm-up ${Math.round(run.warmUp.healthzToReadyMs)} ms`,
        );
      }
    }
    // Each kind keeps its best round, as bench/run.ts does: the machine is shared, and one 10 s window can be off by times.
    const best = (a: number[]) => Math.min(...a);
    // The reference as rows g keep their quiet p99 (bench/mixed-load.ts): /en/, 64 connections, 1 s warm-up then 10 s,
    // the p99 of the round with the most requests/s, not the lowest p99. It is measured on the /readyz rounds' servers,
    // not on rows g's long-running one, so `npm run bench`'s ratio can differ from this one: this is not row i's ratio.
    const reference = warm.length ? warm.reduce((a, b) => (a.requestsPerSecond >= b.requestsPerSecond ? a : b)).p99Ms : NaN;
    out(
      `warm reference (as rows g's quiet p99, on these servers): ${reference} ms, rounds ${warm.map((w) => `${w.p99Ms} ms at ${Math.round(w.requestsPerSecond)} req/s`).join(', ')}`,
    );
    const ratio = (p99: number) => `${(p99 / reference).toFixed(2)}× this warm reference`;
    out(`row i from /healthz: best ${best(p99s.healthz)} ms (${ratio(best(p99s.healthz))}), rounds ${p99s.healthz.join(', ')}`);
    out(`row i from /readyz: best ${best(p99s.readyz)} ms (${ratio(best(p99s.readyz))}), rounds ${p99s.readyz.join(', ')}`);
  }
}

/** Loads as runLoad would, with autocannon in this process, recording each response's arrival and latency. */
async function autocannonTimeline(o: LoadOptions, into: [number, number][], paths?: string[]): Promise<LoadResult> {
  const r = await new Promise<import('autocannon').Result>((resolve, reject) => {
    // `paths`: each connection asks for them in turn (autocannon's `requests`), readers of several warm pages at once.
    const requests = paths?.length ? paths.map((path) => ({ path, method: 'GET' as const })) : undefined;
    const instance = autocannon(
      { url: o.url, connections: o.connections, duration: o.seconds, headers: o.headers, ...(requests ? { requests } : {}) },
      (err, result) => (err ? reject(err as Error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => into.push([Date.now(), ms]));
  });
  return loadResultOf(r);
}

function printTimeline(
  out: (s: string) => void,
  from: number,
  seconds: number,
  responses: [number, number][],
  stalls: import('./stall-log.js').StallLog,
  logLines: string,
) {
  const WINDOW = 250;
  const windows = Math.ceil((seconds * 1000) / WINDOW) + 4;
  const slot = (at: number) => Math.floor((at - from) / WINDOW);
  const lat: number[][] = Array.from({ length: windows }, () => []);
  for (const [at, ms] of responses) lat[slot(at)]?.push(ms);
  const notes: string[][] = Array.from({ length: windows }, () => []);
  const stallMs = new Array<number>(windows).fill(0);
  const stallMax = new Array<number>(windows).fill(0);
  for (const [at, ms] of stalls.stalls) {
    const i = slot(at);
    if (i < 0 || i >= windows) continue;
    stallMs[i]! += ms;
    stallMax[i] = Math.max(stallMax[i]!, ms);
  }
  const gcMs = new Array<number>(windows).fill(0);
  for (const [at, ms] of stalls.gc) {
    const i = slot(at);
    if (i >= 0 && i < windows) gcMs[i]! += ms;
  }
  for (const line of logLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const l = JSON.parse(line) as { time?: number; msg?: string };
      if (l.time && l.msg) notes[Math.max(0, Math.min(windows - 1, slot(l.time)))]!.push(l.msg.slice(0, 80));
    } catch {
      // Not a log line.
    }
  }
  // CPU per window: the serving thread, the threads with a lowered priority (the page render thread), the others.
  const cpu = Array.from({ length: windows }, () => [0, 0, 0]);
  for (let k = 1; k < stalls.threads.length; k++) {
    const [at, now] = stalls.threads[k]!;
    const [, then] = stalls.threads[k - 1]!;
    const i = slot(at);
    if (i < 0 || i >= windows) continue;
    for (const [tid, [ms, nice]] of Object.entries(now)) {
      const d = ms - (then[tid]?.[0] ?? 0);
      cpu[i]![tid === 'main' ? 0 : nice > 0 ? 1 : 2]! += d;
    }
  }
  // V8's kinds (PerformanceGC): 1 minor, 2 major, 4 incremental, 8 weak callbacks.
  const long = stalls.gc.filter(([, ms]) => ms >= 10);
  out(
    `collector pauses of 10 ms or more: ${long.map(([at, ms, kind]) => `${ms.toFixed(0)} ms (kind ${kind}) at ${((at - from) / 1000).toFixed(2)} s`).join(', ') || 'none'}`,
  );
  const atHealthz = stalls.threads.filter(([at]) => at <= from).pop()?.[1] ?? {};
  const sum = (pick: (tid: string, nice: number) => boolean) =>
    Object.entries(atHealthz)
      .filter(([tid, [, nice]]) => pick(tid, nice))
      .reduce((t, [, [ms]]) => t + ms, 0);
  out(
    `CPU before /healthz: serving ${sum((t) => t === 'main')} ms, niced ${sum((t, n) => t !== 'main' && n > 0)} ms, others ${sum((t, n) => t !== 'main' && n <= 0)} ms`,
  );
  const before = stalls.stalls.filter(([at]) => at < from);
  out(`before /healthz: ${before.length} stalls, ${before.reduce((s, [, ms]) => s + ms, 0)} ms; the longest ${Math.max(0, ...before.map(([, ms]) => ms))} ms`);
  out('   t(s)  reqs    p99    max | stalls ms (longest) | gc ms | cpu ms: serving, niced, others');
  for (let i = 0; i < windows; i++) {
    const l = lat[i]!.sort((a, b) => a - b);
    const p = (q: number) => (l.length ? l[Math.min(l.length - 1, Math.floor(q * l.length))]! : 0);
    out(
      `${((i * WINDOW) / 1000).toFixed(2).padStart(7)} ${String(l.length).padStart(5)} ${p(0.99).toFixed(1).padStart(6)} ${p(1).toFixed(1).padStart(6)} | ${String(stallMs[i]).padStart(5)} (${String(stallMax[i]).padStart(4)}) | ${gcMs[i]!.toFixed(0).padStart(4)} | ${cpu[i]!.map((c) => String(c).padStart(4)).join(' ')}${notes[i]!.length ? `  ${notes[i]!.join('; ')}` : ''}`,
    );
  }
}
