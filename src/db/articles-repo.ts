import { sql, type Kysely } from 'kysely';
import type { Cursor } from '../content/cursor.js';
import type { Doc } from '../content/document.js';
import type {
  Article,
  ArticleSummary,
  Byline,
  ContributorRole,
  Correction,
  Status,
  TagRef,
  Translation,
} from '../content/types.js';
import { bodyMediaIds, effectiveAlt, type LibraryImage } from '../content/media.js';
import type { Database, NewArticleRow, ArticleRowUpdate } from './schema.js';
import { libraryImagesById, toLibraryImage } from './media-repo.js';
import { MAX_PREPARED_ARGS, prepared } from './prepared.js';
import { visibleToReaders } from './visibility.js';
import { isVisibleToReaders } from '../content/visibility.js';

type K = Kysely<Database>;


const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.story_id',
  'articles.locale',
  'articles.slug',
  'articles.headline',
  'articles.deck',
  'articles.published_at',
  'articles.hero_alt',
  'articles.hero_media_id',
  'sections.slug as section_slug',
  'section_names.name as section_name',
  'media.path as media_path',
  'media.width as media_width',
  'media.height as media_height',
  'media.alt as media_alt',
  'media.focal_x as media_focal_x',
  'media.focal_y as media_focal_y',
  'media.renditions as media_renditions',
] as const;

function summaryQuery(db: K) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('section_names', (j) =>
      j.onRef('section_names.section_id', '=', 'sections.id').onRef('section_names.locale', '=', 'articles.locale'),
    )
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(SUMMARY_COLUMNS);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    headline: r.headline,
    deck: r.deck,
    sectionSlug: r.section_slug,
    sectionName: r.section_name ?? r.section_slug,
    publishedAt: r.published_at!,
    hero: r.media_path
      ? { src: r.media_path, alt: effectiveAlt(r.hero_alt, r.media_alt), width: r.media_width!, height: r.media_height!, image: heroImage(r, r.hero_media_id) }
      : null,
  };
}

export type ListFilter = {
  locale: string;
  now: string;
  limit: number;
  before?: Cursor | null;
  sectionId?: number;
  tagId?: number;
  contributorId?: number;
  excludeIds?: number[];
};

/** Newest first, keyset-paginated; every filter is served by an index so the cost does not grow with the archive. */
export async function listPublished(db: K, f: ListFilter): Promise<ArticleSummary[]> {
  if (f.tagId !== undefined || f.contributorId !== undefined) return listByJoin(db, f);
  let q = summaryQuery(db).where('articles.locale', '=', f.locale).where(visibleToReaders(f.now));
  if (f.sectionId !== undefined) q = q.where('articles.section_id', '=', f.sectionId);
  if (f.excludeIds?.length) q = q.where('articles.id', 'not in', f.excludeIds);
  if (f.before) {
    const { publishedAt, id } = f.before;
    q = q.where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), '<', eb.tuple(publishedAt, id)));
  }
  const rows = await q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(f.limit).execute();
  return rows.map(toSummary);
}

/**
 * Tag and author lists, read from the join table's listing index in date order. A person with two roles on one story
 * has two rows there; a few extra rows are read and duplicates dropped, keeping the order and the cursor exact.
 */
async function listByJoin(db: K, f: ListFilter): Promise<ArticleSummary[]> {
  const extra = f.contributorId !== undefined ? 8 : 0;
  const base =
    f.tagId !== undefined
      ? db.selectFrom('article_tags as x').where('x.tag_id', '=', f.tagId)
      : db.selectFrom('article_contributors as x').where('x.contributor_id', '=', f.contributorId!).where('x.locale', '=', f.locale);
  let q = base
    .innerJoin('articles', 'articles.id', 'x.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('section_names', (j) => j.onRef('section_names.section_id', '=', 'sections.id').onRef('section_names.locale', '=', 'articles.locale'))
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(SUMMARY_COLUMNS)
    .where(visibleToReaders(f.now, 'x'));
  if (f.before) {
    const { publishedAt, id } = f.before;
    q = q.where((eb) => eb(eb.refTuple('x.published_at', 'x.article_id'), '<', eb.tuple(publishedAt, id)));
  }
  const rows = await q.orderBy('x.published_at', 'desc').orderBy('x.article_id', 'desc').limit(f.limit + extra).execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, f.limit).map(toSummary);
}

