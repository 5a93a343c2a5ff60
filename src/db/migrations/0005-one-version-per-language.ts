import type { Kysely } from 'kysely';

/** A story has at most one version per language: two concurrent "translate" requests must not both succeed. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_story_locale_uq').on('articles').columns(['story_id', 'locale']).unique().execute();
}
