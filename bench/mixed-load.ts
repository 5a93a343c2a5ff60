import type { Child } from './child.js';
import { runLoad, type LoadOptions, type LoadResult } from './load-client.js';
import { poll } from './visibility.js';

/**
 * Readers while the newsroom publishes (issue 16): the same load on one page twice in turn, once quiet and once with
 * a story published every second through the server's own service (over IPC, as an editor's save goes after the
 * HTTP layer), each publish timed until the home page and the feed show it. Quiet and busy rounds alternate, so a
 * slow minute of the machine falls on both; each kind keeps its best round, and the visibility figures keep every
 * publish (the worst is what the target is about).
 */
export type MixedLoad = {
  quiet: LoadResult;
  busy: LoadResult;
  publishes: number;
  homeMs: number[];
  feedMs: number[] | 'n/a';
};

export async function measureMixedLoad(server: Child, base: string, load: LoadOptions, rounds: number): Promise<MixedLoad> {
  let quiet: LoadResult | null = null;
  let busy: LoadResult | null = null;
  const homeMs: number[] = [];
  const feedMs: number[] = [];
  let feedMissing = false;
  let publishes = 0;
  const better = (a: LoadResult | null, b: LoadResult) => (a && a.requestsPerSecond >= b.requestsPerSecond ? a : b);
  for (let round = 1; round <= rounds; round++) {
    quiet = better(quiet, await runLoad(load));
    // The warm-up runs before the measured seconds: publishing starts with the measured part, and goes on until the
    // load has ended (a publish still waiting to be seen is timed to the end).
    const loading = runLoad(load);
    const stopAt = performance.now() + (load.warmupSeconds + load.seconds) * 1000;
    await sleep(load.warmupSeconds * 1000);
    const timings: Promise<void>[] = [];
    // At least one publish per round, so the quick mode measures something too.
    do {
      const tick = sleep(1000);
      const headline = `Mixed load ${round}.${++publishes} ${Date.now().toString(36)}`;
      const started = performance.now();
      const home = poll(`${base}/en/`, headline, started);
      const feed = poll(`${base}/feed.xml`, headline, started);
      await server.request({ cmd: 'publish', headline });
      timings.push(
        (async () => {
          homeMs.push((await home) ?? Infinity);
          const f = await feed;
          if (f === null) feedMissing = true;
          else feedMs.push(f);
        })(),
      );
      await tick;
    } while (performance.now() + 1000 < stopAt);
    busy = better(busy, await loading);
    await Promise.all(timings);
  }
  return { quiet: quiet!, busy: busy!, publishes, homeMs, feedMs: feedMissing ? 'n/a' : feedMs };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
