import { authorPath } from '../../../../content/urls.js';
import type { ContributorRecord } from '../../../../services/contributors.js';

/**
 * A contributor as the API shows it: what a byline needs (`id`), their own `name` (the fallback), what PATCH takes
 * (per-language `names`, `bios`, `titles` keyed by locale; `email`, `links`, `photoMediaId`, `userId`), how many
 * stories credit them and their public page per language.
 */
export function presentContributor(c: ContributorRecord, locales: readonly string[]) {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    names: c.names,
    bio: c.bio,
    bios: c.bios,
    titles: c.titles,
    email: c.email,
    links: c.links,
    photoMediaId: c.photoMediaId,
    userId: c.userId,
    articles: c.articles,
    urls: Object.fromEntries(locales.map((l) => [l, authorPath(l, c.slug)])),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
