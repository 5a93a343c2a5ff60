import { sql, type Insertable, type Kysely } from 'kysely';
import type { LibraryImage } from '../content/media.js';
import { treeOrder } from '../content/section-tree.js';
import { parseLinks } from './contributors-repo.js';
import { toLibraryImage } from './media-repo.js';
import type { Database, RedirectsTable } from './schema.js';
import { preparedInsertId, preparedRows } from './prepared.js';

type K = Kysely<Database>;

/** `hidden`: left out of the menu (its pages stay); `parentId`: the section it sits under (migration 0027), null at the top. */
export type SectionWithName = {
  id: number;
  slug: string;
  name: string;
  position: number;
  parentId: number | null;
  hidden?: boolean;
  description?: string | null;
};
export type ContributorRow = {
  id: number;
  slug: string;
  name: string;
  bio: string | null;
  title: string | null;
  links: string[];
  /** `image` has no renditions for a plain file (the demo's SVGs): show `path` then. */
  photo: { path: string; image: LibraryImage; width: number; height: number } | null;
};

/** Sections in tree order (each one's sub-sections after it, siblings by position), named in the locale (the slug stands in for a missing name). */
export async function listSections(db: K, locale: string): Promise<SectionWithName[]> {
  const rows = await db
    .selectFrom('sections')
    .leftJoin('section_names', (j) => j.onRef('section_names.section_id', '=', 'sections.id').on('section_names.locale', '=', locale))
    .select(['sections.id', 'sections.slug', 'sections.position', 'sections.hidden', 'sections.parent_id', 'section_names.name', 'section_names.description'])
    .orderBy('sections.position')
    .orderBy('sections.id')
    .execute();
  const sections = rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    position: r.position,
    name: r.name ?? r.slug,
    parentId: r.parent_id,
    ...(r.hidden ? { hidden: true } : {}),
    ...(r.description ? { description: r.description } : {}),
  }));
  return treeOrder(sections).map(({ depth: _depth, ...s }) => s);
}

export async function findTag(db: K, locale: string, slug: string) {
  return db.selectFrom('tags').select(['id', 'slug', 'name', 'locale']).where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
}

/**
 * A contributor's public profile in a language: name, bio and role title in it where they have one, else their own
 * name and bio (migration 0017); the photo's library row and their links.
 */
export async function findContributor(db: K, slug: string, locale: string): Promise<ContributorRow | undefined> {
  const r = await db
    .selectFrom('contributors')
    .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').on('ct.locale', '=', locale))
    .leftJoin('media as cm', 'cm.id', 'contributors.photo_media_id')
    .select([
      'contributors.id',
      'contributors.slug',
      sql<string>`coalesce(ct.name, contributors.name)`.as('name'),
      sql<string | null>`coalesce(ct.bio, contributors.bio)`.as('bio'),
      'ct.title',
      'contributors.links',
      'cm.id as photo_id',
      'cm.path as photo_path',
      'cm.width as photo_width',
      'cm.height as photo_height',
      'cm.alt as photo_alt',
      'cm.caption as photo_caption',
      'cm.credit as photo_credit',
      'cm.focal_x as photo_focal_x',
      'cm.focal_y as photo_focal_y',
      'cm.renditions as photo_renditions',
    ])
    .where('contributors.slug', '=', slug)
    .executeTakeFirst();
  if (!r) return undefined;
  const photo =
    r.photo_id === null || r.photo_path === null
      ? null
      : {
          path: r.photo_path,
          image: toLibraryImage({
            id: r.photo_id,
            width: r.photo_width!,
            height: r.photo_height!,
            alt: r.photo_alt,
            caption: r.photo_caption,
            credit: r.photo_credit,
            focal_x: r.photo_focal_x,
            focal_y: r.photo_focal_y,
            renditions: r.photo_renditions,
          }),
          width: r.photo_width!,
          height: r.photo_height!,
        };
  return { id: r.id, slug: r.slug, name: r.name, bio: r.bio, title: r.title ?? null, links: parseLinks(r.links), photo };
}

