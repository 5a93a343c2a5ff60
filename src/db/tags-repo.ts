import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** A tag as the admin manages it; `articles` counts its stories in any state, `group` its translation group. */
export type TagRecord = { id: number; locale: string; slug: string; name: string; group: number | null; articles: number };

const columns = (db: K) =>
  db
    .selectFrom('tags')
    .select(['tags.id', 'tags.locale', 'tags.slug', 'tags.name', 'tags.translation_group'])
    .select((eb) =>
      eb
        .selectFrom('article_tags')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('article_tags.tag_id', '=', 'tags.id')
        .as('articles'),
    );

type Row = { id: number; locale: string; slug: string; name: string; translation_group: number | null; articles: number | string | null };
const record = (r: Row): TagRecord => ({
  id: r.id,
  locale: r.locale,
  slug: r.slug,
  name: r.name,
  group: r.translation_group,
  articles: Number(r.articles ?? 0),
});

/**
 * One page of tags in (locale, slug) order, after the cursor `after` (keyset: a page costs the same wherever it is).
 * `q` keeps tags whose name contains it as typed or lower-cased, or whose slug contains `qSlug` (the words as a slug,
 * transliterated: SQLite's lower() folds only ASCII, the slug finds "Мир" from "мир").
 */
export async function listTagRecords(
  db: K,
  o: { locale?: string; q?: string; qSlug?: string; after?: { locale: string; slug: string }; limit: number },
): Promise<TagRecord[]> {
  let q = columns(db);
  if (o.locale) q = q.where('tags.locale', '=', o.locale);
  if (o.q) {
    const like = (s: string) => sql<string>`${`%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} escape '\\'`;
    const text = o.q;
    const slug = o.qSlug;
    q = q.where((eb) =>
      eb.or([
        eb('tags.name', 'like', like(text)),
        eb(sql`lower(tags.name)`, 'like', like(text.toLowerCase())),
        ...(slug ? [eb('tags.slug', 'like', like(slug))] : []),
      ]),
    );
  }
  if (o.after) {
    const a = o.after;
    q = q.where((eb) => eb.or([eb('tags.locale', '>', a.locale), eb.and([eb('tags.locale', '=', a.locale), eb('tags.slug', '>', a.slug)])]));
  }
  const rows = await q.orderBy('tags.locale').orderBy('tags.slug').limit(o.limit).execute();
  return rows.map(record);
}

export async function tagRecord(db: K, id: number): Promise<TagRecord | undefined> {
  const r = await columns(db).where('tags.id', '=', id).executeTakeFirst();
  return r && record(r);
}

export async function tagRecordBySlug(db: K, locale: string, slug: string): Promise<TagRecord | undefined> {
  const r = await columns(db).where('tags.locale', '=', locale).where('tags.slug', '=', slug).executeTakeFirst();
  return r && record(r);
}

/** The tags of a translation group, one per language. */
export async function groupMembers(db: K, group: number): Promise<TagRecord[]> {
  return (await columns(db).where('tags.translation_group', '=', group).orderBy('tags.locale').execute()).map(record);
}

export async function insertTag(db: K, t: { locale: string; slug: string; name: string }): Promise<number> {
  return (await db.insertInto('tags').values(t).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTagRow(db: K, id: number, t: { slug?: string; name?: string; translation_group?: number | null }): Promise<void> {
  if (Object.keys(t).length) await db.updateTable('tags').set(t).where('id', '=', id).execute();
}

/** A translation group number no tag holds yet. */
export async function freshGroup(db: K): Promise<number> {
  const r = await db
    .selectFrom('tags')
    .select([sql<number | null>`max(translation_group)`.as('g'), sql<number | null>`max(id)`.as('i')])
    .executeTakeFirst();
  return Math.max(Number(r?.g ?? 0), Number(r?.i ?? 0)) + 1;
}

export async function setGroupOf(db: K, fromGroup: number, toGroup: number): Promise<void> {
  await db.updateTable('tags').set({ translation_group: toGroup }).where('translation_group', '=', fromGroup).execute();
}

/** Ids of the articles carrying a tag. */
export async function articlesWithTag(db: K, tagId: number): Promise<number[]> {
  return (await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute()).map((r) => r.article_id);
}

/**
 * Gives the target tag to every article of the source (with the listing columns copied, as syncListing keeps them),
 * then removes the source tag and its rows.
 */
/** Ids of the articles (any state) carrying a tag, in id order after `after`, at most `limit`: for walking them in batches. */
export async function tagArticleIds(db: K, tagId: number, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_tags')
    .select('article_id')
    .where('tag_id', '=', tagId)
    .where('article_id', '>', after)
    .orderBy('article_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.article_id);
}

export async function mergeTagRows(db: K, fromId: number, toId: number): Promise<void> {
  const rows = await db.selectFrom('article_tags').selectAll().where('tag_id', '=', fromId).execute();
  const already = new Set((await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', toId).execute()).map((r) => r.article_id));
  const add = rows.filter((r) => !already.has(r.article_id)).map((r) => ({ ...r, tag_id: toId }));
  if (add.length) await db.insertInto('article_tags').values(add).execute();
  await deleteTagRow(db, fromId);
}

export async function deleteTagRow(db: K, id: number): Promise<void> {
  await db.deleteFrom('article_tags').where('tag_id', '=', id).execute();
  await db.deleteFrom('tags').where('id', '=', id).execute();
}

/** The equivalents in `locale` of these tags through their translation groups: source tag id -> equivalent id. */
export async function equivalentTags(db: K, tagIds: number[], locale: string): Promise<Map<number, number>> {
  if (tagIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tags as src')
    .innerJoin('tags as eq', (j) => j.onRef('eq.translation_group', '=', 'src.translation_group').on('eq.locale', '=', locale))
    .select(['src.id as src', 'eq.id as id'])
    .where('src.id', 'in', tagIds)
    .execute();
  return new Map(rows.map((r) => [r.src, r.id]));
}