/** Copies the article's locale, status and date onto its tag and byline rows (call after any change to them). */
export async function syncListing(db: K, articleId: number): Promise<void> {
  const row = await db.selectFrom('articles').select(['locale', 'status', 'published_at']).where('id', '=', articleId).executeTakeFirst();
  if (!row) return;
  const values = { locale: row.locale, status: row.status, published_at: row.published_at };
  await db.updateTable('article_tags').set(values).where('article_id', '=', articleId).execute();
  await db.updateTable('article_contributors').set(values).where('article_id', '=', articleId).execute();
}

const latestInSection = prepared((db, locale: string, now: string, sectionId: number, exceptId: number, limit: number) =>
  summaryQuery(db)
    .where('articles.locale', '=', locale)
    .where(visibleToReaders(now))
    .where('articles.section_id', '=', sectionId)
    .where('articles.id', '!=', exceptId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit),
);

/** A section's newest visible stories, newest first (kept in memory for "related" lists: services/shared-lists.ts). */
export async function listLatestInSection(db: K, locale: string, now: string, sectionId: number, limit: number): Promise<ArticleSummary[]> {
  // Ids start at 1: excluding 0 excludes nothing.
  return (await latestInSection(db, locale, now, sectionId, 0, limit)).map(toSummary);
}

/**
 * Stories sharing a tag with this one first, then the section's latest, newest first within each group. Both
 * candidate lists are read from listing indexes in date order, so the cost does not depend on the archive's size.
 * `inSection`, when given, is the section's newest stories already at hand (at least 2 × limit + 1 of them);
 * `byTag`, when given, is each of the article's tags' newest stories (at least limit + 1 each), so no query runs.
 */
export async function listRelated(
  db: K,
  a: Article,
  now: string,
  limit: number,
  inSection?: readonly ArticleSummary[],
  byTag?: readonly (readonly ArticleSummary[])[],
): Promise<ArticleSummary[]> {
  const [tagged, sectionItems] = await Promise.all([
    byTag ? newestDistinct(byTag.flat(), a.id, limit) : taggedFromDb(db, a, now, limit),
    inSection ?? latestInSection(db, a.locale, now, a.section.id, a.id, 2 * limit + 1).then((rows) => rows.map(toSummary)),
  ]);
  const shown = new Set(tagged.map((s) => s.id));
  const fromSection = sectionItems.filter((s) => s.id !== a.id && !shown.has(s.id));
  return [...tagged, ...fromSection].slice(0, limit);
}

/** The newest `limit` distinct stories of several lists, leaving out `exceptId`. */
function newestDistinct(items: readonly ArticleSummary[], exceptId: number, limit: number): ArticleSummary[] {
  const sorted = [...items].sort((x, y) => (x.publishedAt === y.publishedAt ? y.id - x.id : x.publishedAt < y.publishedAt ? 1 : -1));
  const seen = new Set<number>([exceptId]);
  return sorted.filter((s) => !seen.has(s.id) && seen.add(s.id)).slice(0, limit);
}

async function taggedFromDb(db: K, a: Article, now: string, limit: number): Promise<ArticleSummary[]> {
  const tagIds = a.tags.map((t) => t.id);
  const byTag = tagIds.length ? (await newestByTags(db, tagIds, a.id, now, limit)).map((r) => r.article_id) : [];
  const tagged = [...new Set(byTag)].slice(0, limit);
  if (!tagged.length) return [];
  const rank = new Map(tagged.map((id, i) => [id, i]));
  return (await summariesById(db, tagged)).sort((x, y) => rank.get(x.id)! - rank.get(y.id)!).map(toSummary);
}

/** Summaries of a few stories by id, in no order: one query shape per number of ids, built and compiled once. */
function summariesById(db: K, ids: number[]): Promise<SummaryRow[]> {
  if (ids.length > MAX_PREPARED_ARGS) return summaryQuery(db).where('articles.id', 'in', ids).execute();
  let run = summariesByIdPrepared.get(ids.length);
  if (!run) {
    run = prepared((db: K, ...slots: number[]) => summaryQuery(db).where('articles.id', 'in', slots));
    summariesByIdPrepared.set(ids.length, run);
  }
  return run(db, ...ids);
}
const summariesByIdPrepared = new Map<number, (db: K, ...ids: number[]) => Promise<SummaryRow[]>>();

/**
 * The newest `limit` visible stories of each tag, newest first across all of them. One LIMITed subquery per tag reads
 * at most `limit` rows of that tag's listing index in date order; a single `tag_id IN (…)` query would read and sort
 * every story of every tag, which grows with the archive (a tag on 10,000 stories meant sorting 10,000 rows).
 */
