import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

export type ContributorListRow = { id: number; slug: string; name: string };

/** Contributors by id, after `after` (keyset), at most `limit`. */
export async function listContributorsAfter(db: K, after: number, limit: number): Promise<ContributorListRow[]> {
  return db.selectFrom('contributors').select(['id', 'slug', 'name']).where('id', '>', after).orderBy('id').limit(limit).execute();
}

export async function contributorSlugTaken(db: K, slug: string): Promise<boolean> {
  return (await db.selectFrom('contributors').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

/** Slugs that start with `prefix` (to find the next free `name-2`, `name-3`). */
export async function contributorSlugsLike(db: K, prefix: string): Promise<Set<string>> {
  const rows = await db.selectFrom('contributors').select('slug').where('slug', 'like', `${prefix}%`).execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertContributor(db: K, c: { slug: string; name: string }, now: string): Promise<ContributorListRow> {
  return db
    .insertInto('contributors')
    .values({ slug: c.slug, name: c.name, bio: null, user_id: null, created_at: now })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
}
