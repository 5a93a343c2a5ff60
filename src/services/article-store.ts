import type { Kysely } from 'kysely';
import { slugFromHeadline } from '../content/slug.js';
import { CORRECTION_MAX } from '../content/types.js';
import { articlePath, pagePath, RESERVED_PAGE_SLUGS } from '../content/urls.js';
import {
  getArticleRow,
  insertArticle,
  insertCorrection,
  listingOf,
  setBylines,
  setTags,
  slugTaken,
  takenSlugs,
  updateArticleRow,
} from '../db/articles-repo.js';
import { insertRevision } from '../db/revisions-repo.js';
import type { Database } from '../db/schema.js';
import { insertStory, putRedirect, sectionSlugOf } from '../db/taxonomy-repo.js';
import { AppError } from '../errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { parseArticleInput, type ValidArticleInput } from './article-input.js';
import { documentText } from '../content/document-text.js';
import type { Doc } from '../content/document.js';
import { documentJson } from '../content/sealed-documents.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { nowIso, type Deps } from './deps.js';
import { changedKeys } from './changed-keys.js';
import { indexArticle } from '../search/search-index.js';

type K = Kysely<Database>;

/**
 * Work a caller adds to a write's transaction, given what the write made (an id, a revision number): the audit row
 * that records the change, or a row that belongs with it, commits or rolls back with it.
 */
export type InTransaction<T> = (trx: K, made: T) => Promise<void>;

/**
 * Runs `fn` in a transaction of its own, or, when `db` is already a transaction, in that one: an import writes a
 * batch of records per transaction (services/import-common.ts), which owns the commit and rolls back a failed record
 * to its savepoint.
 */
export const transact = <T>(db: K, fn: (trx: K) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db) : db.transaction().execute(fn));

/**
 * Creates one language version (a new story unless storyId links it to an existing one) and its first revision.
 * A taken slug gets a numeric suffix rather than failing the save: an editor's words are never refused for a URL.
 */
export async function createArticle(deps: Deps, raw: unknown, userId: number | null = null, also?: InTransaction<number>): Promise<number> {
  const input = parseArticleInput(raw);
  const kind = input.kind ?? 'story';
  const now = nowIso(deps);
  const created = await transact(deps.db.kysely, async (trx) => {
    const storyId = input.storyId ?? (await insertStory(trx, now));
    const wanted = input.slug ?? slugFromHeadline(input.headline);
    const slug = kind === 'page' ? await pageSlug(trx, input.locale, wanted) : await freeSlug(trx, input.locale, wanted);
    const publishedAt = input.publishedAt ?? (input.status === 'published' ? now : null);
    const row = columns(input);
    const id = await insertArticle(trx, {
      story_id: storyId,
      kind,
      locale: input.locale,
      slug,
      ...row,
      published_at: publishedAt,
      revision: 1,
      created_at: now,
      updated_at: now,
    });
    const listing = { locale: input.locale, status: input.status, published_at: publishedAt };
    await setBylines(trx, id, input.bylines, listing, true);
    await setTags(trx, id, input.tagIds, listing, true);
    await index(deps, trx, id, input.body, true);
    await insertRevision(trx, { articleId: id, number: 1, userId, snapshot: { ...input, slug }, createdAt: now, bodyJson: row.body });
    await also?.(trx, id);
    return { id, storyId, publishedAt };
  }).catch((err: unknown) => {
    if (!isUniqueViolation(err)) throw err;
    if (kind === 'page') throw slugTakenError(input.locale, input.slug ?? slugFromHeadline(input.headline));
    throw new AppError('DUPLICATE', `The story already has a ${input.locale} version, or another one took this address at the same moment.`, {
      hint: 'Reload the story: each language has one version. Nothing was stored.',
    });
  });
  const state = { status: input.status, publishedAt: created.publishedAt, listing: '' };
  await deps.changes.publish(
    changedKeys({ id: created.id, storyId: created.storyId, locale: input.locale, sectionId: input.sectionId, kind }, null, state, now),
  );
  return created.id;
}