async function newestByTags(db: K, tagIds: number[], exceptId: number, now: string, limit: number): Promise<{ article_id: number }[]> {
  // The query's shape depends only on the number of tags: built and compiled once per count.
  const total = limit * tagIds.length;
  if (tagIds.length + 4 > MAX_PREPARED_ARGS) return newestByTagsQuery(db, tagIds, exceptId, now, limit, total).execute();
  let run = newestByTagsPrepared.get(tagIds.length);
  if (!run) {
    run = prepared((db: K, exceptId: number, now: string, limit: number, total: number, ...tags: number[]) =>
      newestByTagsQuery(db, tags, exceptId, now, limit, total),
    );
    newestByTagsPrepared.set(tagIds.length, run);
  }
  return run(db, exceptId, now, limit, total, ...tagIds);
}
type NewestByTags = (db: K, exceptId: number, now: string, limit: number, total: number, ...tags: number[]) => Promise<{ article_id: number }[]>;
const newestByTagsPrepared = new Map<number, NewestByTags>();

function newestByTagsQuery(db: K, tagIds: number[], exceptId: number, now: string, limit: number, total: number) {
  const perTag = tagIds.map((tagId, i) =>
    db
      .selectFrom((inner) =>
        inner
          .selectFrom('article_tags')
          .select(['article_id', 'published_at'])
          .where('tag_id', '=', tagId)
          .where(visibleToReaders(now, 'article_tags'))
          .where('article_id', '!=', exceptId)
          .orderBy('published_at', 'desc')
          .orderBy('article_id', 'desc')
          .limit(limit)
          .as(`t${i}`),
      )
      .select(['article_id', 'published_at']),
  );
  const all = perTag.slice(1).reduce((q, next) => q.unionAll(next), perTag[0]!);
  return db
    .selectFrom(all.as('u'))
    .select('article_id')
    .orderBy('published_at', 'desc')
    .orderBy('article_id', 'desc')
    .limit(total);
}

export type ArticleLookup = { id: number; status: Status; publishedAt: string | null; visible: boolean };

/** Finds a version by its public address parts, whatever its status (the page decides between 200, 404 and 410). */
export async function findByLocaleSlug(db: K, locale: string, slug: string, now: string): Promise<ArticleLookup | null> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'status', 'published_at'])
    .where('locale', '=', locale)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? toLookup(row, now) : null;
}

export async function findLookupById(db: K, id: number, now: string): Promise<ArticleLookup | null> {
  const row = await db.selectFrom('articles').select(['id', 'status', 'published_at']).where('id', '=', id).executeTakeFirst();
  return row ? toLookup(row, now) : null;
}

function toLookup(row: { id: number; status: string; published_at: string | null }, now: string): ArticleLookup {
  const status = row.status as Status;
  return {
    id: row.id,
    status,
    publishedAt: row.published_at,
    visible: isVisibleToReaders({ status, publishedAt: row.published_at }, now),
  };
}

/**
 * One article, by id or by its address in a language, with everything its page shows: four queries whatever the size
 * of the archive. Loaded whatever its status; callers decide what a reader may see (`isVisibleToReaders`).
 */
/** An article row with its section, hero media and partner: what `toArticle` maps. */
export const articleQuery = (db: K) =>
  db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('section_names', (j) =>
      j.onRef('section_names.section_id', '=', 'sections.id').onRef('section_names.locale', '=', 'articles.locale'),
    )
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .leftJoin('partners', 'partners.id', 'articles.source_partner_id')
    .selectAll('articles')
    .select([
      'sections.slug as section_slug',
      'section_names.name as section_name',
      'media.path as media_path',
      'media.mime as media_mime',
      'media.width as media_width',
      'media.height as media_height',
      'media.alt as media_alt',
      'media.credit as media_credit',
      'media.caption as media_caption',
      'media.focal_x as media_focal_x',
      'media.focal_y as media_focal_y',
      'media.renditions as media_renditions',
      'partners.name as partner_name',
      'partners.url as partner_url',
      'partners.locale as partner_locale',
    ]);

