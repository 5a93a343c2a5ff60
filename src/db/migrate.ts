import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { AppError, isAppError } from '../errors.js';
import type { Db } from './connect.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-listing-indexes.js';
import * as m0003 from './migrations/0003-accounts.js';
import * as m0004 from './migrations/0004-api-keys.js';
import * as m0005 from './migrations/0005-one-version-per-language.js';
import * as m0006 from './migrations/0006-jobs.js';
import * as m0007 from './migrations/0007-media-library.js';
import * as m0008 from './migrations/0008-desk.js';
import * as m0009 from './migrations/0009-setup-steps.js';
import * as m0010 from './migrations/0010-pending-changes.js';
import * as m0011 from './migrations/0011-front-pages.js';
import * as m0012 from './migrations/0012-preview-links.js';
import * as m0013 from './migrations/0013-feed-index-covers-sitemaps.js';
import * as m0015 from './migrations/0015-own-account.js';
import * as m0016 from './migrations/0016-sections-and-tags.js';
import * as m0017 from './migrations/0017-contributor-profiles.js';
import * as m0018 from './migrations/0018-partner-profiles.js';
import * as m0019 from './migrations/0019-pages.js';
import * as m0020 from './migrations/0020-site-settings.js';
import * as m0022 from './migrations/0022-import-keys.js';
import * as m0023 from './migrations/0023-search-index.js';
import * as m0024 from './migrations/0024-wire.js';
import * as m0025 from './migrations/0025-search-head.js';
import * as m0026 from './migrations/0026-search-features.js';
import * as m0027 from './migrations/0027-section-parents.js';
import * as m0028 from './migrations/0028-drop-redundant-indexes.js';

export type Step = { up: (db: Parameters<Migration['up']>[0], dialect: Db['dialect']) => Promise<void> };

/** Forward-only: a migration, once released, is never edited; a change is a new numbered file listed here. */
export const migrations: Readonly<Record<string, Step>> = {
  '0001-initial': m0001,
  '0002-listing-indexes': m0002,
  '0003-accounts': m0003,
  '0004-api-keys': m0004,
  '0005-one-version-per-language': m0005,
  '0006-jobs': m0006,
  '0007-media-library': m0007,
  '0008-desk': m0008,
  '0009-setup-steps': m0009,
  '0010-pending-changes': m0010,
  '0011-front-pages': m0011,
  '0012-preview-links': m0012,
  '0013-feed-index-covers-sitemaps': m0013,
  '0015-own-account': m0015,
  '0016-sections-and-tags': m0016,
  '0017-contributor-profiles': m0017,
  '0018-partner-profiles': m0018,
  '0019-pages': m0019,
  '0020-site-settings': m0020,
  '0022-import-keys': m0022,
  '0023-search-index': m0023,
  '0024-wire': m0024,
  '0025-search-head': m0025,
  '0026-search-features': m0026,
  '0027-section-parents': m0027,
  '0028-drop-redundant-indexes': m0028,
};

/** How long a process waits for another one's migration run on the same SQLite file before it gives up. */
export const SQLITE_MIGRATION_WAIT_MS = 60_000;

export type MigrateOptions = {
  /** Told once, with a sentence for a person, when another process is migrating and this one starts waiting. */
  onWait?: (message: string) => void;
  /** SQLite: how long to wait for that other process (tests shorten it). */
  waitMs?: number;
  /** Tests only: another list of steps (the released ones up to some point, or one that stalls). */
  steps?: Readonly<Record<string, Step>>;
};

