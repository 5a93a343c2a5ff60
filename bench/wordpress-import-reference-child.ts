/**
 * The reference of rows k (bench/wordpress-import.ts): the least any importer of the bench's WXR file must do, measured
 * in the same run as Masthead's import so that the ratio tells the code from the machine (on this shared machine one
 * run of the import moved by a quarter from the one before, the code unchanged). One thread reads the file (UTF-8, the
 * XML with saxes, as Masthead's reader), and writes each post's fields as they are (no conversion, no slug, no
 * taxonomy, no revision, no search index) into one table of a fresh SQLite file with better-sqlite3, WAL, in
 * transactions of 250 posts; the fastest of PASSES passes. Prints one JSON line, as bench/import-child-run.ts does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { SaxesParser } from 'saxes';
import { EXPORT_READ_CHUNK, textChunks } from '../src/cli/text-chunks.js';
import { writeWxrFile } from './wxr-file.js';

const posts = Number(process.argv[2] ?? '1000');
/**
 * Timed passes over the file, the fastest reported: one pass takes a few seconds, where a shared machine's slow moments
 * weigh more than on Masthead's minute-long import (in two runs, single passes of an earlier version read 17,396 and
 * 26,308 posts/s).
 */
const PASSES = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-wxr-reference-'));
try {
  const file = path.join(dir, 'export.xml');
  const bytes = await writeWxrFile(file, posts);
  let fastest: Pass | undefined;
  // One after the other: each pass has the machine to itself.
  for (let i = 0; i < PASSES; i++) {
    const p = await importOnce(file, path.join(dir, `reference-${i}.db`));
    if (!fastest || p.seconds < fastest.seconds) fastest = p;
  }
  process.stdout.write(
    `${JSON.stringify({ posts, seconds: fastest!.seconds, cpuSeconds: fastest!.cpuSeconds, bytes, peakRssBytes: process.resourceUsage().maxRSS * 1024, post: { imported: posts }, passes: PASSES })}\n`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

type Pass = { seconds: number; cpuSeconds: number };

/** One timed import of `file` into a fresh database at `dbFile`. */
async function importOnce(file: string, dbFile: string): Promise<Pass> {
  const db = new SQLite(dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'create table posts (id integer primary key, source_id text not null unique, slug text not null, title text not null, content text not null, published_at text not null)',
  );
  const insert = db.prepare('insert into posts (source_id, slug, title, content, published_at) values (?, ?, ?, ?, ?)');

  const started = performance.now();
  const cpu = process.cpuUsage();
  // By qualified name: content:encoded and excerpt:encoded share their local name.
  let fields: Record<string, string> = {};
  let inItem = false;
  let text = '';
  let written = 0;
  let pending = 0;
  db.exec('begin');
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('opentag', (tag) => {
    text = '';
    if (tag.name === 'item') {
      inItem = true;
      fields = {};
    }
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    if (!inItem) return;
    if (tag.name === 'item') {
      inItem = false;
      insert.run(fields['wp:post_id'], fields['wp:post_name'], fields['title'], fields['content:encoded'], fields['wp:post_date_gmt']);
      written++;
      if (++pending === 250) {
        db.exec('commit');
        db.exec('begin');
        pending = 0;
      }
    } else fields[tag.name] = text;
    text = '';
  });
  parser.on('error', (err) => {
    throw err;
  });
  for await (const text of textChunks(fs.createReadStream(file, { highWaterMark: EXPORT_READ_CHUNK }))) parser.write(text);
  parser.close();
  db.exec('commit');
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // Every post with its body (the generator's block markup), not another field in its place.
  const bodies = (db.prepare(`select count(*) as n from posts where content like '<!-- wp:%'`).get() as { n: number }).n;
  db.close();
  if (written !== posts || bodies !== posts) throw new Error(`the reference wrote ${written} posts of ${posts}, ${bodies} with their body`);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
