import type { Kysely } from 'kysely';

/**
 * Sections in a hierarchy (issue 14: WordPress categories keep theirs): `sections.parent_id` names the section a
 * sub-section sits under, null for a top-level one. The services keep it acyclic and a few levels deep
 * (services/sections.ts); deleting or merging a section moves its children to its own parent first, so `on delete set
 * null` only guards a row deleted outside them (it then becomes top-level, never dangling). Addresses stay flat
 * (`/{lang}/section/{slug}`): a move changes no URL. The index serves "the children of" (a section's page, a delete).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sections')
    .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('sections_parent').on('sections').column('parent_id').execute();
}
