/**
 * The measured side of bench/ghost-import.ts, run as its own process (bundled, as production runs): a generated Ghost
 * 6.x export of `posts` posts (lexical bodies, as test/support/ghost.ts writes them) imported into a fresh SQLite
 * database. Prints one JSON line: posts, seconds, CPU seconds of all its threads, bytes, peak RSS, what it counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ghost6, post } from '../test/support/ghost.js';
import { localChangeBus } from '../src/db/change-bus.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { closeHtmlConverter } from '../src/services/html-convert.js';
import { importGhost } from '../src/services/ghost-import.js';

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

const db = connect(path.join(dir, 'masthead.db'));
try {
  await migrate(db);
  const deps = { db, clock: () => new Date(), log: pino({ level: 'silent' }), changes: localChangeBus() };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await importGhost(deps, () => fs.createReadStream(file), { locale: 'ru', locales: ['en', 'ru'] });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stdout.write(
    `${JSON.stringify({ posts, seconds, cpuSeconds, bytes, peakRssBytes: process.resourceUsage().maxRSS * 1024, post: report.counts.post })}\n`,
  );
} finally {
  await closeHtmlConverter();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
