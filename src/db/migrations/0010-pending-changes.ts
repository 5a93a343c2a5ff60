import type { Kysely } from 'kysely';

/**
 * Pending changes on a live story: edits to a published (or scheduled) article are saved as revisions that readers
 * never see until someone with the right to publish makes them live.
 *
 * `revisions.pending` marks a revision that holds pending changes instead of the live content, so everything that
 * copies "the article as it stands" from the history (a status move, a scheduled story going live) skips it.
 * `articles.pending_revision` points at the latest one while they wait (null when there are none) and
 * `articles.pending_state` says whether their writer has sent them for review (`draft` or `in_review`). The live
 * columns of the article row are never touched by a pending save: readers, feeds and the page cache read only them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('revisions')
    .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('articles').addColumn('pending_revision', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('pending_state', 'text').execute();
  // The dashboard's "In review" lists pending changes sent for review beside drafts in review.
  await db.schema.createIndex('articles_pending_state_idx').on('articles').columns(['pending_state', 'id']).execute();
}
