/**
 * The WordPress import's throughput and memory (issue 14): a generated WXR of `posts` posts imported into a fresh
 * SQLite database by a child process of its own (bench/wordpress-import-child.ts, bundled as production runs), which
 * reports posts per second, its CPU time and its peak RSS. `npm run bench` adds its rows (k) at 100,000 posts (1,000 in
 * quick mode); alone: `node --import tsx bench/wordpress-import.ts --posts 100000`.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { bundled, ROOT } from './child.js';
import { mb, num, verdict, NONE, type Row } from './report.js';

export type WordPressImportResult = {
  posts: number;
  seconds: number;
  /** CPU time of the importing process, all its threads. */
  cpuSeconds: number;
  /** CPU seconds per thread (Linux), by thread name; `main` is the importing thread. */
  threads?: Record<string, number>;
  bytes: number;
  peakRssBytes: number;
  post: Record<string, number>;
};

export const IMPORT_TARGET_POSTS_PER_SECOND = 2000;
export const IMPORT_TARGET_RSS_MB = 300;

export function measureWordPressImport(posts: number): Promise<WordPressImportResult> {
  return runImportChild('bench/wordpress-import-child.ts', posts);
}

/** Runs an import bench child (bundled, as production runs) on `posts` generated posts; it prints its result last. */
export async function runImportChild(script: string, posts: number): Promise<WordPressImportResult> {
  const file = await bundled(script);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, String(posts)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`the import child exited with ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(line) as WordPressImportResult);
    });
  });
}

export function wordPressImportRows(r: WordPressImportResult): Row[] {
  const rate = r.posts / r.seconds;
  const rssMb = r.peakRssBytes / 2 ** 20;
  return [
    {
      measure: `k. WordPress import, posts/s (SQLite, ${num(r.posts)} posts, ${mb(r.bytes)} MB WXR)`,
      masthead: num(rate),
      reference: NONE,
      target: `target ≥ ${num(IMPORT_TARGET_POSTS_PER_SECOND)}`,
      result: verdict(rate >= IMPORT_TARGET_POSTS_PER_SECOND),
    },
    {
      measure: `k. WordPress import, peak RSS MB (${num(r.posts)} posts)`,
      masthead: num(rssMb),
      reference: NONE,
      target: `target < ${IMPORT_TARGET_RSS_MB}`,
      result: verdict(rssMb < IMPORT_TARGET_RSS_MB),
    },
  ];
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '10000' } } });
  const r = await measureWordPressImport(Number(values.posts));
  process.stdout.write(`${JSON.stringify(r)}\n`);
  for (const row of wordPressImportRows(r)) process.stdout.write(`${row.measure}: ${row.masthead} (${row.target}) ${row.result}\n`);
  process.stdout.write(`CPU: ${num((r.cpuSeconds * 1000) / r.posts, 2)} ms a post, all threads (${num(r.posts / r.cpuSeconds)} posts per CPU-second)\n`);
  for (const [name, s] of Object.entries(r.threads ?? {})) process.stdout.write(`  ${name}: ${num((s * 1000) / r.posts, 2)} ms a post\n`);
}
