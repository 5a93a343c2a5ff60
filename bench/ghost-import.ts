/**
 * The Ghost import's throughput and memory: a generated Ghost 6.x export imported into a fresh SQLite database by a
 * child process of its own (bench/ghost-import-child.ts, bundled as production runs), which reports posts per second,
 * its CPU time and its peak RSS. `node --import tsx bench/ghost-import.ts --posts 2000`
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { bundled, ROOT } from './child.js';
import { num } from './report.js';
import type { WordPressImportResult } from './wordpress-import.js';

export async function measureGhostImport(posts: number): Promise<WordPressImportResult> {
  const file = await bundled('bench/ghost-import-child.ts');
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

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { posts: { type: 'string', default: '2000' } } });
  const r = await measureGhostImport(Number(values.posts));
  process.stdout.write(`${JSON.stringify(r)}\n`);
  process.stdout.write(
    `Ghost import: ${num(r.posts / r.seconds)} posts/s, ${num((r.cpuSeconds * 1000) / r.posts, 2)} ms CPU a post (all threads), peak RSS ${num(r.peakRssBytes / 2 ** 20)} MB (${num(r.posts)} posts, ${num(r.bytes / 2 ** 20, 1)} MB of JSON)\n`,
  );
}
