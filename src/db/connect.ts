import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type LogEvent } from 'kysely';
import { SearchPathPostgresDialect } from './search-path-dialect.js';
import { runDirectlyInTransactions } from './prepared.js';
import { pgDriver } from './pg-driver.js';
import { AppError } from '../errors.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export type Db = {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, without credentials: safe to print. */
  describe: string;
  /** PostgreSQL schema the connection works in, when not the default search path. */
  schema?: string;
  /** SQLite: the database file's absolute path (not for a database in memory). */
  file?: string;
  close(): Promise<void>;
};

export type ConnectOptions = {
  /** PostgreSQL only: the schema to work in (tests use a fresh one per run). */
  schema?: string;
  /** Called once per executed query; used to prove a page costs a bounded number of queries and to read plans. */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
  poolSize?: number;
  /**
   * SQLite only: read the file through a memory map instead of a system call and a copy per page. For a job that
   * reads the whole archive once (the static export): the pages it touches count in the process's RSS, so a server
   * keeps the default.
   */
  bulkRead?: boolean;
};

/** SQLite: this connection's page cache holds at most `mb` MB from now on (PostgreSQL caches on its server). */
export async function setPageCacheMb(db: Db, mb: number): Promise<void> {
  if (db.dialect === 'sqlite') await sql.raw(`pragma cache_size = -${Math.round(mb * 1000)}`).execute(db.kysely);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function connect(url: string, opts: ConnectOptions = {}): Db {
  const log = opts.onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') opts.onQuery!(event.query.sql, event.query.parameters);
      }
    : undefined;
  return isPostgresUrl(url) ? connectPostgres(url, opts, log) : connectSqlite(url, log, opts.bulkRead);
}

/** How long an open waits for another connection's write lock to turn the file to WAL: better-sqlite3's busy timeout. */
const WAL_WAIT_MS = 5000;

/**
 * `journal_mode = WAL`, waiting for the write lock another connection holds. Turning a file to WAL while another holds
 * that lock (a second `masthead migrate` or a server starting on the same new file) is answered SQLITE_BUSY at once:
 * SQLite's deadlock rule skips the busy timeout there. The open is synchronous, so it sleeps between attempts; it
 * happens once per connection, and only while another process writes the file's first pages.
 */
function toWal(database: SQLite.Database): void {
  const deadline = Date.now() + WAL_WAIT_MS;
  for (;;) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function connectSqlite(file: string, log?: (e: LogEvent) => void, bulkRead = false): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  let database: SQLite.Database;
  try {
    database = new SQLite(file);
    toWal(database);
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('synchronous = NORMAL');
    // better-sqlite3 defaults to a 16 MB page cache per connection; 8 MB renders as fast here (the OS caches the
    // file too) and keeps a server with a large archive inside its memory budget.
    database.pragma('cache_size = -8000');
    // SQLite caps the map at 2 GB (SQLITE_MAX_MMAP_SIZE); a larger archive is read the usual way past that.
    if (bulkRead) database.pragma('mmap_size = 2147418112');
  } catch (cause) {
    throw new AppError('DATABASE_UNAVAILABLE', `Cannot open the SQLite database at ${file}: ${(cause as Error).message}`, {
      hint: 'Check that DATA_DIR / DATABASE_URL points to a writable folder, and that the file is a SQLite database.',
      cause,
    });
  }
  cachePreparedStatements(database);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database }), log });
  // Not when queries are watched (onQuery): every one must pass through Kysely's log.
  if (!log) runDirectlyInTransactions(kysely, database);
  return {
    kysely,
    dialect: 'sqlite',
    describe: `sqlite:${path.resolve(file)}`,
    ...(file === ':memory:' ? {} : { file: path.resolve(file) }),
    close: () => kysely.destroy(),
  };
}

function connectPostgres(url: string, opts: ConnectOptions, log?: (e: LogEvent) => void): Db {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new AppError('DATABASE_URL_INVALID', 'DATABASE_URL is not a valid postgres:// URL.', {
      hint: 'Example: DATABASE_URL=postgres://masthead:secret@127.0.0.1:5432/masthead',
      cause,
    });
  }
  const schema = opts.schema ?? schemaInUrl(parsed);
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new AppError('DATABASE_URL_INVALID', `Invalid PostgreSQL schema name "${schema}".`, {
      hint: 'Use lower-case letters, digits and underscores.',
    });
  }
  const pool = new (pgDriver().Pool)({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new SearchPathPostgresDialect({ pool }), log });
  const describe = `postgres://${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`;
  return { kysely, dialect: 'postgres', describe, ...(schema ? { schema } : {}), close: () => kysely.destroy() };
}

/**
 * `?options=-c search_path=news`: the way to put Masthead in a schema of its own from the URL alone (the page render
 * thread opens the database from the configuration). It must be the connection's schema, not just its search path:
 * Kysely's migrator looks for its bookkeeping tables in every schema of the search path (search-path-dialect.ts), and
 * would take another schema's on it for ours. Only one plain schema name counts; a list or anything else is left to
 * PostgreSQL as it was.
 */
export function schemaInUrl(url: URL): string | undefined {
  const m = /^\s*-c\s+search_path=([a-z_][a-z0-9_]*)\s*$/.exec(url.searchParams.get('options') ?? '');
  return m?.[1];
}

/**
 * Kysely prepares every query anew; preparing costs as much as running our small indexed queries. The same SQL text
 * (parameters are bound separately) reuses its statement. Safe because every query runs to completion synchronously.
 */
function cachePreparedStatements(database: SQLite.Database, max = 1000) {
  const prepare = database.prepare.bind(database);
  const statements = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (!statement) {
      if (statements.size >= max) statements.clear();
      statement = prepare(source);
      statements.set(source, statement);
    }
    return statement;
  }) as typeof database.prepare;
}

/** A cheap round trip that tells whether the database answers. */
export async function ping(db: Db): Promise<void> {
  try {
    await sql`select 1`.execute(db.kysely);
  } catch (cause) {
    throw new AppError('DATABASE_UNAVAILABLE', `The database (${db.describe}) does not answer: ${(cause as Error).message}`, {
      hint: 'Check DATABASE_URL and that the database server is running.',
      cause,
    });
  }
}
