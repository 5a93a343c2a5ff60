/**
 * `node --import tsx bench/warm-start.ts [--articles 100000] [--starts 3] [--dir DIR]`: how long the warm start takes
 * on a large archive, without the rest of `npm run bench`. Generates the archive into DIR once (kept, and reused when
 * DIR already holds one; default: a temp folder removed at the end), then starts a fresh server `--starts` times and
 * times /healthz to /readyz (bench/cold-start.ts). The last start is also loaded on /en/ from the moment /healthz
 * answers, as rows i of `npm run bench` do. Prints one line per start and a summary on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureColdStart } from './cold-start.js';
import { generate, type Archive } from './generate.js';
import { SITE_URL } from './render.js';

const { values: args } = parseArgs({
  options: { articles: { type: 'string', default: '100000' }, starts: { type: 'string', default: '3' }, dir: { type: 'string' } },
  allowPositionals: false,
});
const articles = Number(args.articles);
const starts = Number(args.starts);
const dataDir = path.resolve(args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-warm-start-')));
const log = (s: string) => process.stderr.write(`[warm-start] ${s}\n`);

try {
  const marker = path.join(dataDir, 'archive.json');
  let archive: Archive;
  if (fs.existsSync(marker)) {
    archive = JSON.parse(fs.readFileSync(marker, 'utf8')) as Archive;
    log(`reusing ${archive.articles} articles in ${dataDir}`);
  } else {
    log(`generating ${articles} articles into ${dataDir}`);
    archive = await generate({ dataDir, articles });
    fs.writeFileSync(marker, JSON.stringify(archive));
    log(`generated in ${(archive.ms / 1000).toFixed(1)} s`);
  }
  const env = { ...process.env, DATA_DIR: archive.dataDir, DATABASE_URL: archive.databaseUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SITE_URL };
  const lines: string[] = [];
  for (let i = 1; i <= starts; i++) {
    const loaded = i === starts;
    const r = await measureColdStart(
      env,
      loaded ? { path: '/en/', connections: 64, seconds: 10, headers: { 'accept-encoding': 'gzip, deflate, br' }, warmAgain: true } : undefined,
    );
    const w = r.warmUp;
    const line = `start ${i}: /healthz to /readyz ${Math.round(w.healthzToReadyMs)} ms (the server's count: ${w.serverMs} ms, ${w.pages} pages, ${w.failed} failed)${
      r.load
        ? `; under load on /en/ from /healthz, 10 s: ${Math.round(r.load.requestsPerSecond)} req/s, p50 ${r.load.p50Ms} ms, p99 ${r.load.p99Ms} ms, errors ${r.load.errors + r.load.non2xx}${r.warm ? `; then warm, 10 s: ${Math.round(r.warm.requestsPerSecond)} req/s, p99 ${r.warm.p99Ms} ms` : ''}`
        : ''
    }`;
    log(line);
    lines.push(line);
  }
  process.stdout.write(
    `${archive.articles} articles (${archive.stories} stories), ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(2)}\n${lines.join('\n')}\n`,
  );
} finally {
  if (!args.dir) fs.rmSync(dataDir, { recursive: true, force: true });
}
