import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { openDbBefore } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { migrations } from '../migrate.js';

forEachEngine('migration 0028 (redundant indexes): %s', (engine) => {
  it("drops the articles' (story_id) index and keeps the join tables' id-order ones", async () => {
    const { db, cleanup } = await openDbBefore(engine, '0028');
    try {
      const k = db.kysely as Kysely<any>;
      const indexes = async () =>
        engine === 'sqlite'
          ? (await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(k)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(k)).rows.map((r) => r.name);
      expect(await indexes()).toContain('articles_story_idx');
      await migrations['0028-drop-redundant-indexes']!.up(k, engine);
      const after = await indexes();
      expect(after).not.toContain('articles_story_idx');
      expect(after).toEqual(expect.arrayContaining(['articles_story_locale_uq', 'article_tags_tag_idx', 'article_contributors_contributor_idx']));
    } finally {
      await cleanup();
    }
  });
});
