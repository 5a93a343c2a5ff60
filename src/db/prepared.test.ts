import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CamelCasePlugin } from 'kysely';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { connect } from './connect.js';
import { prepared, preparedInsertId, preparedRows } from './prepared.js';

forEachEngine('prepared queries on %s', (engine) => {
  let opened: OpenedDb;
  let compiles = 0;
  const storyAfter = prepared((db, min: number, max: number) => {
    compiles++;
    return db.selectFrom('stories').select(['id', 'created_at']).where('id', '>', min).where('id', '<=', max).where('created_at', '!=', 'never').orderBy('id');
  });
  beforeAll(async () => {
    opened = await openDb(engine);
    await opened.db.kysely
      .insertInto('stories')
      .values([1, 2, 3, 4].map((i) => ({ created_at: `t${i}` })))
      .execute();
  });
  afterAll(async () => opened?.cleanup());

  it('compiles once and binds each call’s own values, keeping literal parameters', async () => {
    const k = opened.db.kysely;
    expect((await storyAfter(k, 1, 3)).map((r) => r.created_at)).toEqual(['t2', 't3']);
    expect((await storyAfter(k, 0, 1)).map((r) => r.created_at)).toEqual(['t1']);
    expect((await storyAfter(k, 3, 9)).map((r) => r.created_at)).toEqual(['t4']);
    expect(compiles).toBe(1);
  });

  it("compiles once for the database and its transactions (an import's every batch is a new handle), not for a handle with plugins", async () => {
    const k = opened.db.kysely;
    let builds = 0;
    const story = prepared((db, id: number) => {
      builds++;
      return db.selectFrom('stories').select('created_at').where('id', '=', id);
    });
    expect(await story(k, 1)).toEqual([{ created_at: 't1' }]);
    for (const id of [2, 3]) expect(await k.transaction().execute((trx) => story(trx, id))).toEqual([{ created_at: `t${id}` }]);
    const trx = await k.startTransaction().execute();
    expect(await story(trx, 4)).toEqual([{ created_at: 't4' }]);
    await trx.commit().execute();
    expect(builds).toBe(1);
    // A plugin may rewrite the query: such a handle compiles its own.
    const camel = k.withPlugin(new CamelCasePlugin());
    expect(await story(camel, 2)).toEqual([{ createdAt: 't2' }]);
    expect(builds).toBe(2);
  });

  it('inserts a row and gives its id, compiled once (SQLite without RETURNING)', async () => {
    const k = opened.db.kysely;
    let builds = 0;
    const insert = preparedInsertId((db, at: string) => {
      builds++;
      return db.insertInto('stories').values({ created_at: at });
    });
    const a = await insert(k, 'made-a');
    const b = await insert(k, 'made-b');
    expect(b).toBeGreaterThan(a);
    const rows = await k.selectFrom('stories').select(['id', 'created_at']).where('id', 'in', [a, b]).orderBy('id').execute();
    expect(rows).toEqual([
      { id: a, created_at: 'made-a' },
      { id: b, created_at: 'made-b' },
    ]);
    expect(builds).toBe(1);
  });

  it('binds more arguments than the 16 it once had stand-ins for', async () => {
    const pad = Array.from({ length: 20 }, (_, i) => `none-${i}`);
    const some = prepared((db, ...values: string[]) => db.selectFrom('stories').select('created_at').where('created_at', 'in', values).orderBy('id'));
    expect((await some(opened.db.kysely, ...pad, 't3')).map((r) => r.created_at)).toEqual(['t3']);
    expect((await some(opened.db.kysely, 't1', ...pad)).map((r) => r.created_at)).toEqual(['t1']);
  });

  it('inserts each number of rows with its own compiled statement, and builds past the most it keeps', async () => {
    const k = opened.db.kysely;
    const counts: number[] = [];
    const insert = preparedRows(
      ['created_at'],
      (db, rows) => {
        counts.push(rows.length);
        return db.insertInto('stories').values(rows as { created_at: string }[]);
      },
      2,
    );
    for (const n of [1, 2, 1, 2, 3, 0])
      await insert(
        k,
        Array.from({ length: n }, (_, i) => ({ created_at: `rows-${n}-${i}` })),
      );
    const made = await k.selectFrom('stories').select('created_at').where('created_at', 'like', 'rows-%').orderBy('id').execute();
    expect(made.map((r) => r.created_at)).toEqual(['rows-1-0', 'rows-2-0', 'rows-2-1', 'rows-1-0', 'rows-2-0', 'rows-2-1', 'rows-3-0', 'rows-3-1', 'rows-3-2']);
    expect(counts).toEqual([1, 2, 3]);
  });

  // Regression (review): on SQLite the id is the connection's last insert id; an insert that wrote nothing (a conflict
  // clause) handed back the previous row's id as if it were its own.
  it('refuses to give an id for an insert that wrote no row, rather than an earlier row’s', async () => {
    const k = opened.db.kysely;
    const tag = preparedInsertId((db, slug: string) =>
      db
        .insertInto('tags')
        .values({ locale: 'en', slug, name: slug })
        .onConflict((oc) => oc.doNothing()),
    );
    const first = await tag(k, 'insert-id-once');
    expect(first).toBeGreaterThan(0);
    await expect(tag(k, 'insert-id-once')).rejects.toThrow(/wrote 0 rows|gave no id/);
  });
});

