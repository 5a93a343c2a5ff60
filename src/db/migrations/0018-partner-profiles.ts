import type { Kysely } from 'kysely';

/**
 * Partner outlets edited in the admin (issue 13): a logo from the media library, whether the partnership is active
 * (an inactive partner stays on the stories it is credited on, and is no longer offered for new ones), and per
 * language the outlet's name and the credit line readers see ("This story was first published by …"). `partners.name`
 * stays: the name in the outlet's own language and the fallback of every other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('partners')
    .addColumn('logo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('partners')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('partners').addColumn('updated_at', 'text').execute();
  await db.schema
    .createTable('partner_texts')
    .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('credit_line', 'text')
    .addPrimaryKeyConstraint('partner_texts_pk', ['partner_id', 'locale'])
    .execute();
}
