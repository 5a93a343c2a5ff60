import { sql } from 'kysely';
import { startWorker } from '../start-worker.js';
import type { Db } from '../db/connect.js';

/** How often the background checkpointer copies the WAL into the database. */
export const CHECKPOINT_EVERY_MS = 100;
/**
 * The writer's own checkpoint threshold meanwhile, in pages (SQLite's default is 1,000, about 4 MB): only a backstop,
 * should the background one fall behind, so that the WAL stays bounded whatever happens.
 */
export const BACKSTOP_PAGES = 10_000;
const DEFAULT_PAGES = 1000;

/**
 * For a long run of writes (an import): SQLite's checkpoints, which copy the WAL into the database file, move from the
 * writing connection to a thread of their own. Left to the writer, every fourth megabyte of WAL made one commit copy it
 * and sync the file, on the thread whose speed is the import's (the commits were some 10% of its time); this thread runs
 * them meanwhile on the machine's other core. SQLite only (PostgreSQL has its own); a database in memory has no WAL.
 * Returns the stop, which gives the writer back its own checkpoints at SQLite's default threshold (Masthead sets no
 * other). If the thread cannot start, the writer keeps its own checkpoints and the import runs as before.
 */
export async function checkpointInBackground(db: Db): Promise<() => Promise<void>> {
  if (db.dialect !== 'sqlite' || !db.file) return async () => {};
  const worker = startWorker(
    { bundled: 'wal-checkpoint-worker.mjs', source: new URL('./wal-checkpoint-worker.ts', import.meta.url), what: 'WAL checkpointer' },
    {
      workerData: { file: db.file, everyMs: CHECKPOINT_EVERY_MS },
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    },
  );
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  if (!started) {
    // The writer keeps its own checkpoints, as without this.
    await worker.terminate();
    return async () => {};
  }
  worker.on('error', () => {});
  await sql.raw(`pragma wal_autocheckpoint = ${BACKSTOP_PAGES}`).execute(db.kysely);
  return async () => {
    await sql.raw(`pragma wal_autocheckpoint = ${DEFAULT_PAGES}`).execute(db.kysely);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000).unref())]);
    await worker.terminate();
  };
}
