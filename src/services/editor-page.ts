import { can, canEditArticle, type ArticleResource } from '../content/policy.js';
import { slugFromHeadline } from '../content/slug.js';
import type { Article, TagRef } from '../content/types.js';
import { contributorOfUser } from '../db/admin-articles-repo.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { loadArticle } from '../db/load-article.js';
import { headlinesOf, listContributorNames, listPartnerNames, listTagsOfLocale, tagsWithIds } from '../db/editor-repo.js';
import { ensureTag, listSections } from '../db/taxonomy-repo.js';
import { wireItemOfArticle } from '../db/wire-repo.js';
import { linkKey } from '../importers/feed-link-key.js';
import { AppError, notFound } from '../errors.js';
import { createDraft, mayReadArticle, readArticle, saveArticle, type AdminArticle, type ArticleFields } from './articles.js';
import { parseArticleInput } from './article-input.js';
import type { Deps } from './deps.js';
import { sectionChoices } from './list-choices.js';
import { savePendingChanges } from './pending-changes.js';
import { pendingChangesOf } from './pending-info.js';
import type { Principal } from '../content/principal.js';
import { TRANSITIONS, type WorkflowState } from '../content/workflow.js';

/**
 * What the admin's article editor needs besides the Admin API: everything one edit page shows (the article, what this
 * user may do with it, the pick lists), new drafts from a headline, and tags created by name as the editor types them.
 */

export type EditorOptions = {
  sections: { id: number; name: string }[];
  tags: { id: number; slug: string; name: string }[];
  contributors: { id: number; name: string }[];
  partners: { id: number; name: string }[];
};

export type EditorPageData = Omit<AdminArticle, 'versions'> & {
  canEdit: boolean;
  /** Published or scheduled: edits are saved as pending changes. */
  live: boolean;
  /** May make pending changes live; may send them for review. */
  canUpdate: boolean;
  canSubmitChanges: boolean;
  /** May add a contributor from the byline picker. */
  canCreateContributor: boolean;
  /** The workflow moves this user may make from the article's state now. */
  moves: { to: WorkflowState; what: string }[];
  /** The story's other versions; one this user may not read (mayReadArticle) by language and status alone. */
  versions: ({ readable: true; id: number; locale: string; status: string; headline: string } | { readable: false; locale: string; status: string })[];
  options: EditorOptions;
  /**
   * For a translation: the version it was translated from, to read beside the text being translated (null for an
   * original, or when this user may not read the source's draft).
   */
  source: { id: number; locale: string; headline: string; deck: string | null; body: Article['body']; needsUpdate: boolean } | null;
  /**
   * For a draft adapted from a partner's wire story (issue 14): that story as the feed gave it, to read beside the
   * editor (null for a translation, which shows its source instead, and for other stories).
   */
  wireOriginal: {
    id: number;
    partner: string;
    locale: string | null;
    headline: string;
    author: string | null;
    link: string | null;
    /** Sanitized on ingest (the same cleaning as pasted HTML), or null: then `summary` is shown as text. */
    html: string | null;
    summary: string | null;
  } | null;
};

/** One article as the edit page shows it; reading it needs what the Admin API's read needs. */
export async function editorPage(deps: Deps, who: Principal, id: number): Promise<EditorPageData> {
  const a = await readArticle(deps, who, id);
  const k = deps.db.kysely;
  const resource = await articleResource(k, { id, status: a.article.status, published_at: a.article.publishedAt });
  const [sections, tags, contributors, partners, headlines, source] = await Promise.all([
    listSections(k, 'en'),
    listTagsOfLocale(k, a.article.locale),
    listContributorNames(k),
    listPartnerNames(k, a.article.source?.partnerId),
    headlinesOf(
      k,
      a.versions.map((v) => v.id),
    ),
    sourceOf(deps, who, id),
  ]);
  const versions: EditorPageData['versions'] = [];
  for (const v of a.versions) {
    const h = headlines.get(v.id);
    // A sibling is shown as its own GET would answer this user: in full, or (a 403 there) by language alone.
    if (h && (await mayReadArticle(deps, who, { id: v.id, status: h.status, publishedAt: h.publishedAt })))
      versions.push({ readable: true, ...v, headline: h.headline });
    else versions.push({ readable: false, locale: v.locale, status: v.status });
  }
  return {
    ...a,
    canEdit: mayEdit(who, resource),
    live: a.article.status === 'published',
    canUpdate: can(who.actor, 'article.publish-changes', resource),
    canSubmitChanges: can(who.actor, 'article.submit-for-review', resource),
    canCreateContributor: can(who.actor, 'contributor.create'),
    moves: TRANSITIONS.filter((t) => t.from === a.state && can(who.actor, t.action, resource)).map((t) => ({ to: t.to, what: t.what })),
    versions,
    options: { sections: editorSectionChoices(sections), tags, contributors, partners },
    source,
    wireOriginal: source ? null : await wireOriginalOf(deps, a.article),
  };
}

async function wireOriginalOf(deps: Deps, article: Article): Promise<EditorPageData['wireOriginal']> {
  if (!article.source) return null;
  const item = await wireItemOfArticle(deps.db.kysely, article.id, { partnerId: article.source.partnerId, linkKey: linkKey(article.source.url) });
  if (!item) return null;
  return {
    id: item.id,
    partner: item.partnerName,
    locale: item.language,
    headline: item.title,
    author: item.author,
    link: item.link,
    html: item.contentHtml,
    summary: item.summary,
  };
}

