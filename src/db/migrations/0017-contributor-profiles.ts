import type { Kysely } from 'kysely';

/**
 * Contributor profiles edited in the admin (issue 13): a name, a bio and a role title per language (a byline on the
 * Russian page reads "Наталья Гришина", on the English one "Natalya Grishina"), a photo from the media library, an
 * email address and social links. `contributors.name` and `.bio` stay: the contributor's own name and bio, shown in
 * a language that has none of its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('contributors')
    .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('contributors').addColumn('email', 'text').execute();
  // JSON text: an array of https URLs (schema.org `sameAs`).
  await db.schema
    .alterTable('contributors')
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('contributors').addColumn('updated_at', 'text').execute();
  await db.schema
    .createTable('contributor_texts')
    .addColumn('contributor_id', 'integer', (c) => c.notNull().references('contributors.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('bio', 'text')
    .addColumn('title', 'text')
    .addPrimaryKeyConstraint('contributor_texts_pk', ['contributor_id', 'locale'])
    .execute();
}
