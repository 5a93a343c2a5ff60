/**
 * The measured side of bench/wordpress-import.ts, run as its own process (bundled, as production runs): writes the
 * bench's WXR file of `posts` posts (bench/wxr-file.ts; not timed), imports that file into a fresh
 * SQLite database with `importWordPress` (HTML through the same bounded worker pool as in production), and prints
 * one JSON line: posts, seconds, bytes read, the process's peak RSS and what the import counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXPORT_READ_CHUNK, textChunks } from '../src/cli/text-chunks.js';
import { importWordPress } from '../src/services/wordpress-import.js';
import { timeImport } from './import-child-run.js';
import { writeWxrFile } from './wxr-file.js';

const posts = Number(process.argv[2] ?? '1000');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-wxr-bench-'));

// Written to a file before the clock starts, and read back as `masthead import wordpress FILE` reads it
// (src/cli/program.ts): what is timed is the import of a file, not the making of its text.
const file = path.join(dir, 'export.xml');
const bytes = await writeWxrFile(file, posts);
const fileChunks = () => textChunks(fs.createReadStream(file, { highWaterMark: EXPORT_READ_CHUNK }));

await timeImport(
  dir,
  (deps) => importWordPress(deps, fileChunks(), { locale: 'ru', locales: ['en', 'ru'] }),
  (report) => ({
    posts,
    bytes,
    memoryAtEnd: process.memoryUsage(),
    notes: report.notes.length,
    post: report.counts.post,
    failed: report.notes.filter((n) => n.outcome === 'failed').slice(0, 3),
  }),
);
