import { randomBytes } from 'node:crypto';
import { PostgresDialect, Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, PG_URL, postgresAvailable, type OpenedDb } from '../../test/support/databases.js';
import { SearchPathIntrospector } from './search-path-dialect.js';

const pgUp = await postgresAvailable();

/** Creates and drops schemas with a few tables, over and over, until stopped: another test file's or tenant's life. */
function churnSchemas() {
  let stop = false;
  const admin = new pg.Client({ connectionString: PG_URL });
  const done = (async () => {
    await admin.connect();
    while (!stop) {
      const s = `churn_${randomBytes(5).toString('hex')}`;
      await admin.query(`create schema ${s}; ${Array.from({ length: 8 }, (_, i) => `create table ${s}.t${i} (id serial primary key, x text)`).join(';')}`);
      await admin.query(`drop schema ${s} cascade`);
    }
    await admin.end();
  })();
  return async () => {
    stop = true;
    await done;
  };
}

// Regression: a migration failed with 'relation "t_….jobs" does not exist' (CI, stop 27) when another test file dropped
// its schema while Kysely's introspector was reading every schema of the database.
describe.skipIf(!pgUp)('postgres: the introspector reads only the search path', () => {
  let o: OpenedDb;
  let other: OpenedDb;
  beforeAll(async () => {
    [o, other] = await Promise.all([openDb('postgres'), openDb('postgres')]);
  });
  afterAll(async () => {
    await Promise.all([o?.cleanup(), other?.cleanup()]);
  });

  it("sees this schema's tables and bookkeeping, and none of another schema's", async () => {
    const tables = await o.db.kysely.introspection.getTables({ withInternalKyselyTables: true });
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([o.schema]));
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['articles', 'jobs', 'kysely_migration']));
    expect((await o.db.kysely.introspection.getTables()).map((t) => t.name)).not.toContain('kysely_migration');
    const articles = tables.find((t) => t.name === 'articles')!;
    expect(articles.columns.find((c) => c.name === 'id')).toMatchObject({ isAutoIncrementing: true, isNullable: false });
  });

  // Kysely's own introspector, reading alongside, shows that the churn does reach a reader of every schema (about one
  // read in ten fails on this machine), so a clean run of ours is not luck.
  it("is not failed by schemas dropped while it reads, where Kysely's own is", async () => {
    const kyselys = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: PG_URL, max: 1 }) }) });
    const scoped = new SearchPathIntrospector(o.db.kysely);
    const stop = churnSchemas();
    let theirs = 0;
    try {
      for (let i = 0; i < 150; i++) {
        await scoped.getTables({ withInternalKyselyTables: true });
        await kyselys.introspection.getTables().catch(() => theirs++);
      }
    } finally {
      await stop();
      await kyselys.destroy();
    }
    expect(theirs).toBeGreaterThan(0);
  }, 60_000);
});
