/**
 * `node --import tsx bench/rss-probe.ts [--articles 100000] [--seconds 10] [--node-args=--max-semi-space-size=4]`:
 * where row f's memory goes. Starts the bench server on a generated archive (as bench/stalls.ts does), waits for
 * /readyz, then loads /en/ and prints the server's RSS and V8 heap every second, before and under load. A diagnostic.
 */
import { parseArgs } from 'node:util';
import { diagnosticServer } from './diagnostic-server.js';
import { runLoad } from './load-client.js';

const { values: args } = parseArgs({
  options: { articles: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '10' }, 'node-args': { type: 'string', default: '' } },
});
const articles = Number(args.articles);
const nodeArgs = args['node-args'] ? args['node-args'].split(' ') : [];
const { server, base } = await diagnosticServer({ articles, nodeArgs });
const sample = async (label: string) => {
  const m = (await server.request({ cmd: 'rss' })) as Record<string, number>;
  const mb = (x: number) => (x / 2 ** 20).toFixed(0);
  process.stdout.write(
    `${label}: rss ${mb(m.rss!)} MB, heap ${mb(m.heapUsed!)}/${mb(m.heapTotal!)} MB, external ${mb(m.external!)} MB, arrayBuffers ${mb(m.arrayBuffers!)} MB\n`,
  );
};
await sample('ready');
const loading = runLoad({
  url: `${base}/en/`,
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
await sample('after');
await server.stop();
process.stdout.write(`load: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.p99Ms} ms\n`);
