import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Revisions: every save of an article, kept whole (the snapshot of its input). */

type K = Kysely<Database>;

export async function insertRevision(
  db: K,
  r: { articleId: number; number: number; userId: number | null; snapshot: unknown; createdAt: string; pending?: boolean },
) {
  await db
    .insertInto('revisions')
    .values({
      article_id: r.articleId,
      number: r.number,
      user_id: r.userId,
      snapshot: JSON.stringify(r.snapshot),
      created_at: r.createdAt,
      pending: r.pending ? 1 : 0,
    })
    .execute();
}

/** The number of the latest revision holding the live content (not pending changes), or null. */
export async function latestLiveRevision(db: K, articleId: number): Promise<number | null> {
  const row = await db
    .selectFrom('revisions')
    .select('number')
    .where('article_id', '=', articleId)
    .where('pending', '=', 0)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.number ?? null;
}

export async function listRevisions(db: K, articleId: number) {
  return db.selectFrom('revisions').selectAll().where('article_id', '=', articleId).orderBy('number').execute();
}

/** One revision as the history shows it: who saved it (if a user did; an API key or a deleted account leave null). */
export type RevisionRow = { number: number; created_at: string; user_id: number | null; user_name: string | null; snapshot: string; pending: number };

const revisionsWithUsers = (db: K, articleId: number) =>
  db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.user_id')
    .select(['revisions.number', 'revisions.created_at', 'revisions.user_id', 'users.name as user_name', 'revisions.snapshot', 'revisions.pending'])
    .where('revisions.article_id', '=', articleId);

export async function listRevisionsWithUsers(db: K, articleId: number): Promise<RevisionRow[]> {
  return revisionsWithUsers(db, articleId).orderBy('revisions.number').execute();
}

export async function getRevision(db: K, articleId: number, number: number): Promise<RevisionRow | undefined> {
  return revisionsWithUsers(db, articleId).where('revisions.number', '=', number).executeTakeFirst();
}
