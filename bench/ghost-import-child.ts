/**
 * The measured side of bench/ghost-import.ts, run as its own process (bundled, as production runs): a generated Ghost
 * 6.x export of `posts` posts (lexical bodies, as test/support/ghost.ts writes them) imported into a fresh SQLite
 * database. Prints one JSON line: posts, seconds, CPU seconds of all its threads, bytes, peak RSS, what it counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ghost6, post } from '../test/support/ghost.js';
import { importGhost } from '../src/services/ghost-import.js';
import { timeImport } from './import-child-run.js';

const posts = Number(process.argv[2] ?? '1000');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-ghost-bench-'));
const file = path.join(dir, 'export.json');
// Ids and uuids unique per post at any count (the test helper pads to two digits).
const rows = Array.from({ length: posts }, (_, i) =>
  post(i, { id: `64a0${String(i).padStart(20, '0')}`, uuid: `0b5d3e6a-0000-4000-8000-${String(i).padStart(12, '0')}` }),
);
fs.writeFileSync(file, ghost6({ posts: rows }));
rows.length = 0;
const bytes = fs.statSync(file).size;

await timeImport(
  dir,
  (deps) => importGhost(deps, () => fs.createReadStream(file), { locale: 'ru', locales: ['en', 'ru'] }),
  (report) => ({ posts, bytes, post: report.counts.post }),
);
