import type { Kysely } from 'kysely';
import { bodyMediaIds } from '../content/media.js';
import type { Doc } from '../content/document.js';
import type { Article } from '../content/types.js';
import { libraryImagesById } from './media-repo.js';
import { articleQuery, BYLINE_NAME, toArticle, type ArticleRowWithJoins } from './load-article.js';
import type { Database } from './schema.js';

/**
 * An article as one of its revisions holds it, with everything its page shows: what a preview renders. A revision's
 * snapshot stores the editor's input (ids of the section, tags, contributors, hero and partner), so the names,
 * addresses and images are read as they are now, as the published page would show them if it went out now. What a
 * snapshot does not hold (the story, language, creation time, corrections: corrections are added to the live story
 * and never belong to one revision) comes from the article's row.
 *
 * Old snapshots predate some fields and a hand-edited one may hold anything: a missing or malformed field reads as the
 * row's value (or empty), never as an error, so any revision in the history can be previewed.
 */

type K = Kysely<Database>;
type Snapshot = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const posInt = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
const obj = (v: unknown): Snapshot | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Snapshot) : null);
const has = (s: Snapshot, key: string) => Object.prototype.hasOwnProperty.call(s, key);

function docOf(v: unknown): Doc | null {
  const d = obj(v);
  return d && d['type'] === 'doc' && Array.isArray(d['content']) ? (d as unknown as Doc) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function loadArticleAtSnapshot(db: K, id: number, snap: Snapshot, revision: number): Promise<Article | null> {
  const base = await articleQuery(db).where('articles.id', '=', id).executeTakeFirst();
  if (!base) return null;
  const sectionId = posInt(snap['sectionId']) ?? base.section_id;
  const hero = has(snap, 'hero')
    ? obj(snap['hero'])
    : base.hero_media_id !== null
      ? { mediaId: base.hero_media_id, alt: base.hero_alt, caption: base.hero_caption, credit: base.hero_credit }
      : null;
  const heroId = posInt(hero?.['mediaId']);
  const source = has(snap, 'source')
    ? obj(snap['source'])
    : base.source_partner_id !== null
      ? { partnerId: base.source_partner_id, url: base.source_url, headline: base.source_headline, locale: base.source_locale }
      : null;
  const partnerId = posInt(source?.['partnerId']);
  const tagIds = Array.isArray(snap['tagIds']) ? (snap['tagIds'] as unknown[]).map(posInt).filter((x): x is number => x !== null) : null;
  const bylineInput = Array.isArray(snap['bylines'])
    ? (snap['bylines'] as unknown[]).flatMap((b) => {
        const o = obj(b);
        const cid = posInt(o?.['contributorId']);
        return cid !== null && typeof o?.['role'] === 'string' ? [{ contributorId: cid, role: o['role'] }] : [];
      })
    : null;
  const body = docOf(snap['body']) ?? docOf(parseJson(base.body)) ?? { type: 'doc', content: [] };

  const [section, media, partner, contributors, tags, currentBylines, currentTags, corrections, bodyMedia] = await Promise.all([
    db
      .selectFrom('sections')
      .leftJoin('section_names', (j) => j.onRef('section_names.section_id', '=', 'sections.id').on('section_names.locale', '=', base.locale))
      .select(['sections.id', 'sections.slug', 'section_names.name'])
      .where('sections.id', '=', sectionId)
      .executeTakeFirst(),
    heroId === null ? undefined : db.selectFrom('media').selectAll().where('id', '=', heroId).executeTakeFirst(),
    partnerId === null
      ? undefined
      : db
          .selectFrom('partners')
          .leftJoin('partner_texts', (j) => j.onRef('partner_texts.partner_id', '=', 'partners.id').on('partner_texts.locale', '=', base.locale))
          .select(['partners.id', 'partners.name', 'partners.url', 'partners.locale', 'partner_texts.name as local_name', 'partner_texts.credit_line'])
          .where('partners.id', '=', partnerId)
          .executeTakeFirst(),
    bylineInput?.length
      ? db
          .selectFrom('contributors')
          .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').on('ct.locale', '=', base.locale))
          .select(['contributors.id', 'contributors.slug', BYLINE_NAME, 'contributors.links'])
          .where(
            'contributors.id',
            'in',
            bylineInput.map((b) => b.contributorId),
          )
          .execute()
      : [],
    tagIds?.length
      ? db.selectFrom('tags').select(['id', 'slug', 'name']).where('id', 'in', tagIds).where('locale', '=', base.locale).orderBy('name').execute()
      : [],
    bylineInput
      ? null
      : db
          .selectFrom('article_contributors')
          .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
          .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').on('ct.locale', '=', base.locale))
          .select(['contributors.id', 'contributors.slug', BYLINE_NAME, 'article_contributors.role', 'contributors.links'])
          .where('article_contributors.article_id', '=', id)
          .orderBy('article_contributors.position')
          .execute(),
    tagIds
      ? null
      : db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select(['tags.id', 'tags.slug', 'tags.name'])
          .where('article_tags.article_id', '=', id)
          .orderBy('tags.name')
          .execute(),
    db.selectFrom('corrections').select(['id', 'text', 'created_at']).where('article_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    libraryImagesById(db, bodyMediaIds(body)),
  ]);

  const byId = new Map(contributors.map((c) => [c.id, c]));
  const bylines =
    currentBylines ??
    (bylineInput ?? []).flatMap((b) => {
      const c = byId.get(b.contributorId);
      return c ? [{ ...c, role: b.role }] : [];
    });

  const row: ArticleRowWithJoins = {
    ...base,
    slug: str(snap['slug']) ?? base.slug,
    headline: str(snap['headline']) ?? base.headline,
    deck: has(snap, 'deck') ? str(snap['deck']) : base.deck,
    body: JSON.stringify(body),
    dateline: has(snap, 'dateline') ? str(snap['dateline']) : base.dateline,
    section_id: section?.id ?? base.section_id,
    section_slug: section?.slug ?? base.section_slug,
    section_name: section ? section.name : base.section_name,
    hero_media_id: media ? media.id : null,
    hero_alt: str(hero?.['alt']),
    hero_caption: str(hero?.['caption']),
    hero_credit: str(hero?.['credit']),
    media_path: media?.path ?? null,
    media_mime: media?.mime ?? null,
    media_width: media?.width ?? null,
    media_height: media?.height ?? null,
    media_alt: media?.alt ?? null,
    media_credit: media?.credit ?? null,
    media_caption: media?.caption ?? null,
    media_focal_x: media?.focal_x ?? null,
    media_focal_y: media?.focal_y ?? null,
    media_renditions: media?.renditions ?? null,
    source_partner_id: partner ? partner.id : null,
    source_url: str(source?.['url']),
    source_headline: str(source?.['headline']),
    source_locale: str(source?.['locale']),
    partner_name: partner?.name ?? null,
    partner_url: partner?.url ?? null,
    partner_locale: partner?.locale ?? null,
    partner_local_name: partner?.local_name ?? null,
    partner_credit_line: partner?.credit_line ?? null,
    seo_title: has(snap, 'seoTitle') ? str(snap['seoTitle']) : base.seo_title,
    seo_description: has(snap, 'seoDescription') ? str(snap['seoDescription']) : base.seo_description,
    canonical_url: has(snap, 'canonicalUrl') ? str(snap['canonicalUrl']) : base.canonical_url,
    revision,
  };
  const article = toArticle(row, bylines, currentTags ?? tags, corrections);
  if (bodyMedia.size) article.media = Object.fromEntries(bodyMedia);
  return article;
}

/**
 * Revision `n` of an article, or its newest when `n` is null (with pending changes on a live story, the newest is
 * the pending one, not the row readers see), with the number of its newest revision.
 */
export async function revisionAt(db: K, articleId: number, n: number | null): Promise<{ number: number; latest: number; snapshot: Snapshot } | null> {
  const newest = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.max('number').as('latest'))
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  const latest = newest?.latest == null ? null : Number(newest.latest);
  if (latest === null) return null;
  const row = await db
    .selectFrom('revisions')
    .select(['number', 'snapshot'])
    .where('article_id', '=', articleId)
    .where('number', '=', n ?? latest)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = obj(parseJson(row.snapshot)) ?? {};
  return { number: row.number, latest, snapshot: parsed };
}
