import type { ExpressionBuilder, Expression, Kysely, SqlBool } from 'kysely';
import type { ArticleFilter, ArticleResource } from '../content/policy.js';
import type { Status } from '../content/types.js';
import type { Database } from './schema.js';
import { visibleToReaders } from './visibility.js';

/**
 * Who owns an article, and the policy's article filters (content/policy.ts `ArticleFilter`) as SQL. The owners are
 * whoever saved its first revision, every user whose contributor profile is on its byline, and the user the desk
 * assigned to it: `articleOwnerIds` reads them for one article, `articleFilter`'s `owned-by` asks the same of a list.
 */

type K = Kysely<Database>;
type Eb = ExpressionBuilder<Database, 'articles'>;

/** The users who own an article, for the policy's check on it. */
export async function articleOwnerIds(db: K, articleId: number): Promise<number[]> {
  const [creator, bylined, assigned] = await Promise.all([
    db.selectFrom('revisions').select('user_id').where('article_id', '=', articleId).where('number', '=', 1).executeTakeFirst(),
    db
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .select('contributors.user_id')
      .where('article_contributors.article_id', '=', articleId)
      .where('contributors.user_id', 'is not', null)
      .execute(),
    // The desk put this person on the story: they work on it as its writers do.
    db.selectFrom('articles').select('assignee_user_id').where('id', '=', articleId).executeTakeFirst(),
  ]);
  const ids = [creator?.user_id ?? null, ...bylined.map((b) => b.user_id), assigned?.assignee_user_id ?? null].filter((x): x is number => x !== null);
  return [...new Set(ids)];
}

/** What the policy needs to decide on one article (the one place an `ArticleResource` is built). */
export async function articleResource(db: K, row: { id: number; status: string; published_at: string | null }): Promise<ArticleResource> {
  return { ownerIds: await articleOwnerIds(db, row.id), status: row.status as Status, publishedAt: row.published_at };
}

/**
 * The conditions "this user wrote the article" (either one): they saved its first revision, or are on its byline.
 * The "my stories" filters use it alone; the policy's ownership adds the assignee (`ownedFor`).
 */
export function ownedBy(eb: Eb, userId: number) {
  return [
    eb('articles.id', 'in', eb.selectFrom('revisions').select('article_id').where('number', '=', 1).where('user_id', '=', userId)),
    eb(
      'articles.id',
      'in',
      eb
        .selectFrom('article_contributors')
        .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
        .select('article_contributors.article_id')
        .where('contributors.user_id', '=', userId),
    ),
  ];
}

/** The policy's ownership (`articleOwnerIds` includes the user): wrote it, or the desk assigned it to them. */
const ownedFor = (eb: Eb, userId: number) => eb.or([...ownedBy(eb, userId), eb('articles.assignee_user_id', '=', userId)]);

/** A policy filter as a WHERE condition on `articles`, at `now`. */
export const articleFilter =
  (filter: ArticleFilter, now: string) =>
  (eb: Eb): Expression<SqlBool> => {
    switch (filter.kind) {
      case 'all':
        return eb.lit(true);
      case 'none':
        return eb.lit(false);
      case 'visible-to-readers':
        return visibleToReaders(now)(eb);
      case 'owned-by':
        return ownedFor(eb, filter.userId);
      case 'status-in':
        return eb('articles.status', 'in', filter.statuses);
      case 'and':
        return eb.and(filter.of.map((f) => articleFilter(f, now)(eb)));
      case 'or':
        return eb.or(filter.of.map((f) => articleFilter(f, now)(eb)));
    }
  };
