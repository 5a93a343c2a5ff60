import type { Insertable, Kysely } from 'kysely';
import type { ContributorRole } from '../content/types.js';
import type { ArticleContributorsTable, ArticleTagsTable, Database, NewArticleRow, ArticleRowUpdate } from './schema.js';
import { isSqlite, prepared, preparedInsertId, preparedRows } from './prepared.js';

/** Article rows and what is written with them: bylines, tags, corrections, the listing copies and slugs. */

type K = Kysely<Database>;

/** Copies the article's locale, status and date onto its tag and byline rows (call after any change to them). */
export async function syncListing(db: K, articleId: number): Promise<void> {
  const row = await db.selectFrom('articles').select(['locale', 'status', 'published_at']).where('id', '=', articleId).executeTakeFirst();
  if (!row) return;
  const values = { locale: row.locale, status: row.status, published_at: row.published_at };
  await db.updateTable('article_tags').set(values).where('article_id', '=', articleId).execute();
  await db.updateTable('article_contributors').set(values).where('article_id', '=', articleId).execute();
}

/** What decides which lists show an article besides its date: its section, tags and bylines, as one comparable string. */
export async function listingOf(db: K, a: { id: number; section_id: number }): Promise<string> {
  const [tags, bylines] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', a.id).orderBy('tag_id').execute(),
    db.selectFrom('article_contributors').select('contributor_id').where('article_id', '=', a.id).orderBy('contributor_id').execute(),
  ]);
  return `${a.section_id}|${tags.map((t) => t.tag_id).join(',')}|${[...new Set(bylines.map((b) => b.contributor_id))].join(',')}`;
}

/** The slugs of a language that are `wanted` or `wanted-…`, other than `selfId`'s own: the candidates a new slug must avoid. */
export async function takenSlugs(db: K, locale: string, wanted: string, selfId?: number): Promise<Set<string>> {
  if (!isSqlite(db)) return new Set((await takenSlugsQuery(db, locale, wanted, `${wanted}-%`, selfId ?? 0)).map((r) => r.slug));
  // The range holds `wanted` followed by any character up to '-': the LIKE's work is done here.
  const dash = `${wanted}-`;
  const rows = await takenSlugsRange(db, locale, wanted, `${wanted}.`, selfId ?? 0);
  return new Set(rows.map((r) => r.slug).filter((s) => s === wanted || s.startsWith(dash)));
}

/**
 * Whether another article of the language (not `selfId`) has exactly this slug: one point lookup in the (locale, slug)
 * index. Most new slugs are free, and then the candidates of takenSlugs, which in a real archive can be many
 * (`news`, `news-2`, `news-from-kyiv`…), need not be read at all.
 */
export async function slugTaken(db: K, locale: string, slug: string, selfId?: number): Promise<boolean> {
  const [row] = await slugOwnerQuery(db, locale, slug);
  return row !== undefined && row.id !== (selfId ?? 0);
}

// Prepared: every new article and every rename asks these (an import, once per post).
const slugOwnerQuery = prepared((db, locale: string, slug: string) =>
  db.selectFrom('articles').select('id').where('locale', '=', locale).where('slug', '=', slug),
);

const takenSlugsQuery = prepared((db, locale: string, wanted: string, like: string, selfId: number) =>
  db
    .selectFrom('articles')
    .select('slug')
    .where('locale', '=', locale)
    .where((eb) => eb.or([eb('slug', '=', wanted), eb('slug', 'like', like)]))
    .where('id', '!=', selfId),
);

// SQLite cannot answer an `slug = ? or slug like ?` from the (locale, slug) index (its LIKE is case-insensitive, and
// an OR defeats a range): at 100,000 stories that read every story of the language, 50 ms of the serving thread at
// each publish. In SQLite's byte order "x" and every "x-…" lie between "x" and "x." ('.' follows '-'), so this range
// reads a few index entries. And no LIKE at all: SQLite re-prepares a statement whose LIKE pattern is a bound
// parameter each time the value changes (its LIKE optimisation depends on the pattern), which made the query cost
// five times a point lookup (14 µs against 3 on the bench's archive). PostgreSQL's collation may order punctuation
// otherwise, and its queries do not hold the serving thread: it keeps the LIKE.
const takenSlugsRange = prepared((db, locale: string, wanted: string, below: string, selfId: number) =>
  db.selectFrom('articles').select('slug').where('locale', '=', locale).where('slug', '>=', wanted).where('slug', '<', below).where('id', '!=', selfId),
);