/**
 * Saves a new revision. `baseRevision` is the revision the editor started from: if someone saved since, the save is
 * refused with 409 and the stored version is untouched. A changed slug (or date/section) keeps the old URL as a redirect.
 */
export async function updateArticle(
  deps: Deps,
  id: number,
  raw: unknown,
  baseRevision: number,
  userId: number | null = null,
  also?: InTransaction<number>,
): Promise<number> {
  const input = parseArticleInput(raw);
  const now = nowIso(deps);
  const saved = await transact(deps.db.kysely, async (trx) => {
    const current = await getArticleRow(trx, id);
    if (!current) throw new AppError('NOT_FOUND', `Article ${id} was not found.`, { hint: 'It may have been deleted.' });
    if (current.revision !== baseRevision) {
      throw new AppError('CONFLICT', `Article ${id} was saved by someone else since revision ${baseRevision}.`, {
        hint: 'Both versions are kept: reload to see the latest one and merge your changes into it.',
        details: { currentRevision: current.revision, baseRevision },
      });
    }
    const oldPath = await publicPathOf(trx, current);
    const before = { status: current.status, publishedAt: current.published_at, listing: await listingOf(trx, current), sectionId: current.section_id };
    const renamed = input.slug && input.slug !== current.slug ? input.slug : null;
    const slug = renamed ? await (current.kind === 'page' ? pageSlug : freeSlug)(trx, current.locale, renamed, id) : current.slug;
    const revision = current.revision + 1;
    const publishedAt = input.publishedAt ?? current.published_at ?? (input.status === 'published' ? now : null);
    const row = columns(input);
    await updateArticleRow(trx, id, {
      slug,
      ...row,
      published_at: publishedAt,
      revision,
      updated_at: now,
      ...(textChanged(current, input) ? { text_revision: revision } : {}),
    });
    const listing = { locale: current.locale, status: input.status, published_at: publishedAt };
    await setBylines(trx, id, input.bylines, listing);
    await setTags(trx, id, input.tagIds, listing);
    await index(deps, trx, id, input.body, false);
    await insertRevision(trx, { articleId: id, number: revision, userId, snapshot: { ...input, slug }, createdAt: now, bodyJson: row.body });
    const newPath = await publicPathOf(trx, { ...current, slug, section_id: input.sectionId, published_at: publishedAt });
    if (oldPath && oldPath !== newPath) await putRedirect(trx, oldPath, id, now);
    await also?.(trx, revision);
    const after = { status: input.status, publishedAt, listing: await listingOf(trx, { id, section_id: input.sectionId }) };
    const keys = changedKeys({ id, storyId: current.story_id, locale: current.locale, sectionId: input.sectionId, kind: current.kind }, before, after, now);
    // Translations link to this version by its address: they change only when the address does.
    const addressMoved = oldPath !== newPath;
    return { revision, keys: addressMoved ? keys : keys.filter((k) => k !== surrogateKey.story(current.story_id)) };
  });
  await deps.changes.publish(saved.keys);
  return saved.revision;
}

export async function addCorrection(deps: Deps, articleId: number, text: string, also?: InTransaction<number>): Promise<number> {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > CORRECTION_MAX) {
    throw new AppError('VALIDATION_FAILED', `A correction needs between 1 and ${CORRECTION_MAX} characters of text.`, {
      hint: 'Say what was wrong and what is right now.',
      details: { fields: { text: `length 1..${CORRECTION_MAX}` } },
    });
  }
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const article = await getArticleRow(trx, articleId);
    if (!article) throw new AppError('NOT_FOUND', `Article ${articleId} was not found.`);
    const correctionId = await insertCorrection(trx, articleId, trimmed, nowIso(deps));
    await also?.(trx, correctionId);
    return correctionId;
  });
  // A correction changes the story's page and its feed entries, not which stories are listed.
  await deps.changes.publish([surrogateKey.article(articleId)]);
  return id;
}

