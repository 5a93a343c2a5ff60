import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type ConnectOptions, type Db } from '../../src/db/connect.js';
import { migrate, migrations } from '../../src/db/migrate.js';

/**
 * The databases every contract test runs against. PostgreSQL is the one on this machine (or TEST_DATABASE_URL);
 * without it the PostgreSQL half is skipped loudly, unless REQUIRE_POSTGRES=1 (CI), where a missing server fails.
 */
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUIRE_PG = process.env.REQUIRE_POSTGRES === '1';

export type Engine = 'sqlite' | 'postgres';
export type OpenedDb = { db: Db; url: string; schema?: string; cleanup(): Promise<void> };

let pgAvailable: Promise<boolean> | undefined;
export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (e) {
      if (REQUIRE_POSTGRES_FAIL()) throw new Error(`REQUIRE_POSTGRES=1 but PostgreSQL at ${PG_URL} does not answer: ${(e as Error).message}`);
      console.warn(`\n*** PostgreSQL at ${PG_URL} is not reachable: SKIPPING the PostgreSQL half of the contract suite. ***\n`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgAvailable;
}
const REQUIRE_POSTGRES_FAIL = () => REQUIRE_PG;

/** A fresh, migrated database: a temp SQLite file, or a new PostgreSQL schema dropped afterwards. */
export async function openDb(engine: Engine, opts: ConnectOptions = {}): Promise<OpenedDb> {
  const opened = await openEmpty(engine, opts);
  await migrate(opened.db);
  return opened;
}

/**
 * A fresh database with every migration before `name` run (and not recorded): what an installation had before it, for
 * that migration's own test, which runs it on rows written the old way.
 */
export async function openDbBefore(engine: Engine, name: string): Promise<OpenedDb> {
  const opened = await openEmpty(engine, { poolSize: 2 });
  for (const [n, step] of Object.entries(migrations)) {
    if (n >= name) break;
    await step.up(opened.db.kysely, engine);
  }
  return opened;
}

async function openEmpty(engine: Engine, opts: ConnectOptions): Promise<OpenedDb> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-test-'));
    const url = path.join(dir, 'test.db');
    const db = connect(url, opts);
    return {
      db,
      url,
      cleanup: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = connect(PG_URL, { poolSize: 4, ...opts, schema });
  return {
    db,
    url: PG_URL,
    schema,
    cleanup: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
