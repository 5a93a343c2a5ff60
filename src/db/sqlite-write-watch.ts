import { sql } from 'kysely';
import type { Db } from './connect.js';

/**
 * SQLite has no notifications between processes. `PRAGMA data_version` changes when another connection commits (a
 * `masthead` command run beside the server, a backup restore), never for our own writes; polling it once a second lets
 * the server drop what it keeps in memory after such a write.
 */
export function watchOtherWriters(db: Db, onChange: () => void, everyMs = 1000): { stop(): void } {
  if (db.dialect !== 'sqlite') return { stop() {} };
  let last: number | undefined;
  const check = async () => {
    try {
      const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db.kysely);
      const version = Number(rows[0]?.data_version);
      if (last !== undefined && version !== last) onChange();
      last = version;
    } catch {
      // A closed or busy database: try again on the next tick.
    }
  };
  // Read at once, not a period later: a commit in that first period (a rival start loading the demo while this server
  // already renders pages) would otherwise become the version it compares with, and never be noticed.
  void check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
