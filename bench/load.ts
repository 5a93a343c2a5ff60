/**
 * The load generator, in its own process so it does not share an event loop with anything it measures.
 * `node --import tsx bench/load.ts '{"url":…,"connections":64,"seconds":10,"warmupSeconds":2,"headers":{…}}'`
 * runs a warm-up (JIT, connection set-up, any cache filling), then the measured run, and prints one JSON line:
 * a LoadResult. autocannon keeps p99 in whole milliseconds.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load-client.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const run = (seconds: number) => autocannon({ url: opts.url, connections: opts.connections, duration: seconds, headers: opts.headers });

if (opts.warmupSeconds > 0) await run(opts.warmupSeconds);
const r = await run(opts.seconds);
const result: LoadResult = {
  requestsPerSecond: r['2xx'] / r.duration,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  seconds: r.duration,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
