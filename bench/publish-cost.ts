/**
 * `node --import tsx bench/publish-cost.ts [--articles 100000] [--publishes 20] [--dir DIR]`: what one publish costs
 * the server in CPU, thread by thread (issue 16, rows g). Starts the bench server, waits for `/readyz`, reads the
 * pages the mixed load reads, then publishes a story every second with no load and reads each thread's CPU time from
 * `/proc/PID/task/TID/stat` around every publish (after the cache is idle again). CPU time counts work, not waiting,
 * so unlike the load rows it reads much the same on a busy machine. Linux only. A diagnostic, not a benchmark row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diagnosticServer } from './diagnostic-server.js';
import { runLoad } from './load-client.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    publishes: { type: 'string', default: '20' },
    dir: { type: 'string' },
    load: { type: 'boolean', default: false },
    // Writes V8 CPU profiles of every thread there (`--cpu-prof`), for a look at what a publish runs.
    'prof-dir': { type: 'string' },
  },
});
const articles = Number(args.articles);
const { server, base } = await diagnosticServer({
  articles,
  ...(args.dir ? { dir: args.dir } : {}),
  nodeArgs: args['prof-dir'] ? ['--cpu-prof', '--cpu-prof-interval', '250', `--cpu-prof-dir=${path.resolve(args['prof-dir'])}`] : [],
});
const read = () => Promise.all(['/en/', '/feed.xml'].map((p) => fetch(`${base}${p}`).then((r) => r.arrayBuffer())));
await read();

const ticks = 100; // USER_HZ on Linux
// utime + stime per thread, in ms, keyed by "name tid".
function threads(): Map<string, number> {
  const out = new Map<string, number>();
  const task = `/proc/${server.pid}/task`;
  for (const tid of fs.readdirSync(task)) {
    try {
      const stat = fs.readFileSync(`${task}/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${tid === String(server.pid) ? 'main' : name} ${tid}`, ((Number(f[11]) + Number(f[12])) * 1000) / ticks);
    } catch {
      // the thread ended
    }
  }
  return out;
}

if (args.load) {
  // The mixed load's two halves, in turn: 64 connections on /en/ quiet, then with a publish a second, CPU per thread.
  const opts = { url: `${base}/en/`, connections: 64, seconds: 10, warmupSeconds: 1, headers: { 'accept-encoding': 'gzip, deflate, br' } };
  for (let round = 1; round <= 2; round++) {
    for (const busy of [false, true]) {
      const before = threads();
      const loading = runLoad(opts);
      let publishes = 0;
      if (busy) {
        const stopAt = performance.now() + 11_000;
        await sleep(1000);
        while (performance.now() + 1000 < stopAt) {
          const tick = sleep(1000);
          await server.request({ cmd: 'publish' });
          publishes++;
          await tick;
        }
      }
      const r = await loading;
      const used = diff(before, threads());
      const top = [...used].sort((a, b) => b[1] - a[1]).slice(0, 4);
      const all = [...used.values()].reduce((a, b) => a + b, 0);
      process.stdout.write(
        `${busy ? 'busy ' : 'quiet'} ${Math.round(r.requestsPerSecond)} req/s p99 ${r.p99Ms.toFixed(2)} ms, ${publishes} publishes; server CPU ${(all / 11000).toFixed(2)} cores: ${top.map(([k, v]) => `${k} ${(v / 11000).toFixed(2)}`).join(', ')}\n`,
      );
    }
  }
  await server.stop();
  process.exit(0);
}

const total = new Map<string, number>();
const n = Number(args.publishes);
// An idle second first: what the server spends doing nothing, to subtract.
const idle0 = threads();
await sleep(1000);
const idle = diff(idle0, threads());
for (let i = 0; i < n; i++) {
  const before = threads();
  await server.request({ cmd: 'publish' });
  await read();
  await sleep(1000);
  for (const [k, v] of diff(before, threads())) total.set(k, (total.get(k) ?? 0) + v);
}
await server.stop();

// Node names every thread "node" but the main one; they are told apart by their thread id (the page render thread
// is the busiest after main).
const groups = total;
const idleAll = [...idle.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`${articles} articles, ${n} publishes, one a second, each followed by a read of /en/ and /feed.xml\n`);
process.stdout.write(`idle second (all threads): ${idleAll.toFixed(0)} ms\n`);
process.stdout.write('CPU ms per publish (per second, idle not subtracted), by thread:\n');
for (const [name, v] of [...groups].sort((a, b) => b[1] - a[1])) if (v > 0) process.stdout.write(`  ${name.padEnd(18)} ${(v / n).toFixed(1)}\n`);
process.stdout.write(`  ${'all'.padEnd(18)} ${([...groups.values()].reduce((a, b) => a + b, 0) / n).toFixed(1)}\n`);

function diff(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const d = new Map<string, number>();
  for (const [k, v] of b) d.set(k, v - (a.get(k) ?? 0));
  return d;
}
function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
