import type SQLite from 'better-sqlite3';
import { SqliteAdapter, type CompiledQuery, type InsertQueryBuilder, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;
type Compilable<O> = { compile(): CompiledQuery<O> };

// Stand-ins passed to the query builder once; Kysely keeps parameter values as they are, so each one marks the
// place of an argument in the compiled parameter list.
export const MAX_PREPARED_ARGS = 16;
type Slot = Readonly<{ slot: number }>;
const SLOTS: Slot[] = [];
const slot = (i: number): Slot => (SLOTS[i] ??= Object.freeze({ slot: i }));

/** A compiled query and, for each of its parameters, the argument that fills it (-1: a literal kept as compiled). */
type Bound<O> = { compiled: CompiledQuery<O>; from: number[] };

function compileWithSlots<O>(q: Compilable<O>): Bound<O> {
  const compiled = q.compile();
  const from = compiled.parameters.map((p) => (p !== null && typeof p === 'object' && SLOTS[(p as Slot).slot] === p ? (p as Slot).slot : -1));
  return { compiled, from };
}

/**
 * What a compiled query is kept under: the database's adapter, which its transactions share (an import's every batch
 * is a new transaction handle, and each recompiled every query once); a handle with plugins, which may rewrite
 * queries, keeps its own.
 */
const cacheKey = (db: K): object => {
  const executor = db.getExecutor();
  return executor.plugins.length ? db : executor.adapter;
};

/** A SQLite database's own connection, by its Kysely adapter (which its transactions share): see `runCompiled`. */
const connections = new WeakMap<object, SQLite.Database>();

/** Lets this module's queries run on `connection` directly inside `db`'s transactions (db/connect.ts, SQLite only). */
export function runDirectlyInTransactions(db: K, connection: SQLite.Database): void {
  connections.set(db.getExecutor().adapter, connection);
}

/**
 * Runs a compiled query: this module's, or a fixed statement of a caller's (an import record's savepoint). Inside a
 * SQLite transaction it runs on the connection directly: Kysely's way there (a connection provider, a mutex and several
 * promises around a synchronous call) cost an import more CPU than SQLite's own work on the small statements of a
 * record, and its garbage as much again. Only in a transaction, which holds SQLite's one connection for its whole life,
 * so nothing else of Kysely can be using it; elsewhere (and with plugins, which may rewrite queries and results) Kysely
 * runs it, as before.
 */
export function runCompiled<O>(db: K, query: CompiledQuery<O>): Promise<QueryResult<O>> {
  const connection = db.isTransaction ? connections.get(db.getExecutor().adapter) : undefined;
  // A handle whose transaction has ended goes to Kysely, which refuses it (another transaction may be open by then).
  const ended = (db as { isCommitted?: boolean; isRolledBack?: boolean }).isCommitted || (db as { isRolledBack?: boolean }).isRolledBack;
  if (!connection?.inTransaction || ended || db.getExecutor().plugins.length) return db.executeQuery<O>(query);
  try {
    // connect.ts keeps prepared statements by their text, so this prepares each shape once.
    const statement = connection.prepare(query.sql);
    if (statement.reader) return Promise.resolve({ rows: statement.all(query.parameters as unknown[]) as O[] });
    const { changes, lastInsertRowid } = statement.run(query.parameters as unknown[]);
    return Promise.resolve({ rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) });
  } catch (err) {
    return Promise.reject(err);
  }
}

const bind = <O>({ compiled, from }: Bound<O>, args: readonly unknown[]): CompiledQuery<O> => ({
  ...compiled,
  parameters: from.map((i, j) => (i === -1 ? compiled.parameters[j] : args[i])),
});

/**
 * A query whose shape never changes, built and compiled once per database (its transactions included) and then run with new values.
 * Kysely otherwise rebuilds and recompiles the query tree on every call, which costs more than running the small
 * indexed queries of a page render. Only for fixed shapes: no arrays expanded into IN lists, no optional clauses.
 */
