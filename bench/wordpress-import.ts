/**
 * The WordPress import's throughput and memory (issue 14): a generated WXR of `posts` posts imported into a fresh
 * SQLite database by a child process of its own (bench/wordpress-import-child.ts, bundled as production runs), which
 * reports posts per second, its CPU time and its peak RSS; in turns with a reference, the least any importer of that
 * file must do (bench/wordpress-import-reference-child.ts), so that the ratio tells the code from the machine's speed
 * that day. `npm run bench` adds its rows (k) at 100,000 posts, two rounds (1,000 posts, one round, in quick mode);
 * alone: `node --import tsx bench/wordpress-import.ts --posts 100000 --rounds 2`.
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

/** Every round of Masthead's import and of its reference, taken in turns. */
export type WordPressImportTurns = { masthead: WordPressImportResult[]; reference: WordPressImportResult[] };

/**
 * `rounds` rounds of the import and of its reference, in turns, the one that goes first alternating: a slow minute of
 * the shared machine then falls on both.
 */
export async function measureWordPressImportInTurns(posts: number, rounds: number): Promise<WordPressImportTurns> {
  const turns: WordPressImportTurns = { masthead: [], reference: [] };
  for (let r = 0; r < rounds; r++) {
    const pair = [
      async () => turns.reference.push(await runImportChild('bench/wordpress-import-reference-child.ts', posts)),
      async () => turns.masthead.push(await measureWordPressImport(posts)),
    ];
    if (r % 2) pair.reverse();
    for (const run of pair) await run();
  }
  return turns;
}

const rateOf = (r: WordPressImportResult) => r.posts / r.seconds;
/** Each side's best round, as rows a report each server's: what the code can do when the machine lets it. */
const best = (rs: WordPressImportResult[]) => rs.reduce((a, b) => (rateOf(b) > rateOf(a) ? b : a));

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

export function wordPressImportRows(turns: WordPressImportTurns): Row[] {
  const r = best(turns.masthead);
  const rate = rateOf(r);
  const reference = rateOf(best(turns.reference));
  // Memory is the worst round's: the target holds for every run.
  const rssMb = Math.max(...turns.masthead.map((m) => m.peakRssBytes)) / 2 ** 20;
  return [
    {
      measure: `k. WordPress import, posts/s (SQLite, ${num(r.posts)} posts, ${mb(r.bytes)} MB WXR; reference: the bare reader and writer, in turn)`,
      masthead: num(rate),
      reference: num(reference),
      target: `${num(rate / reference, 2)} (target ≥ ${num(IMPORT_TARGET_POSTS_PER_SECOND)} posts/s)`,
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

/** The rounds behind rows k, for the report's notes. */
export function wordPressImportNote(turns: WordPressImportTurns): string {
  const rates = (rs: WordPressImportResult[]) => rs.map((x) => num(rateOf(x))).join(', ');
  const cpu = (rs: WordPressImportResult[]) => rs.map((x) => num((x.cpuSeconds * 1000) / x.posts, 2)).join(', ');
  return (
    `WordPress import (rows k, bench/wordpress-import.ts): ${turns.masthead.length} round(s) of Masthead's import and of the reference in turns, each a child process on a freshly written file, each side's best round reported. ` +
    `Masthead: ${rates(turns.masthead)} posts/s, ${cpu(turns.masthead)} ms of CPU a post (all threads), peak RSS ${turns.masthead.map((x) => num(x.peakRssBytes / 2 ** 20)).join(', ')} MB. ` +
    `Reference (bench/wordpress-import-reference-child.ts: one thread reads the file with saxes, as Masthead does, and writes each post's fields as they are into one SQLite table, no conversion, slug, taxonomy, revision or index; the fastest of 3 passes over its file each round): ${rates(turns.reference)} posts/s, ${cpu(turns.reference)} ms of CPU a post.`
  );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '1' } } });
  const turns = await measureWordPressImportInTurns(Number(values.posts), Number(values.rounds));
  for (const r of turns.masthead) process.stdout.write(`${JSON.stringify(r)}\n`);
  for (const row of wordPressImportRows(turns))
    process.stdout.write(`${row.measure}: ${row.masthead} (reference ${row.reference}; ${row.target}) ${row.result}\n`);
  const r = best(turns.masthead);
  process.stdout.write(`CPU: ${num((r.cpuSeconds * 1000) / r.posts, 2)} ms a post, all threads (${num(r.posts / r.cpuSeconds)} posts per CPU-second)\n`);
  for (const [name, s] of Object.entries(r.threads ?? {})) process.stdout.write(`  ${name}: ${num((s * 1000) / r.posts, 2)} ms a post\n`);
  process.stdout.write(`${wordPressImportNote(turns)}\n`);
}
