import { sql, type Kysely } from 'kysely';
import { placementUnder, treeOrder } from '../content/section-tree.js';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** A section as the admin edits it: per-language names and descriptions keyed by locale. */
export type SectionRecord = {
  id: number;
  slug: string;
  position: number;
  hidden: boolean;
  /** The section it sits under; null: top level. */
  parentId: number | null;
  names: Record<string, string>;
  descriptions: Record<string, string>;
  /** Articles in the section, in any language and state. */
  articles: number;
  createdAt: string;
};

/**
 * Every section in tree order (each one's sub-sections right after it; siblings by position, then id), with its
 * names, descriptions and article count.
 */
export async function listSectionRecords(db: K, where?: { id?: number; slug?: string }): Promise<SectionRecord[]> {
  let q = db.selectFrom('sections').select(['id', 'slug', 'position', 'hidden', 'parent_id', 'created_at']);
  if (where?.id !== undefined) q = q.where('id', '=', where.id);
  if (where?.slug !== undefined) q = q.where('slug', '=', where.slug);
  const rows = await q.orderBy('position').orderBy('id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [names, counts] = await Promise.all([
    db.selectFrom('section_names').select(['section_id', 'locale', 'name', 'description']).where('section_id', 'in', ids).execute(),
    db
      .selectFrom('articles')
      .select(['section_id', sql<number>`count(*)`.as('n')])
      .where('section_id', 'in', ids)
      .groupBy('section_id')
      .execute(),
  ]);
  const records = rows.map((r) => {
    const mine = names.filter((n) => n.section_id === r.id);
    return {
      id: r.id,
      slug: r.slug,
      position: r.position,
      hidden: r.hidden === 1,
      parentId: r.parent_id,
      names: Object.fromEntries(mine.map((n) => [n.locale, n.name])),
      descriptions: Object.fromEntries(mine.filter((n) => n.description).map((n) => [n.locale, n.description!])),
      articles: Number(counts.find((c) => c.section_id === r.id)?.n ?? 0),
      createdAt: r.created_at,
    };
  });
  return treeOrder(records).map(({ depth: _depth, ...r }) => r);
}

export async function sectionIdBySlug(db: K, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function insertSection(db: K, s: { slug: string; position: number; hidden: boolean; parentId?: number | null }, now: string): Promise<number> {
  return (
    await db
      .insertInto('sections')
      .values({ slug: s.slug, position: s.position, hidden: s.hidden ? 1 : 0, parent_id: s.parentId ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export async function updateSectionRow(db: K, id: number, s: { slug?: string; position?: number; hidden?: boolean; parentId?: number | null }): Promise<void> {
  const set = {
    ...(s.slug === undefined ? {} : { slug: s.slug }),
    ...(s.parentId === undefined ? {} : { parent_id: s.parentId }),
    ...(s.position === undefined ? {} : { position: s.position }),
    ...(s.hidden === undefined ? {} : { hidden: s.hidden ? 1 : 0 }),
  };
  if (Object.keys(set).length) await db.updateTable('sections').set(set).where('id', '=', id).execute();
}

/** Replaces the section's text in the given locales; a locale with neither name nor description loses its row. */
export async function setSectionTexts(db: K, id: number, texts: Record<string, { name: string | null; description: string | null }>): Promise<void> {
  for (const [locale, t] of Object.entries(texts)) {
    if (!t.name) {
      await db.deleteFrom('section_names').where('section_id', '=', id).where('locale', '=', locale).execute();
      continue;
    }
    await db
      .insertInto('section_names')
      .values({ section_id: id, locale, name: t.name, description: t.description })
      .onConflict((oc) => oc.columns(['section_id', 'locale']).doUpdateSet({ name: t.name!, description: t.description }))
      .execute();
  }
}

export async function maxSectionPosition(db: K): Promise<number> {
  const r = await db
    .selectFrom('sections')
    .select(sql<number | null>`max(position)`.as('p'))
    .executeTakeFirst();
  return Number(r?.p ?? 0);
}

/** Moves every article of one section to another; returns the moved articles' ids. */
export async function moveSectionArticles(db: K, fromId: number, toId: number): Promise<number[]> {
  const ids = (await db.selectFrom('articles').select('id').where('section_id', '=', fromId).execute()).map((r) => r.id);
  if (ids.length) await db.updateTable('articles').set({ section_id: toId }).where('section_id', '=', fromId).execute();
  return ids;
}

/** An arbitrary constant naming the section tree's advisory lock on PostgreSQL. */
const SECTION_TREE_LOCK = 0x5ec7_1014;

/**
 * Serialises changes to the section tree until the transaction ends. Each move is checked against the tree as its
 * transaction reads it: two moves checked at once (a under b, b under a) would each pass and together make a loop.
 * PostgreSQL takes a transaction-scoped advisory lock; SQLite has one writer, taken here by a write that changes nothing.
 */
export async function lockSectionTree(db: K, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(SECTION_TREE_LOCK)})`.execute(db);
  else
    await db
      .updateTable('sections')
      .set({ id: sql`id` })
      .where(sql<boolean>`0`)
      .execute();
}

/** Every section's id and parent: what the tree rules (no loop, a bounded depth) are checked against. */
export async function sectionParents(db: K): Promise<{ id: number; parentId: number | null }[]> {
  return (await db.selectFrom('sections').select(['id', 'parent_id']).execute()).map((r) => ({ id: r.id, parentId: r.parent_id }));
}

/** Moves the sub-sections of one section under another (null: to the top level); returns the moved sections' ids. */
export async function moveSubsections(db: K, fromId: number, toId: number | null): Promise<number[]> {
  const ids = (await db.selectFrom('sections').select('id').where('parent_id', '=', fromId).execute()).map((r) => r.id);
  if (ids.length) await db.updateTable('sections').set({ parent_id: toId }).where('parent_id', '=', fromId).execute();
  return ids;
}

/** placementUnder (content/section-tree.ts) against the tree as the database holds it, read in one query. */
export async function sectionPlacement(db: K, parentId: number, childId: number | undefined, maxDepth: number): Promise<number | null> {
  return placementUnder(await sectionParents(db), parentId, childId, maxDepth);
}

export async function deleteSectionRow(db: K, id: number): Promise<void> {
  await db.deleteFrom('section_names').where('section_id', '=', id).execute();
  await db.deleteFrom('front_page_sections').where('section_id', '=', id).execute();
  await db.deleteFrom('sections').where('id', '=', id).execute();
}

/**
 * A redirect from an old list address (a section's or a tag's) to its new one. Redirects that led to the old address
 * are pointed at the new one, so a reader follows one 301, never a chain; a redirect from the new address (an earlier
 * rename back) goes, as the address is live again.
 */
export async function putPathRedirect(db: K, fromPath: string, toPath: string, now: string): Promise<void> {
  await db.deleteFrom('redirects').where('from_path', '=', toPath).execute();
  await db.updateTable('redirects').set({ to_path: toPath }).where('to_path', '=', fromPath).execute();
  await db
    .insertInto('redirects')
    .values({ from_path: fromPath, article_id: null, to_path: toPath, created_at: now })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ article_id: null, to_path: toPath, created_at: now }))
    .execute();
}