async function sourceOf(deps: Deps, who: Principal, id: number): Promise<EditorPageData['source']> {
  const k = deps.db.kysely;
  const row = await getArticleRow(k, id);
  if (!row || row.translated_from_id === null) return null;
  const [sourceRow, source] = await Promise.all([getArticleRow(k, row.translated_from_id), loadArticle(k, row.translated_from_id)]);
  if (!sourceRow || !source || !(await mayReadArticle(deps, who, source))) return null;
  const needsUpdate = row.translated_from_revision !== null && sourceRow.text_revision > row.translated_from_revision;
  return { id: source.id, locale: source.locale, headline: source.headline, deck: source.deck, body: source.body, needsUpdate };
}

/** The sections a new draft may go in (named in English, the admin's language). */
export async function newArticleOptions(deps: Deps, who: Principal) {
  if (!can(who.actor, 'article.create')) {
    throw new AppError('FORBIDDEN', `Your role (${who.actor.role}) may not start new articles.`, {
      hint: 'Translators start from an existing story: its translation desk creates the new language version.',
      details: { action: 'article.create' },
    });
  }
  return { sections: editorSectionChoices(await listSections(deps.db.kysely, 'en')) };
}

/** The sections as a select's choices (list-choices.ts): in tree order, indented; only what the editor's choice needs. */
const editorSectionChoices = (sections: { id: number; name: string; parentId: number | null }[]): { id: number; name: string }[] =>
  sectionChoices(sections).map((s) => ({ id: s.id, name: s.name }));

/** A new, empty draft from a headline; its writer's own contributor profile (if any) is its author. Returns its id. */
export async function startDraft(deps: Deps, who: Principal, p: { locale: string; headline: string; sectionId: number }): Promise<number> {
  const contributor = who.userId !== null ? await contributorOfUser(deps.db.kysely, who.userId) : null;
  return createDraft(deps, who, {
    locale: p.locale,
    headline: p.headline,
    sectionId: p.sectionId,
    body: { type: 'doc', content: [] },
    bylines: contributor !== null ? [{ contributorId: contributor, role: 'author' }] : [],
  });
}

/** Edit rights, or, on a live story, the right to prepare pending changes to it (its writers). */
const mayEdit = (who: Principal, resource: ArticleResource) =>
  canEditArticle(who.actor, resource) || (resource.status === 'published' && can(who.actor, 'article.propose-changes', resource));

async function editableRow(deps: Deps, who: Principal, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  if (!mayEdit(who, await articleResource(deps.db.kysely, row))) {
    throw new AppError('FORBIDDEN', `Your role (${who.actor.role}) may not edit this article.`, {
      hint: 'Writers edit their own stories until they are submitted; editors and admins edit any. README.md "Who may do what".',
      details: { action: 'article.edit-any' },
    });
  }
  return row;
}

const MAX_TAG_NAME = 100;

/**
 * Tags of the article's language by name, each created on first use (its slug transliterated from the name, so
 * "Торговля" and "торговля" are one tag). Creating tags is part of editing an article: it needs the right to edit it.
 */
export async function tagsByName(deps: Deps, who: Principal, articleId: number, names: string[]): Promise<TagRef[]> {
  const row = await editableRow(deps, who, articleId);
  // One tag per slug, named as first typed.
  const bySlug = new Map<string, string>();
  for (const n of names.map((x) => x.trim().replace(/\s+/g, ' ')).filter(Boolean)) if (!bySlug.has(slugFromHeadline(n))) bySlug.set(slugFromHeadline(n), n);
  const wanted = [...bySlug.entries()];
  // A name without a letter or digit would get the fallback slug and merge with every other such name.
  const bad = wanted.filter(([, n]) => n.length > MAX_TAG_NAME || !/[\p{L}\p{N}]/u.test(n));
  if (bad.length) {
    throw new AppError('VALIDATION_FAILED', `A tag name needs a letter or digit and at most ${MAX_TAG_NAME} characters.`, {
      hint: 'A tag is a word or two.',
      details: { fields: { tags: `not a tag name: ${bad.map(([, n]) => n.slice(0, 20)).join(', ')}` } },
    });
  }
  const ids: number[] = [];
  for (const [slug, name] of wanted) ids.push(await ensureTag(deps.db.kysely, row.locale, slug, name));
  // An existing tag keeps the name it was created with.
  const byId = new Map((await tagsWithIds(deps.db.kysely, ids)).map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/**
 * The edit page's form without JavaScript: every field but the body (which only the editor changes), tags by name.
 * Saved like any save: a new revision if `baseRevision` is still the latest, else CONFLICT.
 */
export async function saveWithoutBody(
  deps: Deps,
  who: Principal,
  id: number,
  baseRevision: number,
  fields: Omit<ArticleFields, 'body' | 'tagIds'> & { tagNames: string[] },
): Promise<number> {
  const row = await editableRow(deps, who, id);
  const current = await loadArticle(deps.db.kysely, id);
  if (!current) throw notFound(`Article ${id}`);
  // The text the page showed: the pending version's while one waits.
  const pending = await pendingChangesOf(deps.db.kysely, row, current);
  const body = (pending?.content['body'] as Article['body'] | undefined) ?? current.body;
  const { tagNames, ...rest } = fields;
  // Checked before any tag is created: a refused form should leave nothing behind.
  parseArticleInput({ ...rest, locale: current.locale, body });
  const tags = await tagsByName(deps, who, id, tagNames);
  const save = row.status === 'published' ? savePendingChanges : saveArticle;
  return save(deps, who, id, baseRevision, { ...rest, body, tagIds: tags.map((t) => t.id) });
}
