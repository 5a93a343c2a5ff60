import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { prepared } from './prepared.js';

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
});