const articleById = prepared((db, id: number) => articleQuery(db).where('articles.id', '=', id));
const articleBySlug = prepared((db, locale: string, slug: string) => articleQuery(db).where('articles.locale', '=', locale).where('articles.slug', '=', slug));
const bylinesOf = prepared((db, id: number) =>
  db
    .selectFrom('article_contributors')
    .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
    .select(['contributors.id', 'contributors.slug', 'contributors.name', 'article_contributors.role'])
    .where('article_contributors.article_id', '=', id)
    .orderBy('article_contributors.position')
    .orderBy('contributors.id'),
);
const tagsOf = prepared((db, id: number) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', id)
    .orderBy('tags.name'),
);
const correctionsOf = prepared((db, id: number) =>
  db.selectFrom('corrections').select(['id', 'text', 'created_at']).where('article_id', '=', id).orderBy('created_at').orderBy('id'),
);

/**
 * One article, by id or by its address in a language, with everything its page shows: four queries whatever the size
 * of the archive. Loaded whatever its status; callers decide what a reader may see (`isVisibleToReaders`).
 */
export async function loadArticle(db: K, by: number | { locale: string; slug: string }): Promise<Article | null> {
  const [row] = typeof by === 'number' ? await articleById(db, by) : await articleBySlug(db, by.locale, by.slug);
  if (!row) return null;
  const id = row.id;
  // Library images of the body come in the same round trip; a body without any (most) costs no query.
  const mediaIds = row.body.includes('"mediaId"') ? bodyMediaIds(parseBody(row.body)) : [];
  const [bylines, tags, corrections, media] = await Promise.all([
    bylinesOf(db, id),
    tagsOf(db, id),
    correctionsOf(db, id),
    libraryImagesById(db, mediaIds),
  ]);
  const article = toArticle(row, bylines, tags, corrections);
  if (media.size) article.media = Object.fromEntries(media);
  return article;
}

/** The hero's library image, when the joined media row has renditions (a plain file, like the demo's SVGs, has none). */
function heroImage(r: {
  media_path: string | null;
  media_width: number | null;
  media_height: number | null;
  media_alt: string | null;
  media_focal_x: number | null;
  media_focal_y: number | null;
  media_renditions: string | null;
  media_caption?: string | null;
  media_credit?: string | null;
}, id?: number | null): LibraryImage | null {
  if (!r.media_renditions || r.media_renditions === '[]' || id == null) return null;
  const img = toLibraryImage({
    id,
    width: r.media_width!,
    height: r.media_height!,
    alt: r.media_alt,
    caption: r.media_caption ?? null,
    credit: r.media_credit ?? null,
    focal_x: r.media_focal_x,
    focal_y: r.media_focal_y,
    renditions: r.media_renditions,
  });
  return img.renditions.length ? img : null;
}

export type ArticleRowWithJoins = Awaited<ReturnType<ReturnType<typeof articleQuery>['executeTakeFirstOrThrow']>>;

/** Maps an `articleQuery` row and its bylines, tags and corrections to the domain Article (pages and feeds share it). */
export function toArticle(
  row: ArticleRowWithJoins,
  bylines: { id: number; slug: string; name: string; role: string }[],
  tags: { id: number; slug: string; name: string }[],
  corrections: { id: number; text: string; created_at: string }[],
): Article {
  return {
    id: row.id,
    storyId: row.story_id,
    locale: row.locale,
    slug: row.slug,
    status: row.status as Status,
    headline: row.headline,
    deck: row.deck,
    body: parseBody(row.body),
    dateline: row.dateline,
    section: { id: row.section_id, slug: row.section_slug, name: row.section_name ?? row.section_slug },
    tags: tags.map((t): TagRef => ({ id: t.id, slug: t.slug, name: t.name })),
    bylines: bylines.map((b): Byline => ({ contributorId: b.id, slug: b.slug, name: b.name, role: b.role as ContributorRole })),
    hero:
      row.hero_media_id !== null && row.media_path
        ? {
            mediaId: row.hero_media_id,
            src: row.media_path,
            width: row.media_width!,
            height: row.media_height!,
            alt: effectiveAlt(row.hero_alt, row.media_alt),
            caption: row.hero_caption || row.media_caption,
            credit: row.hero_credit || row.media_credit,
            image: heroImage(row, row.hero_media_id),
          }
        : null,
    source:
      row.source_partner_id !== null && row.partner_name
        ? {
            partnerId: row.source_partner_id,
            partnerName: row.partner_name,
            partnerUrl: row.partner_url!,
            url: row.source_url,
            headline: row.source_headline,
            locale: row.source_locale ?? row.partner_locale,
          }
        : null,
    corrections: corrections.map((c): Correction => ({ id: c.id, text: c.text, createdAt: c.created_at })),
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    canonicalUrl: row.canonical_url,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    revision: row.revision,
  };
}