export async function upsertSection(db: K, s: { slug: string; position: number; names: Record<string, string> }, now: string): Promise<number> {
  const existing = await db.selectFrom('sections').select('id').where('slug', '=', s.slug).executeTakeFirst();
  const id =
    existing?.id ??
    (await db.insertInto('sections').values({ slug: s.slug, position: s.position, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  for (const [locale, name] of Object.entries(s.names)) {
    await db
      .insertInto('section_names')
      .values({ section_id: id, locale, name })
      .onConflict((oc) => oc.columns(['section_id', 'locale']).doUpdateSet({ name }))
      .execute();
  }
  return id;
}

/** The tag with this slug in this locale, created on first use. */
export async function ensureTag(db: K, locale: string, slug: string, name: string): Promise<number> {
  await db
    .insertInto('tags')
    .values({ locale, slug, name })
    .onConflict((oc) => oc.columns(['locale', 'slug']).doNothing())
    .execute();
  const row = await db.selectFrom('tags').select('id').where('locale', '=', locale).where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

export async function upsertContributor(db: K, c: { slug: string; name: string; bio: string | null }, now: string): Promise<number> {
  await db
    .insertInto('contributors')
    .values({ slug: c.slug, name: c.name, bio: c.bio, user_id: null, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ name: c.name, bio: c.bio }))
    .execute();
  return (await db.selectFrom('contributors').select('id').where('slug', '=', c.slug).executeTakeFirstOrThrow()).id;
}

export async function upsertPartner(
  db: K,
  p: { name: string; url: string; locale: string; licence: string | null; feedUrl?: string | null },
  now: string,
): Promise<number> {
  await db
    .insertInto('partners')
    .values({ name: p.name, url: p.url, locale: p.locale, licence: p.licence, feed_url: p.feedUrl ?? null, created_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ url: p.url, locale: p.locale, licence: p.licence }))
    .execute();
  return (await db.selectFrom('partners').select('id').where('name', '=', p.name).executeTakeFirstOrThrow()).id;
}

export async function upsertMedia(
  db: K,
  m: { path: string; mime: string; width: number; height: number; alt: string; credit: string | null },
  now: string,
): Promise<number> {
  await db
    .insertInto('media')
    .values({ ...m, created_at: now })
    .onConflict((oc) => oc.column('path').doUpdateSet({ alt: m.alt, credit: m.credit, width: m.width, height: m.height, mime: m.mime }))
    .execute();
  return (await db.selectFrom('media').select('id').where('path', '=', m.path).executeTakeFirstOrThrow()).id;
}

/** A section's slug by id (undefined when there is no such section). */
export async function sectionSlugOf(db: K, sectionId: number): Promise<string | undefined> {
  return (await db.selectFrom('sections').select('slug').where('id', '=', sectionId).executeTakeFirst())?.slug;
}

// Prepared, without RETURNING on SQLite (preparedInsertId): every new article but a translation makes its story.
const insertStoryQuery = preparedInsertId((db, now: string) => db.insertInto('stories').values({ created_at: now }));

export async function insertStory(db: K, now: string): Promise<number> {
  return insertStoryQuery(db, now);
}

/** A redirect from an old public path; the newest target wins when a path is reused. */
export async function putRedirect(db: K, fromPath: string, articleId: number, now: string): Promise<void> {
  await db
    .insertInto('redirects')
    .values({ from_path: fromPath, article_id: articleId, to_path: null, created_at: now })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ article_id: articleId, to_path: null, created_at: now }))
    .execute();
}

/**
 * Old addresses of an article kept as redirects to it, insert-only: an address that already redirects somewhere
 * keeps its target (an importer's rule: an export never re-points what the site has). One statement for them all.
 */
export async function addRedirects(db: K, fromPaths: readonly string[], articleId: number, now: string): Promise<void> {
  await insertRedirectsQuery(
    db,
    [...new Set(fromPaths)].map((from_path) => ({ from_path, article_id: articleId, to_path: null, created_at: now })),
  );
}

// Prepared per number of paths: an import keeps each post's old addresses (a few spellings of each).
const insertRedirectsQuery = preparedRows(['from_path', 'article_id', 'to_path', 'created_at'], (db, rows) =>
  db
    .insertInto('redirects')
    .values(rows as unknown as Insertable<RedirectsTable>[])
    .onConflict((oc) => oc.column('from_path').doNothing()),
);

export async function findRedirect(db: K, fromPath: string) {
  return db.selectFrom('redirects').select(['article_id', 'to_path']).where('from_path', '=', fromPath).executeTakeFirst();
}
