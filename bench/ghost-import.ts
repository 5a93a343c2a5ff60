/**
 * The Ghost import's throughput and memory: a generated Ghost 6.x export imported into a fresh SQLite database by a
 * child process of its own (bench/ghost-import-child.ts, bundled as production runs), which reports posts per second,
 * its CPU time and its peak RSS. `node --import tsx bench/ghost-import.ts --posts 2000`
 */
import { parseArgs } from 'node:util';
import { num } from './report.js';
import { runImportChild, type WordPressImportResult } from './wordpress-import.js';

export function measureGhostImport(posts: number): Promise<WordPressImportResult> {
  return runImportChild('bench/ghost-import-child.ts', posts);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '2000' } } });
  const r = await measureGhostImport(Number(values.posts));
  process.stdout.write(`${JSON.stringify(r)}\n`);
  process.stdout.write(
    `Ghost import: ${num(r.posts / r.seconds)} posts/s, ${num((r.cpuSeconds * 1000) / r.posts, 2)} ms CPU a post (all threads), peak RSS ${num(r.peakRssBytes / 2 ** 20)} MB (${num(r.posts)} posts, ${num(r.bytes / 2 ** 20, 1)} MB of JSON)\n`,
  );
}
