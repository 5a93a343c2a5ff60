/**
 * `node --import tsx bench/rss-probe.ts [--articles 100000] [--seconds 10] [--path /en/|article] [--mixed 0]
 *  [--dir DIR] [--node-args=--max-semi-space-size=4]`: where row f's memory goes. Starts the bench server on a
 * generated archive (as bench/stalls.ts does), waits for /readyz, then loads a page (`article`: an article page, as
 * row f loads) and prints the server's RSS, V8 heap and /proc/PID/smaps_rollup every second, before and under load,
 * and the largest RSS of samples taken every 200 ms, as row f takes them. `--mixed N`: then N rounds of rows g (quiet,
 * then a publish a second) on /en/, with the largest RSS under them. A diagnostic.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { diagnosticServer } from './diagnostic-server.js';
import { runLoad } from './load-client.js';
import { measureMixedLoad } from './mixed-load.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    path: { type: 'string', default: '/en/' },
    mixed: { type: 'string', default: '0' },
    dir: { type: 'string' },
    'node-args': { type: 'string', default: '' },
  },
});
const articles = Number(args.articles);
const nodeArgs = args['node-args'] ? args['node-args'].split(' ') : [];
const { server, base } = await diagnosticServer({ articles, nodeArgs, ...(args.dir ? { dir: args.dir } : {}) });
const mb = (x: number) => (x / 2 ** 20).toFixed(0);
type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
const memory = () => server.request<Memory>({ cmd: 'rss' });
/** Anonymous memory (heaps, malloc) against mapped files (the node binary, libraries), from the kernel. */
const smaps = () => {
  const text = fs.readFileSync(`/proc/${server.pid}/smaps_rollup`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return `anonymous ${mb(kb('Anonymous'))} MB, files ${mb(kb('Rss') - kb('Anonymous'))} MB`;
};
const sample = async (label: string) => {
  const m = await memory();
  process.stdout.write(
    `${label}: rss ${mb(m.rss)} MB (${smaps()}), heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} MB, external ${mb(m.external)} MB, arrayBuffers ${mb(m.arrayBuffers)} MB\n`,
  );
};
/** Row f's sampling: every 200 ms, the largest kept. */
const largest = () => {
  let max = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      max = Math.max(max, (await memory()).rss);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return max;
  };
};
let path = args.path;
if (path === 'article') {
  // An article of the home page, as row f loads one article page.
  const home = await (await fetch(`${base}/en/`)).text();
  path = /href="(\/en\/[^"]+\/\d{4}\/\d{2}\/[^"]+)"/.exec(home)?.[1] ?? '/en/';
}
await sample('ready');
const stop = largest();
const loading = runLoad({
  url: `${base}${path}`,
  connections: 64,
  seconds: Number(args.seconds),
  warmupSeconds: 1,
  headers: { 'accept-encoding': 'gzip, deflate, br' },
});
for (let i = 1; i <= Number(args.seconds); i++) {
  await new Promise((r) => setTimeout(r, 1000));
  await sample(`load ${i} s`);
}
const load = await loading;
const max = await stop();
await sample('after');
process.stdout.write(`load on ${path}: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.p99Ms} ms; largest RSS (200 ms samples) ${mb(max)} MB\n`);
const rounds = Number(args.mixed);
if (rounds > 0) {
  const stopMixed = largest();
  const mixed = await measureMixedLoad(
    server,
    base,
    { url: `${base}/en/`, connections: 64, seconds: 10, warmupSeconds: 1, headers: { 'accept-encoding': 'gzip, deflate, br' } },
    rounds,
  );
  const maxMixed = await stopMixed();
  await sample('after the mixed load');
  const worst = Math.max(...mixed.homeMs, ...(mixed.feedMs === 'n/a' ? [Infinity] : mixed.feedMs));
  process.stdout.write(
    `rows g (${rounds} rounds, best kept): busy/quiet ${Math.round(mixed.busy.requestsPerSecond)}/${Math.round(mixed.quiet.requestsPerSecond)} req/s ` +
      `(${(mixed.busy.requestsPerSecond / mixed.quiet.requestsPerSecond).toFixed(2)}x), p99 ${mixed.busy.p99Ms}/${mixed.quiet.p99Ms} ms ` +
      `(${(mixed.busy.p99Ms / mixed.quiet.p99Ms).toFixed(2)}x), worst publish -> visible ${Math.round(worst)} ms of ${mixed.publishes}; largest RSS ${mb(maxMixed)} MB\n`,
  );
}
await server.stop();
