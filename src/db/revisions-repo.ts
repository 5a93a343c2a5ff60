import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { prepared } from './prepared.js';

/** Revisions: every save of an article, kept whole (the snapshot of its input). */

type K = Kysely<Database>;

// Prepared: every save writes one, and an import one per record.
const insertRevisionQuery = prepared((db, articleId: number, number: number, userId: number | null, snapshot: string, createdAt: string, pending: number) =>
  db.insertInto('revisions').values({ article_id: articleId, number, user_id: userId, snapshot, created_at: createdAt, pending }),
);

/**
 * `bodyJson`: the snapshot's `body` as JSON already (the article row's `body` column, JSON.stringify of the same
 * value), spliced in rather than stringified a second time: the body is most of a snapshot's text.
 */
export async function insertRevision(
  db: K,
  r: { articleId: number; number: number; userId: number | null; snapshot: unknown; createdAt: string; pending?: boolean; bodyJson?: string },
) {
  const text = r.bodyJson === undefined ? JSON.stringify(r.snapshot) : stringifyWithBody(r.snapshot as Record<string, unknown>, r.bodyJson);
  await insertRevisionQuery(db, r.articleId, r.number, r.userId, text, r.createdAt, r.pending ? 1 : 0);
}

// A string no snapshot holds (a NUL and a random id, made per process), put in the body's place and then replaced.
const BODY_MARK = `\u0000${randomUUID()}\u0000`;
const BODY_MARK_JSON = JSON.stringify(BODY_MARK);

/** JSON.stringify(snapshot), byte for byte, with `bodyJson` (JSON.stringify(snapshot.body)) as the body's text. */
export function stringifyWithBody(snapshot: Record<string, unknown>, bodyJson: string): string {
  if (snapshot['body'] === undefined) return JSON.stringify(snapshot);
  // The spread keeps `body` where it was among the keys, so the text is the one JSON.stringify would give.
  const text = JSON.stringify({ ...snapshot, body: BODY_MARK });
  const at = text.indexOf(BODY_MARK_JSON);
  return `${text.slice(0, at)}${bodyJson}${text.slice(at + BODY_MARK_JSON.length)}`;
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