// Inside a SQLite transaction the prepared queries run on its connection without Kysely's executor (an import's
// records spent more on that way than on SQLite's work): still in the transaction, with SQLite's own errors, and never
// for a handle whose transaction has ended or on a database whose queries are watched.
describe('prepared queries inside a SQLite transaction', () => {
  let opened: OpenedDb;
  beforeAll(async () => {
    opened = await openDb('sqlite');
  });
  afterAll(async () => opened?.cleanup());
  const insert = preparedInsertId((db, at: string) => db.insertInto('stories').values({ created_at: at }));
  const byAt = prepared((db, at: string) => db.selectFrom('stories').select(['id', 'created_at']).where('created_at', '=', at));
  const tagRows = preparedRows(['locale', 'slug', 'name'], (db, rows) =>
    db.insertInto('tags').values(rows as { locale: string; slug: string; name: string }[]),
  );

  it('writes in the transaction (a rollback undoes them) and reads its own writes', async () => {
    const k = opened.db.kysely;
    const trx = await k.startTransaction().execute();
    const id = await insert(trx, 'in-trx');
    expect(await byAt(trx, 'in-trx')).toEqual([{ id, created_at: 'in-trx' }]);
    await tagRows(trx, [{ locale: 'en', slug: 'in-trx', name: 'In' }]);
    await trx.rollback().execute();
    expect(await byAt(k, 'in-trx')).toEqual([]);
    expect(await k.selectFrom('tags').select('id').where('slug', '=', 'in-trx').execute()).toEqual([]);
    const kept = await k.transaction().execute((t) => insert(t, 'committed'));
    expect(await byAt(k, 'committed')).toEqual([{ id: kept, created_at: 'committed' }]);
  });

  it("rejects with SQLite's own error (the importers tell a refused record by its code)", async () => {
    const k = opened.db.kysely;
    await tagRows(k, [{ locale: 'en', slug: 'taken', name: 'Taken' }]);
    const trx = await k.startTransaction().execute();
    await expect(tagRows(trx, [{ locale: 'en', slug: 'taken', name: 'Again' }])).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await trx.rollback().execute();
  });

  it('refuses a handle whose transaction has ended, as Kysely does, even while another transaction is open', async () => {
    const trx = await opened.db.kysely.startTransaction().execute();
    await trx.commit().execute();
    await expect(insert(trx, 'after-commit')).rejects.toThrow(/committed|rolled back/);
    const other = await opened.db.kysely.startTransaction().execute();
    await expect(insert(trx, 'into-another')).rejects.toThrow(/committed|rolled back/);
    await other.commit().execute();
    expect(await byAt(opened.db.kysely, 'after-commit')).toEqual([]);
    expect(await byAt(opened.db.kysely, 'into-another')).toEqual([]);
  });

  it('passes every query through Kysely where queries are watched (onQuery)', async () => {
    const seen: string[] = [];
    const watched = connect(opened.url, { onQuery: (q) => seen.push(q) });
    try {
      await watched.kysely.transaction().execute(async (t) => {
        await insert(t, 'watched');
        await byAt(t, 'watched');
      });
      expect(seen.filter((q) => q.includes('"stories"'))).toHaveLength(2);
    } finally {
      await watched.close();
    }
  });
});
