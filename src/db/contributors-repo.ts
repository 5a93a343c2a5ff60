import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

export type ContributorListRow = { id: number; slug: string; name: string };

/** Contributors by id, after `after` (keyset), at most `limit`. */
export async function listContributorsAfter(db: K, after: number, limit: number): Promise<ContributorListRow[]> {
  return db.selectFrom('contributors').select(['id', 'slug', 'name']).where('id', '>', after).orderBy('id').limit(limit).execute();
}

/** The ids of the contributors with these slugs (the ones that exist). */
export async function contributorIdsBySlug(db: K, slugs: string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('contributors').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
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
    .values({ slug: c.slug, name: c.name, bio: null, user_id: null, created_at: now, updated_at: now })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
}

/** A contributor as their profile page in the admin edits it: per-language texts keyed by locale. */
export type ContributorRecord = {
  id: number;
  slug: string;
  /** Their own name and bio: what a language without its own shows. */
  name: string;
  bio: string | null;
  names: Record<string, string>;
  bios: Record<string, string>;
  titles: Record<string, string>;
  email: string | null;
  links: string[];
  photoMediaId: number | null;
  userId: number | null;
  /** Stories with them on the byline, in any language, state and role. */
  articles: number;
  createdAt: string;
  updatedAt: string | null;
};

/** Contributors with their texts and story counts: by id or slug, or a keyset page by id. */
export async function listContributorRecords(
  db: K,
  where: { id?: number; slug?: string; ids?: number[]; after?: number; limit?: number } = {},
): Promise<ContributorRecord[]> {
  let q = db
    .selectFrom('contributors')
    .select(['id', 'slug', 'name', 'bio', 'email', 'links', 'photo_media_id', 'user_id', 'created_at', 'updated_at'])
    .orderBy('id');
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.slug !== undefined) q = q.where('slug', '=', where.slug);
  if (where.ids !== undefined) q = where.ids.length ? q.where('id', 'in', where.ids) : q.where(sql<boolean>`1 = 0`);
  if (where.after !== undefined) q = q.where('id', '>', where.after);
  if (where.limit !== undefined) q = q.limit(where.limit);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [texts, counts] = await Promise.all([
    db.selectFrom('contributor_texts').select(['contributor_id', 'locale', 'name', 'bio', 'title']).where('contributor_id', 'in', ids).execute(),
    db
      .selectFrom('article_contributors')
      .select(['contributor_id', sql<number>`count(distinct article_id)`.as('n')])
      .where('contributor_id', 'in', ids)
      .groupBy('contributor_id')
      .execute(),
  ]);
  return rows.map((r) => {
    const mine = texts.filter((t) => t.contributor_id === r.id);
    const keyed = (f: 'name' | 'bio' | 'title') => Object.fromEntries(mine.filter((t) => t[f]).map((t) => [t.locale, t[f]!]));
    return {
      id: r.id,
      slug: r.slug,
      name: r.name,
      bio: r.bio,
      names: keyed('name'),
      bios: keyed('bio'),
      titles: keyed('title'),
      email: r.email,
      links: parseLinks(r.links),
      photoMediaId: r.photo_media_id,
      userId: r.user_id,
      articles: Number(counts.find((c) => c.contributor_id === r.id)?.n ?? 0),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export function parseLinks(text: string | null | undefined): string[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export async function updateContributorRow(
  db: K,
  id: number,
  c: { slug?: string; name?: string; bio?: string | null; email?: string | null; links?: string[]; photoMediaId?: number | null; userId?: number | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('contributors')
    .set({
      updated_at: now,
      ...(c.slug === undefined ? {} : { slug: c.slug }),
      ...(c.name === undefined ? {} : { name: c.name }),
      ...(c.bio === undefined ? {} : { bio: c.bio }),
      ...(c.email === undefined ? {} : { email: c.email }),
      ...(c.links === undefined ? {} : { links: JSON.stringify(c.links) }),
      ...(c.photoMediaId === undefined ? {} : { photo_media_id: c.photoMediaId }),
      ...(c.userId === undefined ? {} : { user_id: c.userId }),
    })
    .where('id', '=', id)
    .execute();
}

export type ContributorText = { name: string | null; bio: string | null; title: string | null };

/** Replaces the contributor's texts in the given locales; a locale left with no text loses its row. */
export async function setContributorTexts(db: K, id: number, texts: Record<string, ContributorText>): Promise<void> {
  for (const [locale, t] of Object.entries(texts)) {
    if (!t.name && !t.bio && !t.title) {
      await db.deleteFrom('contributor_texts').where('contributor_id', '=', id).where('locale', '=', locale).execute();
      continue;
    }
    const values = { name: t.name || null, bio: t.bio || null, title: t.title || null };
    await db
      .insertInto('contributor_texts')
      .values({ contributor_id: id, locale, ...values })
      .onConflict((oc) => oc.columns(['contributor_id', 'locale']).doUpdateSet(values))
      .execute();
  }
}

/** The stories with this contributor on the byline (any language, state and role). */
export async function contributorArticleIds(db: K, id: number): Promise<number[]> {
  const rows = await db.selectFrom('article_contributors').select('article_id').distinct().where('contributor_id', '=', id).execute();
  return rows.map((r) => r.article_id);
}

/** Ids of the articles (any state) crediting a contributor, in id order after `after`, at most `limit` (batches). */
export async function contributorArticleIdsAfter(db: K, id: number, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_contributors')
    .select('article_id')
    .distinct()
    .where('contributor_id', '=', id)
    .where('article_id', '>', after)
    .orderBy('article_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.article_id);
}

/**
 * Puts `toId` on every byline `fromId` is on, in the same role and place. Where the story already credits `toId` in
 * that role, the duplicate line goes. Returns the stories that changed.
 */
export async function moveContributorBylines(db: K, fromId: number, toId: number): Promise<number[]> {
  const moved = await contributorArticleIds(db, fromId);
  if (moved.length === 0) return moved;
  await db
    .deleteFrom('article_contributors')
    .where('contributor_id', '=', fromId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_contributors as x')
          .select('x.article_id')
          .whereRef('x.article_id', '=', 'article_contributors.article_id')
          .whereRef('x.role', '=', 'article_contributors.role')
          .where('x.contributor_id', '=', toId),
      ),
    )
    .execute();
  await db.updateTable('article_contributors').set({ contributor_id: toId }).where('contributor_id', '=', fromId).execute();
  return moved;
}

export async function deleteContributorRow(db: K, id: number): Promise<void> {
  await db.deleteFrom('contributor_texts').where('contributor_id', '=', id).execute();
  await db.deleteFrom('contributors').where('id', '=', id).execute();
}

/** Per-language names for the seed: written only where none is stored yet, so an editor's change is kept. */
export async function addMissingContributorNames(db: K, id: number, names: Partial<Record<string, string>>): Promise<void> {
  for (const [locale, name] of Object.entries(names)) {
    if (!name) continue;
    await db
      .insertInto('contributor_texts')
      .values({ contributor_id: id, locale, name, bio: null, title: null })
      .onConflict((oc) => oc.columns(['contributor_id', 'locale']).doNothing())
      .execute();
  }
}