export async function migrate(db: Db, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const steps = opts.steps ?? migrations;
  // Every start of a server or a command asks; nearly always nothing is to do. Said by one read, without the write
  // lock (which a start would otherwise wait for behind a running server's writes) or the migrator's look at every
  // table. Anything else (a step missing, a name this code does not know, no bookkeeping yet) takes the full run.
  if (await upToDate(db, steps)) return { applied: [] };
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, { up: (k) => step.up(k, db.dialect) }])),
  };
  const toLatest = (k: Kysely<any>) =>
    // Kysely looks for its bookkeeping tables in every schema of the search path (search-path-dialect.ts); pin them
    // to ours, or another schema's on that path is mistaken for this one's.
    new Migrator({
      db: k,
      provider,
      ...(db.schema ? { migrationTableSchema: db.schema } : {}),
      // Kysely's default, localeCompare, starts ICU's collator (~10 ms of a start) to order names that are ASCII.
      nameComparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    }).migrateToLatest();
  // On PostgreSQL, Kysely itself holds an advisory lock and runs the whole run in one transaction.
  const { error, results } = db.dialect === 'sqlite' ? await sqliteRunUnderWriteLock(db, toLatest, opts) : await toLatest(db.kysely);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new AppError('MIGRATION_FAILED', `${failed ? `Migration ${failed} failed` : 'Migrating failed'}: ${(error as Error).message ?? String(error)}`, {
      hint: 'The run was rolled back whole: the database is as it was before it started. Check the database permissions and logs, then run `masthead migrate` again.',
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Kysely's SqliteAdapter takes no migration lock and runs the steps outside any transaction, so two processes
 * starting on one new file both read "nothing applied", both run 0001 and one dies ("table … already exists"), and a
 * process killed mid-step leaves half a step behind. One BEGIN IMMEDIATE transaction around the whole run, on the
 * one connection the migrator uses, closes both: SQLite's single write lock is taken before the migrator reads what
 * is applied (even before it creates its own tables), so a second process waits and then finds nothing to do; and
 * SQLite's DDL is transactional, so the run commits whole or not at all, as it does on PostgreSQL. No migration may
 * do what a transaction forbids (VACUUM, switching foreign_keys): it would fail here at once.
 */
async function sqliteRunUnderWriteLock(db: Db, run: (k: Kysely<any>) => Promise<MigrationResultSet>, opts: MigrateOptions): Promise<MigrationResultSet> {
  // Holding the connection keeps this process's other queries (none are expected) out of the run's transaction.
  return db.kysely.connection().execute(async (k) => {
    try {
      await beginImmediate(k, db.describe, opts);
    } catch (error) {
      if (isAppError(error)) throw error;
      return { error };
    }
    let result: MigrationResultSet;
    try {
      result = await run(k);
      if (!result.error) await sql`commit`.execute(k);
    } catch (error) {
      result = { error };
    }
    // A failed COMMIT may leave the transaction open; a statement error may already have ended it (then this fails).
    if (result.error) await sql`rollback`.execute(k).catch(() => {});
    return result;
  });
}

/**
 * Waits for SQLite's write lock in short attempts, not one long busy_timeout: better-sqlite3 is synchronous, and a
 * five-second busy wait would freeze the process (its timers, its signal handlers) for each attempt.
 */
async function beginImmediate(k: Kysely<any>, describe: string, opts: MigrateOptions): Promise<void> {
  const waitMs = opts.waitMs ?? SQLITE_MIGRATION_WAIT_MS;
  const started = Date.now();
  const deadline = started + waitMs;
  const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(k);
  const busyTimeout = Number(rows[0]?.timeout ?? 0);
  let told = false;
  await sql`pragma busy_timeout = 50`.execute(k);
  try {
    for (;;) {
      try {
        await sql`begin immediate`.execute(k);
        return;
      } catch (e) {
        if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw e;
        if (Date.now() >= deadline) {
          throw new AppError(
            'MIGRATION_FAILED',
            `Another process kept the database (${describe}) locked for ${duration(waitMs)}; gave up waiting to migrate it.`,
            {
              hint:
                'Another `masthead migrate` or starting server is probably still migrating it: let it finish, then run the command again. ' +
                'If no other masthead process is running, look for a program holding the file in a write transaction (a sqlite3 shell left inside BEGIN, a backup tool).',
              cause: e,
            },
          );
        }
        // A running server's ordinary writes last milliseconds; only a longer wait is worth a word.
        if (!told && Date.now() - started >= Math.min(1000, waitMs / 2)) {
          told = true;
          opts.onWait?.(`Another process is writing to the database (${describe}), probably migrating it; waiting up to ${duration(waitMs)} for it to finish.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${busyTimeout}`).execute(k);
  }
}

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

async function upToDate(db: Db, steps: Readonly<Record<string, Step>>): Promise<boolean> {
  const rows = await db.kysely
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute()
    .catch(() => null);
  if (!rows) return false;
  const recorded = new Set((rows as { name: string }[]).map((r) => r.name));
  const released = Object.keys(steps);
  return recorded.size === released.length && released.every((name) => recorded.has(name));
}

/** How many migrations this database records as applied; null when it was never migrated (no bookkeeping table). */
export async function appliedMigrationCount(db: Db): Promise<number | null> {
  const done = await db.kysely
    .selectFrom('kysely_migration' as never)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
    .catch(() => null);
  return done ? Number((done as { n: number }).n) : null;
}
