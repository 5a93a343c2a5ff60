import { sql, type Kysely } from 'kysely';
import type { Doc } from '../content/document.js';
import { asArticleKind, type Article, type Byline, type ContributorRole, type Correction, type Status, type TagRef } from '../content/types.js';
import { bodyMediaIds, effectiveAlt, fallbackOf, parseRenditions, type LibraryImage } from '../content/media.js';
import { parseLinks } from './contributors-repo.js';
import { isVisibleToReaders } from '../content/visibility.js';
import type { Database } from './schema.js';
import { libraryImagesById, toLibraryImage } from './media-repo.js';
import { prepared } from './prepared.js';

/** One article as pages, feeds and the admin read it, and the look-ups that find one by id or address. */

type K = Kysely<Database>;

/** A byline's name in the language of the joined `contributor_texts as ct` row, else the contributor's own. */
export const BYLINE_NAME = sql<string>`coalesce(ct.name, contributors.name)`.as('name');

/** What a byline row may carry besides its name: the contributor's links and photo (for JSON-LD `sameAs`, `image`). */
export type BylineRow = {
  id: number;
  slug: string;
  name: string;
  role: string;
  links?: string | null;
  photo_path?: string | null;
  photo_renditions?: string | null;
};

export function toByline(b: BylineRow): Byline {
  const byline: Byline = { contributorId: b.id, slug: b.slug, name: b.name, role: b.role as ContributorRole };
  if (b.photo_path) byline.image = fallbackOf({ renditions: parseRenditions(b.photo_renditions) })?.path ?? b.photo_path;
  const links = parseLinks(b.links);
  if (links.length) byline.sameAs = links;
  return byline;
}

export type ArticleLookup = { id: number; status: Status; publishedAt: string | null; visible: boolean };

/** Finds a version by its public address parts, whatever its status (the page decides between 200, 404 and 410). */
export async function findByLocaleSlug(db: K, locale: string, slug: string, now: string): Promise<ArticleLookup | null> {
  const row = await db.selectFrom('articles').select(['id', 'status', 'published_at']).where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
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

/** An article row with its section, hero media and partner: what `toArticle` maps. */
export const articleQuery = (db: K) =>
  db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('section_names', (j) => j.onRef('section_names.section_id', '=', 'sections.id').onRef('section_names.locale', '=', 'articles.locale'))
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .leftJoin('partners', 'partners.id', 'articles.source_partner_id')
    // The partner's name and credit line in the article's language (migration 0018), when it has them.
    .leftJoin('partner_texts', (j) =>
      j.onRef('partner_texts.partner_id', '=', 'articles.source_partner_id').onRef('partner_texts.locale', '=', 'articles.locale'),
    )
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
      'partner_texts.name as partner_local_name',
      'partner_texts.credit_line as partner_credit_line',
    ]);

const articleById = prepared((db, id: number) => articleQuery(db).where('articles.id', '=', id));
const articleBySlug = prepared((db, locale: string, slug: string) => articleQuery(db).where('articles.locale', '=', locale).where('articles.slug', '=', slug));
// A byline reads in the article's language: the contributor's name in it, else their own (migration 0017).
const bylinesOf = prepared((db, id: number) =>
  db
    .selectFrom('article_contributors')
    .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
    .innerJoin('articles as ba', 'ba.id', 'article_contributors.article_id')
    .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').onRef('ct.locale', '=', 'ba.locale'))
    .leftJoin('media as cm', 'cm.id', 'contributors.photo_media_id')
    .select([
      'contributors.id',
      'contributors.slug',
      BYLINE_NAME,
      'article_contributors.role',
      'contributors.links',
      'cm.path as photo_path',
      'cm.renditions as photo_renditions',
    ])
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
  const [bylines, tags, corrections, media] = await Promise.all([bylinesOf(db, id), tagsOf(db, id), correctionsOf(db, id), libraryImagesById(db, mediaIds)]);
  const article = toArticle(row, bylines, tags, corrections);
  if (media.size) article.media = Object.fromEntries(media);
  return article;
}

/** The hero's library image, when the joined media row has renditions (a plain file, like the demo's SVGs, has none). */
export function heroImage(
  r: {
    media_path: string | null;
    media_width: number | null;
    media_height: number | null;
    media_alt: string | null;
    media_focal_x: number | null;
    media_focal_y: number | null;
    media_renditions: string | null;
    media_caption?: string | null;
    media_credit?: string | null;
  },
  id?: number | null,
): LibraryImage | null {
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
  bylines: BylineRow[],
  tags: { id: number; slug: string; name: string }[],
  corrections: { id: number; text: string; created_at: string }[],
): Article {
  return {
    id: row.id,
    kind: asArticleKind(row.kind),
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
    bylines: bylines.map(toByline),
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
            partnerName: row.partner_local_name || row.partner_name,
            partnerUrl: row.partner_url!,
            creditLine: row.partner_credit_line,
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