export function prepared<A extends unknown[], O>(build: (db: K, ...args: A) => Compilable<O>) {
  const compiledFor = new WeakMap<object, Bound<O>>();
  return async (db: K, ...args: A): Promise<O[]> => {
    const key = cacheKey(db);
    let bound = compiledFor.get(key);
    if (!bound) {
      bound = compileWithSlots(build(db, ...(args.map((_, i) => slot(i)) as unknown as A)));
      compiledFor.set(key, bound);
    }
    return (await runCompiled<O>(db, bind(bound, args))).rows;
  };
}

/** Whether `db` speaks SQLite (the bench's and a small site's database) rather than PostgreSQL. */
export const isSqlite = (db: K): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * An INSERT of rows with these columns, compiled once per database handle and number of rows (up to `maxRows`; more
 * rows are built as usual), like `prepared`: an article's tags, bylines and old addresses are a few rows each, and
 * Kysely's building and compiling of a multi-row insert cost more than SQLite's writing of it.
 */
export function preparedRows<C extends string>(columns: readonly C[], build: (db: K, rows: Record<C, unknown>[]) => Compilable<unknown>, maxRows = 8) {
  const compiledFor = new WeakMap<object, Map<number, Bound<unknown>>>();
  return async (db: K, rows: readonly Record<C, unknown>[]): Promise<void> => {
    if (!rows.length) return;
    if (rows.length > maxRows) {
      await runCompiled(db, build(db, rows as Record<C, unknown>[]).compile());
      return;
    }
    const key = cacheKey(db);
    let byCount = compiledFor.get(key);
    if (!byCount) compiledFor.set(key, (byCount = new Map()));
    let bound = byCount.get(rows.length);
    if (!bound) {
      const slotted = rows.map((_, r) => Object.fromEntries(columns.map((c, i) => [c, slot(r * columns.length + i)])) as Record<C, unknown>);
      bound = compileWithSlots(build(db, slotted));
      byCount.set(rows.length, bound);
    }
    const args: unknown[] = [];
    for (const row of rows) for (const c of columns) args.push(row[c]);
    await runCompiled(db, bind(bound, args));
  };
}

/**
 * An INSERT of one row into a table with an integer `id`, compiled once per database handle, that gives the new id.
 * SQLite reads it from the connection (last_insert_rowid) rather than through RETURNING: on the bench's archive a
 * RETURNING made each insert into `articles` about a third slower (SQLite gathers the returned rows in a temporary
 * table first) and one into `stories` about three times slower. PostgreSQL has no such id: there it is RETURNING.
 */
export function preparedInsertId<A extends unknown[]>(build: (db: K, ...args: A) => InsertQueryBuilder<Database, any, any>) {
  const compiledFor = new WeakMap<object, { bound: Bound<unknown>; sqlite: boolean }>();
  return async (db: K, ...args: A): Promise<number> => {
    const key = cacheKey(db);
    let c = compiledFor.get(key);
    if (!c) {
      const sqlite = isSqlite(db);
      const q = build(db, ...(args.map((_, i) => slot(i)) as unknown as A));
      c = { bound: compileWithSlots(sqlite ? q : q.returning('id')), sqlite };
      compiledFor.set(key, c);
    }
    const result = await runCompiled<{ id: number }>(db, bind(c.bound as Bound<{ id: number }>, args));
    const id = c.sqlite ? Number(result.insertId) : Number(result.rows[0]?.id);
    // SQLite's last insert id is the connection's, not the statement's: an insert that wrote no row (a conflict
    // clause) would hand back an earlier row's id. Not for such statements; refused rather than trusted.
    if (c.sqlite && result.numAffectedRows !== 1n) throw new Error(`preparedInsertId: the insert wrote ${result.numAffectedRows} rows, not one`);
    if (!Number.isSafeInteger(id)) throw new Error('preparedInsertId: the insert gave no id');
    return id;
  };
}
