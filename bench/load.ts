/**
 * The load generator, in its own process so it does not share an event loop with anything it measures.
 * `node --import tsx bench/load.ts '{"url":…,"connections":64,"seconds":10,"warmupSeconds":2,"headers":{…}}'`
 * runs a warm-up (JIT, connection set-up, any cache filling), then the measured run, and prints one JSON line:
 * a LoadResult. autocannon keeps p99 in whole milliseconds.
 */
import autocannon from 'autocannon';
import { loadResultOf, type LoadOptions } from './load-client.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const run = (seconds: number) => autocannon({ url: opts.url, connections: opts.connections, duration: seconds, headers: opts.headers });

if (opts.warmupSeconds > 0) await run(opts.warmupSeconds);
const r = await run(opts.seconds);
process.stdout.write(`${JSON.stringify(loadResultOf(r))}\n`);
