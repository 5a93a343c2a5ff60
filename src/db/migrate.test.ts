import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { PG_URL, type Engine } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { waitFor } from '#test/wait-for.js';
import { connect, type Db } from './connect.js';
import { migrate, migrations } from './migrate.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const released = Object.keys(migrations);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-migrate-'));
  dirs.push(dir);
  return dir;
};

type Proc = { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string; exited: () => boolean; exit: Promise<number | null> };
const running = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => running.forEach((c) => c.kill('SIGKILL')));

function start(args: string[], env: NodeJS.ProcessEnv = process.env): Proc {
  const child = spawn(process.execPath, args, { cwd: root, env });
  running.add(child);
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, out: () => out, err: () => err, exited: () => exited, exit };
}

/** `masthead migrate` as a real process on DATA_DIR's default SQLite file. */
const mastheadMigrate = (dataDir: string) => start(['bin/masthead.js', 'migrate'], { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' });

/** A process that migrates and stalls inside `step`, after its DDL, until `release` exists (test/support/migrate-process.ts). */
const stallingMigrate = (file: string, step: string, release: string) => start(['--import', 'tsx', 'test/support/migrate-process.ts', file, step, release]);

/** What a file holds, read through a connection of its own (as another process would). */
function inspect(file: string) {
  const db = new SQLite(file, { readonly: true });
  try {
    const names = new Set((db.prepare('select name from sqlite_master').all() as { name: string }[]).map((r) => r.name));
    return {
      recorded: names.has('kysely_migration')
        ? (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name)
        : [],
      has: (name: string) => names.has(name),
      articleColumns: (db.prepare(`select name from pragma_table_info('articles')`).all() as { name: string }[]).map((r) => r.name),
      integrity: (db.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check,
    };
  } finally {
    db.close();
  }
}

describe('migrate on SQLite, several processes on one file', () => {
  it('two or three `masthead migrate` started at once on a new file all succeed, and each migration is applied once', async () => {
    const race = async (dataDir: string, count: number, meanwhile: (procs: Proc[]) => Promise<void>) => {
      const procs = Array.from({ length: count }, () => mastheadMigrate(dataDir));
      await meanwhile(procs);
      const codes = await Promise.all(procs.map((p) => p.exit));
      const report = procs.map((p) => p.out() + p.err()).join('\n---\n');
      expect(codes, report).toEqual(procs.map(() => 0));
      // One run applied everything; the others waited for it, or came after it, and found nothing to do.
      expect(
        procs.filter((p) => p.out().startsWith(`Applied ${released.length} migration(s)`)),
        report,
      ).toHaveLength(1);
      expect(
        procs.filter((p) => p.out() === 'The database is up to date.\n'),
        report,
      ).toHaveLength(count - 1);
      expect(inspect(path.join(dataDir, 'masthead.db')).recorded).toEqual(released);
    };
    // As they come, on a file none of them has created yet: what the review saw fail in 3 runs of 5.
    await race(newDir(), 2, async () => {});
    // All at the same moment: held back by another connection's write lock until each says it waits, then let go
    // together, so the race happens on every run rather than when start-up times happen to line up.
    const dataDir = newDir();
    const holder = new SQLite(path.join(dataDir, 'masthead.db'));
    holder.pragma('journal_mode = WAL');
    holder.exec('begin immediate');
    try {
      await race(dataDir, 3, async (procs) => {
        // (One that gives up instead of waiting fails the exit-code check below, with what it printed.)
        await waitFor(() => procs.every((p) => p.err().includes('probably migrating it; waiting')) || procs.some((p) => p.exited()), {
          timeout: 30_000,
          what: 'all three to say they wait',
        });
        holder.exec('rollback');
      });
    } finally {
      holder.close();
    }
  }, 90_000);

  it('a second process waits while another holds the migration lock, then finds nothing to do', async () => {
    const dataDir = newDir();
    const file = path.join(dataDir, 'masthead.db');
    const release = path.join(dataDir, 'release');
    const first = stallingMigrate(file, '0008-desk', release);
    await waitFor(() => first.out().includes('stalled in 0008-desk'), { timeout: 30_000, what: 'the first process to stall' });
    const second = mastheadMigrate(dataDir);
    await waitFor(() => second.err().includes('probably migrating it; waiting up to 60 s'), { timeout: 30_000, what: 'the second process to say it waits' });
    // Meanwhile a reader (a server already running) sees the schema as it was: none of the run yet.
    expect(inspect(file).has('users')).toBe(false);
    fs.writeFileSync(release, '');
    expect(await first.exit).toBe(0);
    expect(first.out()).toContain(`applied ${released.join(',')}`);
    expect(await second.exit, second.err()).toBe(0);
    expect(second.out()).toBe('The database is up to date.\n');
    expect(inspect(file).recorded).toEqual(released);
  }, 60_000);

  it('a process killed inside a migration leaves the database at the step before, with none of its DDL; the next migrate completes', async () => {
    const dataDir = newDir();
    const file = path.join(dataDir, 'masthead.db');
    const before = released.slice(0, released.indexOf('0008-desk'));
    const db = connect(file);
    await migrate(db, { steps: Object.fromEntries(before.map((name) => [name, migrations[name]!])) });
    await db.close();

    const doomed = stallingMigrate(file, '0008-desk', path.join(dataDir, 'never'));
    await waitFor(() => doomed.out().includes('stalled in 0008-desk'), { timeout: 30_000, what: 'the process to stall inside 0008-desk' });
    doomed.child.kill('SIGKILL');
    await doomed.exit;

    const after = inspect(file);
    expect(after.integrity).toBe('ok');
    expect(after.recorded).toEqual(before);
    // 0008 creates a table, adds columns and indexes: nothing of it is left.
    expect(after.has('article_notes')).toBe(false);
    expect(after.has('articles_assignee_idx')).toBe(false);
    expect(after.articleColumns).not.toContain('assignee_user_id');
    expect(after.articleColumns).not.toContain('text_revision');

    const next = mastheadMigrate(dataDir);
    expect(await next.exit, next.err()).toBe(0);
    const rest = released.slice(before.length);
    expect(next.out()).toBe(`Applied ${rest.length} migration(s): ${rest.join(', ')}\n`);
    const done = inspect(file);
    expect(done.recorded).toEqual(released);
    expect(done.has('article_notes')).toBe(true);
    expect(done.articleColumns).toContain('assignee_user_id');
  }, 60_000);
});

describe('migrate on SQLite, in one process', () => {
  it('gives up with a clear MIGRATION_FAILED after its bounded wait when another connection keeps the file locked', async () => {
    const file = path.join(newDir(), 'x.db');
    const db = connect(file);
    const other = new SQLite(file);
    other.exec('begin immediate');
    const told: string[] = [];
    const started = Date.now();
    const failure = await migrate(db, { waitMs: 300, onWait: (m) => told.push(m) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(isAppError(failure) && failure.code).toBe('MIGRATION_FAILED');
    expect((failure as Error).message).toMatch(/^Another process kept the database \(sqlite:.*x\.db\) locked for 300 ms; gave up waiting to migrate it\.$/);
    expect(isAppError(failure) && failure.hint).toMatch(/still migrating it: let it finish, then run the command again/);
    expect(told).toHaveLength(1);
    // The connection is usable afterwards, with its usual busy timeout, and migrates once the lock is free.
    other.exec('rollback');
    other.close();
    expect((await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely)).rows[0]!.timeout).toBe(5000);
    expect((await migrate(db)).applied).toEqual(released);
    await db.close();
  });

  // A server starting beside a busy writer (another instance, a running import) must not wait for its lock to learn
  // that nothing is to do.
  it('on an up-to-date database answers at once from one read, even while another connection holds the write lock', async () => {
    const file = path.join(newDir(), 'x.db');
    const db = connect(file);
    expect((await migrate(db)).applied).toEqual(released);
    const other = new SQLite(file);
    other.exec('begin immediate');
    try {
      const started = Date.now();
      expect(await migrate(db, { waitMs: 5_000 })).toEqual({ applied: [] });
      expect(Date.now() - started).toBeLessThan(1_000);
      // One step more than the database records: the full run, which waits for the lock.
      const more = { ...migrations, '9999-later': { up: async () => {} } };
      const failure = await migrate(db, { waitMs: 200, steps: more }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(failure) && failure.code).toBe('MIGRATION_FAILED');
    } finally {
      other.exec('rollback');
      other.close();
    }
    await db.close();
  });
});

/** A database with nothing in it: a new SQLite file, or a new PostgreSQL schema dropped afterwards. */
async function emptyDb(engine: Engine): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const db = connect(path.join(newDir(), 'x.db'));
    return { db, cleanup: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await admin(`create schema ${schema}`);
  const db = connect(PG_URL, { schema, poolSize: 2 });
  return { db, cleanup: async () => (await db.close(), await admin(`drop schema ${schema} cascade`)) };
}

forEachEngine('migrate on %s', (engine) => {
  it('a step that fails rolls the whole run back: nothing of it or of the steps before it is left', async () => {
    const { db, cleanup } = await emptyDb(engine);
    try {
      const failure = await migrate(db, {
        steps: {
          '0001-initial': migrations['0001-initial']!,
          '0002-broken': {
            up: async (k) => {
              await k.schema.createTable('half_done').addColumn('id', 'integer').execute();
              await sql`select * from no_such_table`.execute(k);
            },
          },
        },
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(failure) && failure.code).toBe('MIGRATION_FAILED');
      expect((failure as Error).message).toMatch(/^Migration 0002-broken failed: .*no_such_table/);
      expect(isAppError(failure) && failure.hint).toMatch(/^The run was rolled back whole/);
      const tables = (await db.kysely.introspection.getTables()).filter((t) => !db.schema || t.schema === db.schema).map((t) => t.name);
      expect(tables).not.toContain('half_done');
      expect(tables).not.toContain('users');
      const recorded = await db.kysely
        .selectFrom('kysely_migration' as never)
        .selectAll()
        .execute()
        .catch(() => []);
      expect(recorded).toEqual([]);
      expect((await migrate(db)).applied).toEqual(released);
    } finally {
      await cleanup();
    }
  });
});
