import type { Kysely } from 'kysely';

/**
 * The publication's settings that editors decide (issue 13): its name and tagline per language, logo, default
 * language, time zone, social accounts and policy links. One row per setting, its value JSON; a setting without a
 * row takes the environment's value (SITE_NAME, TIMEZONE, DEFAULT_LOCALE), so a first start needs none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}
