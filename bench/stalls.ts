/**
 * `node --import tsx bench/stalls.ts [--articles 1000] [--seconds 10] [--dir DIR] [--quiet]`: which synchronous work holds
 * the serving thread while a story is published every second (issue 16, rows g). Starts the bench server with V8's
 * sampling profiler (`--cpu-prof`, 250 µs), loads /en/ with 64 connections, publishes through IPC once a second,
 * then reads the profile: a call that stays on the stack for consecutive samples ran without giving the event loop
 * back, so every hit that arrived meanwhile waited for it. Prints the longest such calls, with where they were called
 * from. A diagnostic, not a benchmark: the profiler itself slows the thread a little.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diagnosticServer } from './diagnostic-server.js';
import { runLoad } from './load-client.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '10' },
    dir: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const articles = Number(args.articles);
const seconds = Number(args.seconds);
const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-prof-'));
const { server, base } = await diagnosticServer({
  articles,
  ...(args.dir ? { dir: args.dir } : {}),
  nodeArgs: ['--cpu-prof', '--cpu-prof-interval', '250', `--cpu-prof-dir=${profDir}`],
});
for (let i = 0; i < 20; i++) await fetch(`${base}/en/`).then((r) => r.arrayBuffer());
const loading = runLoad({ url: `${base}/en/`, connections: 64, seconds, warmupSeconds: 1, headers: { 'accept-encoding': 'gzip, deflate, br' } });
const stopAt = performance.now() + (seconds + 1) * 1000;
let publishes = 0;
if (!args.quiet) {
  while (performance.now() < stopAt - 500) {
    const tick = new Promise((r) => setTimeout(r, 1000));
    await server.request({ cmd: 'publish' });
    publishes++;
    await tick;
  }
}
const load = await loadingThen();
await server.stop();
process.stdout.write(`load: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms; ${publishes} publishes\n`);

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };

// Every thread writes its own profile, named CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: the serving thread is
// thread 0 (the page render thread and the workers, which can be busier, are not what readers wait for).
const files = fs.readdirSync(profDir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
if (files.length !== 1) throw new Error(`expected one profile of the serving thread in ${profDir}, found ${files.length}`);
const profile = JSON.parse(fs.readFileSync(path.join(profDir, files[0]!), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackOf = (id: number) => {
  const s: number[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) s.push(cur);
  return s.reverse();
};
const label = (id: number) => {
  const f = byId.get(id)!.callFrame;
  const file = f.url ? f.url.replace(/^.*\/(dist|node_modules)\//, '$1/') : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
};

// A streak: the same node (one call path) on the stack for consecutive samples. Under load the hits' own path repeats
// from one sample to the next, so a streak of a shallow frame may be many hits; what names a stall is the deepest
// frames of our code and of libraries that stay on the stack the longest.
type Streak = { node: number; start: number; ms: number; first: number; last: number };
const open = new Map<number, Streak>();
const done: Streak[] = [];
const times: number[] = [];
const stacks: number[][] = [];
let t = 0;
let previous = new Set<number>();
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]! / 1000;
  times.push(t);
  const list = stackOf(profile.samples[i]!);
  stacks.push(list);
  const stack = new Set(list);
  for (const id of previous) {
    if (!stack.has(id)) {
      done.push(open.get(id)!);
      open.delete(id);
    }
  }
  for (const id of stack) {
    const s = open.get(id);
    if (s) {
      s.ms = t - s.start;
      s.last = i;
    } else open.set(id, { node: id, start: t, ms: 0, first: i, last: i });
  }
  previous = stack;
}
done.push(...open.values());
const ours = (id: number) => {
  const f = byId.get(id)!.callFrame;
  return f.url.includes('/dist/') || f.url.includes('node_modules/') || f.url.includes('.cache/');
};
// Start-up (module evaluation, the warm start) is not what readers under load wait for.
const loadStart = times[0]! + 2000;
const longest = done.filter((s) => s.ms >= 4 && s.start > loadStart && ours(s.node)).sort((a, b) => b.ms - a.ms);
const covered: [number, number][] = [];
const rows: string[] = [];
for (const s of longest) {
  if (covered.some(([a, b]) => s.first >= a && s.last <= b)) continue;
  covered.push([s.first, s.last]);
  const where = stackOf(s.node).filter(ours).map(label).slice(-4).reverse();
  // What ran inside it: the deepest frames of ours in its samples, the most frequent first.
  const inside = new Map<string, number>();
  for (let i = s.first; i <= s.last; i++) {
    const below = stacks[i]!.slice(stacks[i]!.indexOf(s.node) + 1).filter(ours);
    const key = below.slice(-3).map(label).reverse().join(' <- ') || '(itself)';
    inside.set(key, (inside.get(key) ?? 0) + 1);
  }
  const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 2);
  rows.push(
    `${s.ms.toFixed(1).padStart(6)} ms at ${((s.start - times[0]!) / 1000).toFixed(2)} s: ${where.join('  <-  ')}\n${top
      .map(([k, n]) => `         ${n} samples in: ${k}`)
      .join('\n')}`,
  );
  if (rows.length >= 30) break;
}
// The collector's pauses are samples of "(garbage collector)" in a row.
const gc: { start: number; ms: number }[] = [];
let run: { start: number; ms: number } | null = null;
for (let i = 0; i < stacks.length; i++) {
  const leaf = byId.get(profile.samples[i]!)!.callFrame.functionName;
  if (leaf === '(garbage collector)') {
    if (run) run.ms = times[i]! - run.start;
    else run = { start: times[i - 1] ?? times[i]!, ms: times[i]! - (times[i - 1] ?? times[i]!) };
  } else if (run) {
    if (run.start > loadStart) gc.push(run);
    run = null;
  }
}
gc.sort((a, b) => b.ms - a.ms);
const gcTotal = gc.reduce((sum, r) => sum + r.ms, 0);
process.stdout.write(
  `Garbage collection under load: ${gc.length} pauses, ${gcTotal.toFixed(0)} ms in all; the longest: ${gc
    .slice(0, 10)
    .map((r) => `${r.ms.toFixed(1)} ms at ${((r.start - times[0]!) / 1000).toFixed(2)} s`)
    .join(', ')}\n`,
);
process.stdout.write(
  `The longest calls of ours or of a library that held the serving thread (profile ${path.join(profDir, files[0]!)}):\n${rows.join('\n')}\n`,
);

async function loadingThen() {
  return loading;
}
