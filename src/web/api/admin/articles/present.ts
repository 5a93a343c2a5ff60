import { articlePath } from '../../../../content/urls.js';
import type { SiteContext } from '../../../../content/site-context.js';
import type { AdminArticle, listArticles } from '../../../../services/articles.js';

/*
 * Articles carry `status`, as stored, and `state`, derived from it and the publication time by stateOf
 * (content/workflow.ts): they differ only for a scheduled story, which is stored as published (README "Workflow").
 */

/** What the Admin API shows of an article: everything an editor can set, its workflow state and revision. */
export function presentArticle(site: SiteContext, a: AdminArticle) {
  const x = a.article;
  return {
    id: x.id,
    // 'page' for About, policies… (also at /pages); 'story' otherwise.
    kind: x.kind ?? 'story',
    storyId: x.storyId,
    locale: x.locale,
    slug: x.slug,
    status: x.status,
    state: a.state,
    revision: x.revision,
    headline: x.headline,
    deck: x.deck,
    body: x.body,
    dateline: x.dateline,
    sectionId: x.section.id,
    section: x.section,
    tagIds: x.tags.map((t) => t.id),
    tags: x.tags,
    bylines: x.bylines,
    hero: x.hero,
    source: x.source,
    corrections: x.corrections,
    seoTitle: x.seoTitle,
    seoDescription: x.seoDescription,
    canonicalUrl: x.canonicalUrl,
    publishedAt: x.publishedAt,
    scheduledAt: a.scheduledAt,
    createdAt: x.createdAt,
    updatedAt: x.updatedAt,
    url: x.publishedAt
      ? `${site.siteUrl}${articlePath({ locale: x.locale, sectionSlug: x.section.slug, publishedAt: x.publishedAt, slug: x.slug, kind: x.kind })}`
      : null,
    translations: a.versions,
    pendingChanges: a.pending,
  };
}

type ListItem = Awaited<ReturnType<typeof listArticles>>['items'][number];

export function presentListItem(r: ListItem) {
  return {
    id: r.id,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    status: r.status,
    state: r.state,
    revision: r.revision,
    headline: r.headline,
    section: r.section_slug,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    authors: r.authors,
    assignee: r.assignee,
    translatedFrom: r.translatedFrom,
    needsUpdate: r.needsUpdate,
    translations: r.translations.map((t) => ({ id: t.id, locale: t.locale, state: t.state, needsUpdate: t.needsUpdate })),
    hasPendingChanges: r.pending_revision !== null,
    pendingChanges: r.pending,
  };
}
