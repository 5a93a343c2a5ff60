import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/**
 * What pick lists offer (the article editor's, the article list's filters): every contributor, partner and tag of a
 * language, by name.
 */

export async function listContributorNames(db: K): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('contributors').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

/** Active partners, and `keepId` (the one a story already credits) even when it is no longer active. */
export async function listPartnerNames(db: K, keepId?: number | null): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('partners')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('active', '=', 1), eb('id', '=', keepId ?? 0)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function listTagsOfLocale(db: K, locale: string): Promise<{ id: number; slug: string; name: string }[]> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('locale', '=', locale).orderBy('name').orderBy('id').execute();
}

export async function tagsWithIds(db: K, ids: number[]): Promise<{ id: number; slug: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('tags')
    .select(['id', 'slug', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Headlines of articles by id, with what decides whether readers see them (the story's other language versions). */
export async function headlinesOf(db: K, ids: number[]): Promise<Map<number, { headline: string; status: string; publishedAt: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'headline', 'status', 'published_at']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { headline: r.headline, status: r.status, publishedAt: r.published_at }]));
}
