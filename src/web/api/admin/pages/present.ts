import { pagePath } from '../../../../content/urls.js';
import type { SiteContext } from '../../../../content/site-context.js';
import type { AdminArticle } from '../../../../services/articles.js';
import type { listPages } from '../../../../services/pages.js';

/** A page as the Admin API shows it: what PUT takes, its workflow state, revision and public address. */
export function presentPage(site: SiteContext, a: AdminArticle) {
  const x = a.article;
  return {
    id: x.id,
    kind: 'page' as const,
    storyId: x.storyId,
    locale: x.locale,
    slug: x.slug,
    status: x.status,
    state: a.state,
    revision: x.revision,
    headline: x.headline,
    deck: x.deck,
    body: x.body,
    hero: x.hero,
    seoTitle: x.seoTitle,
    seoDescription: x.seoDescription,
    canonicalUrl: x.canonicalUrl,
    publishedAt: x.publishedAt,
    createdAt: x.createdAt,
    updatedAt: x.updatedAt,
    path: pagePath(x.locale, x.slug),
    url: x.publishedAt ? `${site.siteUrl}${pagePath(x.locale, x.slug)}` : null,
    translations: a.versions,
    pendingChanges: a.pending,
  };
}

type ListItem = Awaited<ReturnType<typeof listPages>>[number];

export function presentPageListItem(site: SiteContext, r: ListItem) {
  return {
    id: r.id,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    status: r.status,
    state: r.state,
    revision: r.revision,
    headline: r.headline,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    path: pagePath(r.locale, r.slug),
    url: r.published_at ? `${site.siteUrl}${pagePath(r.locale, r.slug)}` : null,
    hasPendingChanges: r.pending_revision !== null,
  };
}
