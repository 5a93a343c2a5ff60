import type { Kysely } from 'kysely';

/**
 * Sections and tags edited in the admin (issue 13): a section can be hidden from the menu and described per language;
 * a tag can be linked to the tags that say the same in other languages (a translation group: a number they share),
 * so a translation of a story carries the equivalents. A group holds at most one tag per language.
 *
 * Renamed and merged sections and tags keep their old addresses in `redirects` (`to_path`), which exists since 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sections')
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('section_names').addColumn('description', 'text').execute();
  await db.schema.alterTable('tags').addColumn('translation_group', 'integer').execute();
  await db.schema.createIndex('tags_translation_group_uq').on('tags').columns(['translation_group', 'locale']).unique().execute();
}
