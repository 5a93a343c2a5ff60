import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { openDbBefore, type Engine } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { mediaSearchTerms, wireSearchTerms } from '../../content/search-terms.js';
import { migrations } from '../migrate.js';

/** Ids of `table` whose text has a word starting with `prefix`, through the index 0026 made. */
const matching = async (k: Kysely<any>, engine: Engine, table: string, prefix: string) => {
  const { rows } =
    engine === 'sqlite'
      ? await sql<{ id: number }>`select rowid as id from ${sql.raw(`${table}_fts`)} where ${sql.raw(`${table}_fts`)} match ${`"${prefix}" *`}`.execute(k)
      : await sql<{ id: number }>`select row_id as id from ${sql.raw(`${table}_search`)} where document @@ to_tsquery('simple', ${`'${prefix}':*`})`.execute(k);
  return rows.map((r) => Number(r.id));
};

forEachEngine('migration 0026 (search features): %s', (engine) => {
  it('indexes the media and wire rows that exist, keeps the index in step after, and drops articles.search_text', async () => {
    const { db, cleanup } = await openDbBefore(engine, '0026');
    try {
      const k = db.kysely as Kysely<any>;
      const at = '2026-01-01T00:00:00.000Z';
      const { id: media } = await k
        .insertInto('media')
        .values({
          path: '/media/a.jpg',
          mime: 'image/jpeg',
          width: 1,
          height: 1,
          alt: 'Митинг у акимата',
          credit: null,
          created_at: at,
          search_text: 'митинг у акимата',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: partner } = await k
        .insertInto('partners')
        .values({ name: 'P', url: 'https://p.example', locale: 'ru', licence: 'x', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: wire } = await k
        .insertInto('wire_items')
        .values({ partner_id: partner, guid: 'g', title: 'Суд отменил снос', fetched_at: at, search_text: 'суд отменил снос домов' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await migrations['0026-search-features']!.up(k, engine);
      // Rows written before are re-analysed by the migration: the wire story's text is its own again, not what was stored.
      expect(await matching(k, engine, 'wire_items', 'дом')).toEqual([]);
      expect(await matching(k, engine, 'media', 'митинг')).toEqual([media]);
      expect(await matching(k, engine, 'wire_items', 'снос')).toEqual([wire]);
      await k.updateTable('media').set({ search_text: 'пикет' }).where('id', '=', media).execute();
      expect(await matching(k, engine, 'media', 'митинг')).toEqual([]);
      expect(await matching(k, engine, 'media', 'пикет')).toEqual([media]);
      await k.deleteFrom('wire_items').where('id', '=', wire).execute();
      expect(await matching(k, engine, 'wire_items', 'снос')).toEqual([]);
      await expect(sql`select search_text from articles`.execute(k)).rejects.toThrow(/search_text/);
    } finally {
      await cleanup();
    }
  });

  // Issue 15 review: the backfill indexed the old raw text, lower-cased by SQL (ASCII only on SQLite), with «quotes»
  // and no-break spaces inside FTS5's words, so the engines found different rows until `masthead search reindex`.
  it('finds rows written before it with Cyrillic capitals and «quotes» the same on both engines right after migrating', async () => {
    const { db, cleanup } = await openDbBefore(engine, '0026');
    try {
      const k = db.kysely as Kysely<any>;
      const at = '2026-01-01T00:00:00.000Z';
      const alt = 'Митинг у «Акимата»';
      const { id: media } = await k
        .insertInto('media')
        .values({ path: '/media/b.jpg', mime: 'image/jpeg', width: 1, height: 1, alt, credit: 'Фото:\u00a0ТАСС', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { id: partner } = await k
        .insertInto('partners')
        .values({ name: 'P', url: 'https://p.example', locale: 'ru', licence: 'x', created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const wire = { title: 'Суд\u00a0ОТМЁНИЛ «Снос»', author: null, summary: 'Жители «Алатау» довольны', content_html: null, language: 'ru' };
      const { id: item } = await k
        .insertInto('wire_items')
        .values({ partner_id: partner, guid: 'g', fetched_at: at, ...wire })
        .returning('id')
        .executeTakeFirstOrThrow();
      // What the app stored before 0026 (as migration 0007 backfilled it): the text lower-cased by the engine's SQL.
      await sql`update media set search_text = lower(alt || ' ' || coalesce(credit, ''))`.execute(k);
      await sql`update wire_items set search_text = lower(title || ' ' || coalesce(summary, ''))`.execute(k);
      await migrations['0026-search-features']!.up(k, engine);
      const row = await k.selectFrom('media').select('search_text').where('id', '=', media).executeTakeFirstOrThrow();
      expect(row.search_text).toBe(mediaSearchTerms({ alt, caption: null, credit: 'Фото:\u00a0ТАСС' }));
      const w = await k.selectFrom('wire_items').select('search_text').where('id', '=', item).executeTakeFirstOrThrow();
      expect(w.search_text).toBe(wireSearchTerms({ ...wire, contentHtml: null }));
      for (const term of ['митинг', 'акимат', 'тасс']) expect(await matching(k, engine, 'media', term), term).toEqual([media]);
      for (const term of ['суд', 'отмен', 'снос', 'алата', 'жител']) expect(await matching(k, engine, 'wire_items', term), term).toEqual([item]);
    } finally {
      await cleanup();
    }
  });
});
