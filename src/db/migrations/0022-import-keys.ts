import type { Kysely } from 'kysely';

/**
 * What an import made of each record of its source (issue 14): a WordPress site's post 41 is this article, its
 * author `ngrishina` this contributor. A re-run finds its records here and updates or skips them instead of making
 * them again; the row is written in the transaction that makes the record, so a run killed half-way leaves nothing
 * made and unrecorded. `checksum` is the source record's as last imported (unchanged: nothing to do), `local_revision`
 * the article revision the import wrote (another one means an editor changed it since: not overwritten).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_keys')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    .addColumn('local_revision', 'integer')
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_keys_pk', ['source', 'kind', 'source_id'])
    .execute();
}
