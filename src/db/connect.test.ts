import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PG_URL, postgresAvailable } from '#test/databases.js';
import { loadConfig } from '../config.js';
import { openDeps } from '../open-deps.js';
import { sql } from 'kysely';
import { connect, schemaInUrl, setPageCacheMb } from './connect.js';
import { migrate } from './migrate.js';

const withSchemaInUrl = (schema: string) => `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

describe('a PostgreSQL schema named in DATABASE_URL', () => {
  it('is read from `options=-c search_path=…` when it names one plain schema, and only then', () => {
    expect(schemaInUrl(new URL(withSchemaInUrl('news')))).toBe('news');
    expect(schemaInUrl(new URL('postgres://h/db?options=-c%20search_path%3Dnews%2Cpublic'))).toBeUndefined();
    expect(schemaInUrl(new URL('postgres://h/db?options=-c%20statement_timeout%3D5s'))).toBeUndefined();
    expect(schemaInUrl(new URL('postgres://h/db'))).toBeUndefined();
  });

  // Regression: the render thread's tests failed with 'relation "kysely_migration_lock" does not exist' whenever another
  // schema of the database (another test's, another site's) held Kysely's tables: the migrator found those, not ours.
  it('is migrated as its own, while another schema of the same database holds Kysely’s bookkeeping tables', async () => {
    if (!(await postgresAvailable())) return;
    const [other, ours] = [`t_${randomBytes(6).toString('hex')}`, `t_${randomBytes(6).toString('hex')}`];
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`create schema ${other}; create schema ${ours}`);
      const first = connect(withSchemaInUrl(other));
      await migrate(first);
      await first.close();
      const db = connect(withSchemaInUrl(ours));
      try {
        expect(db.schema).toBe(ours);
        const { applied } = await migrate(db);
        expect(applied.length).toBeGreaterThan(20);
        const { rows } = await admin.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'articles'`, [
          ours,
        ]);
        expect(rows[0].n).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      await admin.query(`drop schema if exists ${other} cascade; drop schema if exists ${ours} cascade`);
      await admin.end();
    }
  });
});

describe('change notices of sites in two schemas of one database', () => {
  // Regression (review): the change channel ignored the schema, so every publish on one site invalidated the other's
  // pages, and a settings save there emptied its whole cache.
  it('reach the instances of their own site only', async () => {
    if (!(await postgresAvailable())) return;
    const [a, b] = [`t_${randomBytes(6).toString('hex')}`, `t_${randomBytes(6).toString('hex')}`];
    const site = async (schema: string) => openDeps(loadConfig({ DATABASE_URL: withSchemaInUrl(schema) }), pino({ level: 'silent' }), { shared: true });
    const [siteA, siteA2, siteB] = [await site(a), await site(a), await site(b)];
    try {
      const heard = { a2: [] as string[][], b: [] as string[][] };
      siteA2.changes.subscribe((k) => heard.a2.push(k));
      siteB.changes.subscribe((k) => heard.b.push(k));
      await siteA.changes.publish(['a12', 'l-en']);
      for (let i = 0; i < 100 && heard.a2.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard.a2).toEqual([['a12', 'l-en']]);
      await new Promise((r) => setTimeout(r, 200));
      expect(heard.b).toEqual([]);
    } finally {
      for (const d of [siteA, siteA2, siteB]) {
        await d.changes.close();
        await d.db.close();
      }
    }
  });
});

describe('the SQLite page cache of a connection', () => {
  // The render thread's connection keeps less than the serving thread's (page-render-worker.ts; row f, memory).
  it('is 8 MB by default and what setPageCacheMb says after it', async () => {
    const db = connect(':memory:');
    const size = async () => (await sql<{ cache_size: number }>`pragma cache_size`.execute(db.kysely)).rows[0]!.cache_size;
    try {
      expect(await size()).toBe(-8000);
      await setPageCacheMb(db, 2);
      expect(await size()).toBe(-2000);
    } finally {
      await db.close();
    }
  });
});

describe('opening a SQLite file that another connection is writing to', () => {
  // Regression: two `masthead migrate` started at once on a new file; one failed with DATABASE_UNAVAILABLE "database is
  // locked". Turning a file to WAL while another connection holds its write lock is answered SQLITE_BUSY at once:
  // SQLite's deadlock rule skips the busy timeout there, so the open must wait for the lock itself.
  it('waits for the other connection’s write lock to be let go, then opens the file in WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-open-'));
    const file = path.join(dir, 'masthead.db');
    const seed = new SQLite(file);
    seed.exec('create table seed (x)');
    seed.close();
    // The lock is held on another thread: this one blocks in the open until it is let go.
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.file);
       db.exec('begin immediate'); db.exec('insert into seed values (1)');
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('commit'); db.close(); }, 300);`,
      { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } },
    );
    try {
      await new Promise<void>((resolve) => holder.once('message', () => resolve()));
      const db = connect(file);
      try {
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
        expect(mode.rows[0]!.journal_mode).toBe('wal');
        const rows = await sql<{ n: number }>`select count(*) as n from seed`.execute(db.kysely);
        expect(rows.rows[0]!.n).toBe(1);
      } finally {
        await db.close();
      }
    } finally {
      await holder.terminate();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