/** The article's search entry, written now, or by the batch writing it (Deps.indexLater) before the batch commits. */
const index = (deps: Deps, trx: K, id: number, body: Doc, created: boolean): Promise<void> =>
  deps.indexLater ? Promise.resolve(deps.indexLater(id, body, created)) : indexArticle(trx, id);

function columns(input: ValidArticleInput) {
  return {
    status: input.status,
    headline: input.headline,
    deck: input.deck ?? null,
    // A body the converter made is stored as the text it came as (content/sealed-documents.ts).
    body: documentJson(input.body),
    dateline: input.dateline ?? null,
    section_id: input.sectionId,
    hero_media_id: input.hero?.mediaId ?? null,
    hero_alt: input.hero?.alt ?? null,
    hero_caption: input.hero?.caption ?? null,
    hero_credit: input.hero?.credit ?? null,
    source_partner_id: input.source?.partnerId ?? null,
    source_url: input.source?.url ?? null,
    source_headline: input.source?.headline ?? null,
    source_locale: input.source?.locale ?? null,
    seo_title: input.seoTitle ?? null,
    seo_description: input.seoDescription ?? null,
    canonical_url: input.canonicalUrl ?? null,
    scheduled_at: input.scheduledAt ?? null,
  };
}

/**
 * Whether a save changes what translators translate: the headline, the deck or the body's text (not its marks or
 * links alone). Translations of the article are flagged "needs update" from the revision where this holds.
 */
function textChanged(current: { headline: string; deck: string | null; body: string }, input: ValidArticleInput): boolean {
  if (current.headline !== input.headline || (current.deck ?? '') !== (input.deck ?? '')) return true;
  try {
    return documentText(JSON.parse(current.body) as Doc) !== documentText(input.body);
  } catch {
    return true;
  }
}

/**
 * A page's address is chosen, not made up: `/en/about` must be that, so a slug another article of the language has,
 * or one the site's own paths use under `/{lang}/`, is refused rather than given a suffix.
 */
async function pageSlug(db: K, locale: string, wanted: string, selfId?: number): Promise<string> {
  if (RESERVED_PAGE_SLUGS.has(wanted)) {
    throw new AppError('SLUG_RESERVED', `"/${locale}/${wanted}" is one of the site's own addresses; a page cannot have it.`, {
      hint: `Choose another slug for the page (e.g. "about-us"); these are kept: ${[...RESERVED_PAGE_SLUGS].join(', ')}.`,
      details: { fields: { slug: 'reserved' }, slug: wanted },
    });
  }
  if (await slugTaken(db, locale, wanted, selfId)) throw slugTakenError(locale, wanted);
  return wanted;
}

const slugTakenError = (locale: string, slug: string) =>
  new AppError('SLUG_TAKEN', `Another ${locale} article or page already has the slug "${slug}".`, {
    hint: 'Choose another slug for the page, or rename the other one first. Nothing was stored.',
    details: { fields: { slug: 'taken' }, slug },
  });

/**
 * `wanted`, else the first of `wanted-2`, `wanted-3`… no other article of the language has. The exact slug is looked
 * up first: it is usually free (an import's every post), and then the `wanted-…` candidates are not read.
 */
async function freeSlug(db: K, locale: string, wanted: string, selfId?: number): Promise<string> {
  if (!(await slugTaken(db, locale, wanted, selfId))) return wanted;
  const taken = await takenSlugs(db, locale, wanted, selfId);
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** The path readers know this version by, or null if it was never public. */
async function publicPathOf(db: K, row: { locale: string; slug: string; section_id: number; published_at: string | null; kind: string }) {
  if (!row.published_at) return null;
  if (row.kind === 'page') return pagePath(row.locale, row.slug);
  const sectionSlug = await sectionSlugOf(db, row.section_id);
  return sectionSlug !== undefined ? articlePath({ locale: row.locale, sectionSlug, publishedAt: row.published_at, slug: row.slug }) : null;
}