// Every column a new article row is written with, in the order of the prepared INSERT's parameters.
const ARTICLE_COLUMNS = [
  'story_id',
  'kind',
  'locale',
  'slug',
  'status',
  'headline',
  'deck',
  'body',
  'dateline',
  'section_id',
  'hero_media_id',
  'hero_alt',
  'hero_caption',
  'hero_credit',
  'source_partner_id',
  'source_url',
  'source_headline',
  'source_locale',
  'seo_title',
  'seo_description',
  'canonical_url',
  'published_at',
  'scheduled_at',
  'revision',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof NewArticleRow)[];

/** A new article row: every column of ARTICLE_COLUMNS given (null where empty), the rest left to their defaults. */
export type NewArticle = { [C in (typeof ARTICLE_COLUMNS)[number]]-?: Exclude<NewArticleRow[C], undefined> };

// Prepared: the article insert is the widest statement of a save, and Kysely's building of its 26 values cost more
// than a small query's whole run. Without RETURNING on SQLite (preparedInsertId).
const insertArticleQuery = preparedInsertId((db, ...values: unknown[]) =>
  db.insertInto('articles').values(Object.fromEntries(ARTICLE_COLUMNS.map((c, i) => [c, values[i]])) as unknown as NewArticleRow),
);

export async function insertArticle(db: K, row: NewArticle): Promise<number> {
  return insertArticleQuery(db, ...ARTICLE_COLUMNS.map((c) => row[c]));
}

export async function updateArticleRow(db: K, id: number, patch: ArticleRowUpdate): Promise<void> {
  await db.updateTable('articles').set(patch).where('id', '=', id).execute();
}

/**
 * Clears the schedule of an article still published for exactly `at` and still at `revision`, moving it to the next
 * revision: the guard that makes a publication job safe to run twice. False when anything moved since (nothing written).
 */
export async function claimScheduledPublication(db: K, a: { id: number; revision: number; at: string; now: string }): Promise<boolean> {
  const claimed = await db
    .updateTable('articles')
    .set({ scheduled_at: null, revision: a.revision + 1, updated_at: a.now })
    .where('id', '=', a.id)
    .where('revision', '=', a.revision)
    .where('status', '=', 'published')
    .where('published_at', '=', a.at)
    .where('scheduled_at', '=', a.at)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

export async function getArticleRow(db: K, id: number) {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The article's columns its tag and byline rows copy (syncListing), as the article has them now. */
export type Listing = { locale: string; status: string; published_at: string | null };

/**
 * Replaces the article's bylines, their rows written with `listing` (so no syncListing is needed after). `fresh`: an
 * article made in this transaction, which has none to remove.
 */
export async function setBylines(db: K, articleId: number, bylines: { contributorId: number; role: ContributorRole }[], listing: Listing, fresh = false) {
  if (!fresh) await db.deleteFrom('article_contributors').where('article_id', '=', articleId).execute();
  await insertBylines(
    db,
    bylines.map((b, position) => ({ article_id: articleId, contributor_id: b.contributorId, role: b.role, position, ...listing })),
  );
}

// Prepared per number of rows: every save writes its bylines and tags (an import, each post's).
const insertBylines = preparedRows(['article_id', 'contributor_id', 'role', 'position', 'locale', 'status', 'published_at'], (db, rows) =>
  db.insertInto('article_contributors').values(rows as unknown as Insertable<ArticleContributorsTable>[]),
);
const insertTags = preparedRows(['article_id', 'tag_id', 'locale', 'status', 'published_at'], (db, rows) =>
  db.insertInto('article_tags').values(rows as unknown as Insertable<ArticleTagsTable>[]),
);

/** Replaces the article's tags, as setBylines its bylines. */
export async function setTags(db: K, articleId: number, tagIds: number[], listing: Listing, fresh = false) {
  if (!fresh) await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const unique = [...new Set(tagIds)];
  await insertTags(
    db,
    unique.map((tag_id) => ({ article_id: articleId, tag_id, ...listing })),
  );
}

export async function insertCorrection(db: K, articleId: number, text: string, createdAt: string): Promise<number> {
  const { id } = await db.insertInto('corrections').values({ article_id: articleId, text, created_at: createdAt }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function countArticles(db: K): Promise<number> {
  const { n } = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Removes an article; its revisions, bylines, tags, notes, jobs, preview links and redirects go with it (cascades). */
export async function deleteArticleRow(db: K, id: number): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}

/** The section a page is filed under: pages have no section of their own, and the column cannot be empty. */
export async function firstSectionId(db: K): Promise<number | undefined> {
  const row = await db.selectFrom('sections').select('id').orderBy('position').orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}
