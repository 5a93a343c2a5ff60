import SQLite from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The WAL checkpointer of a bulk write (services/wal-checkpointer.ts): its own connection to the SQLite file, copying
 * what the writer committed to the WAL into the database, every `everyMs`, on this thread. PASSIVE never waits for the
 * writer or for readers; what it could not copy is copied next time.
 */
const { file, everyMs } = workerData as { file: string; everyMs: number };
const db = new SQLite(file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy (another checkpoint under way, a backup): the next tick tries again.
  }
}, everyMs);
parentPort!.on('message', (m: 'stop') => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
parentPort!.postMessage('ready');