/** A stored body that is not a document (hand-edited row, failed import) renders as empty, never as a 500. */
function parseBody(text: string): Doc {
  try {
    const doc = JSON.parse(text);
    if (doc && doc.type === 'doc' && Array.isArray(doc.content)) return doc as Doc;
  } catch {
    /* fall through */
  }
  return { type: 'doc', content: [] };
}

/** The reader-visible language versions of a story, for hreflang and the language switcher. */
const translationsQuery = prepared((db, storyId: number, now: string) =>
  db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.locale', 'articles.slug', 'articles.published_at', 'sections.slug as section_slug'])
    .where('articles.story_id', '=', storyId)
    .where(visibleToReaders(now))
    .orderBy('articles.locale'),
);

export async function listTranslations(db: K, storyId: number, now: string): Promise<Translation[]> {
  const rows = await translationsQuery(db, storyId, now);
  return rows.map((r) => ({ id: r.id, locale: r.locale, slug: r.slug, sectionSlug: r.section_slug, publishedAt: r.published_at! }));
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
  const rows = await db
    .selectFrom('articles')
    .select('slug')
    .where('locale', '=', locale)
    .where((eb) => eb.or([eb('slug', '=', wanted), eb('slug', 'like', `${wanted}-%`)]))
    .where('id', '!=', selfId ?? 0)
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertArticle(db: K, row: NewArticleRow): Promise<number> {
  const { id } = await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
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

export async function setBylines(db: K, articleId: number, bylines: { contributorId: number; role: ContributorRole }[]) {
  await db.deleteFrom('article_contributors').where('article_id', '=', articleId).execute();
  if (bylines.length === 0) return;
  await db
    .insertInto('article_contributors')
    .values(bylines.map((b, position) => ({ article_id: articleId, contributor_id: b.contributorId, role: b.role, position })))
    .execute();
}

export async function setTags(db: K, articleId: number, tagIds: number[]) {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const unique = [...new Set(tagIds)];
  if (unique.length === 0) return;
  await db.insertInto('article_tags').values(unique.map((tag_id) => ({ article_id: articleId, tag_id }))).execute();
}

export async function insertCorrection(db: K, articleId: number, text: string, createdAt: string): Promise<number> {
  const { id } = await db
    .insertInto('corrections')
    .values({ article_id: articleId, text, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertRevision(db: K, r: { articleId: number; number: number; userId: number | null; snapshot: unknown; createdAt: string }) {
  await db
    .insertInto('revisions')
    .values({ article_id: r.articleId, number: r.number, user_id: r.userId, snapshot: JSON.stringify(r.snapshot), created_at: r.createdAt })
    .execute();
}

export async function listRevisions(db: K, articleId: number) {
  return db.selectFrom('revisions').selectAll().where('article_id', '=', articleId).orderBy('number').execute();
}

export async function countArticles(db: K): Promise<number> {
  const { n } = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Substring search over headline and deck (search_text, lower-cased on write). A stop-gap until the full-text index (FTS5 / tsvector with stemming):
 * it scans the locale's published stories, so it is bounded by LIMIT but not by an index.
 */
export async function searchPublished(db: K, f: { locale: string; now: string; query: string; limit: number }): Promise<ArticleSummary[]> {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  let q = summaryQuery(db).where('articles.locale', '=', f.locale).where(visibleToReaders(f.now));
  for (const w of words) {
    const pattern = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`articles.search_text like ${pattern} escape '\\'`);
  }
  const rows = await q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(f.limit).execute();
  return rows.map(toSummary);
}

/** One revision as the history shows it: who saved it (if a user did; an API key or a deleted account leave null). */
export type RevisionRow = { number: number; created_at: string; user_id: number | null; user_name: string | null; snapshot: string };

const revisionsWithUsers = (db: K, articleId: number) =>
  db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.user_id')
    .select(['revisions.number', 'revisions.created_at', 'revisions.user_id', 'users.name as user_name', 'revisions.snapshot'])
    .where('revisions.article_id', '=', articleId);

export async function listRevisionsWithUsers(db: K, articleId: number): Promise<RevisionRow[]> {
  return revisionsWithUsers(db, articleId).orderBy('revisions.number').execute();
}

export async function getRevision(db: K, articleId: number, number: number): Promise<RevisionRow | undefined> {
  return revisionsWithUsers(db, articleId).where('revisions.number', '=', number).executeTakeFirst();
}
