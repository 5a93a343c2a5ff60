/**
 * `node --import tsx bench/first-article.ts --dir DIR [--articles N] [--tries 10] [--bin other/bin/masthead.js ...]`:
 * the start-up figure of rows h (spawn `masthead serve` cold, request an article every 5 ms until it answers 200) on
 * an archive kept in DIR (generated there once, as bench/warm-start.ts does, and reused), for this checkout's command
 * and each other `--bin` given, the commands taking turns start by start so that whatever else runs on the machine
 * falls on all of them. Prints best and median per command: a same-run before/after of a start-up change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generate, type Archive } from './generate.js';
import { SITE_URL } from './render.js';
import { measureFirstArticle } from './startup.js';
import { ROOT } from './child.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    tries: { type: 'string', default: '10' },
    dir: { type: 'string' },
    bin: { type: 'string', multiple: true, default: [] },
  },
  allowPositionals: false,
});
const dataDir = path.resolve(args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-first-article-')));
const log = (s: string) => process.stderr.write(`[first-article] ${s}\n`);

try {
  const marker = path.join(dataDir, 'archive.json');
  let archive: Archive;
  if (fs.existsSync(marker)) archive = JSON.parse(fs.readFileSync(marker, 'utf8')) as Archive;
  else {
    log(`generating ${args.articles} articles into ${dataDir}`);
    archive = await generate({ dataDir, articles: Number(args.articles) });
    fs.writeFileSync(marker, JSON.stringify(archive));
  }
  const env = { ...process.env, DATA_DIR: archive.dataDir, DATABASE_URL: archive.databaseUrl, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SITE_URL };
  const bins = [path.join(ROOT, 'bin', 'masthead.js'), ...args.bin.map((b) => path.resolve(b))];
  const samples = new Map<string, number[]>(bins.map((b) => [b, []]));
  // One unmeasured start each: the file system's cache.
  for (const bin of bins) await measureFirstArticle(env, archive.pagePath, 1, bin);
  for (let i = 0; i < Number(args.tries); i++) {
    for (const bin of bins) {
      const t = await measureFirstArticle(env, archive.pagePath, 1, bin);
      samples.get(bin)!.push(t.bestMs);
      log(`${bin}: ${Math.round(t.bestMs)} ms`);
    }
  }
  const lines = bins.map((bin) => {
    const s = [...samples.get(bin)!].sort((a, b) => a - b);
    return `${bin}: best ${Math.round(s[0]!)} ms, median ${Math.round(s[Math.floor(s.length / 2)]!)} ms (${s.length} starts)`;
  });
  process.stdout.write(
    `${archive.articles} articles, ${archive.pagePath}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(2)}\n${lines.join('\n')}\n`,
  );
} finally {
  if (!args.dir) fs.rmSync(dataDir, { recursive: true, force: true });
}
