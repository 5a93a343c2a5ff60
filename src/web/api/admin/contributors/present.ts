import { authorPath } from '../../../../content/urls.js';
import type { ContributorRecord } from '../../../../services/contributors.js';
import { can } from '../../../../content/policy.js';
import type { Principal } from '../../../../content/principal.js';

/**
 * A contributor as the API shows it: what a byline needs (`id`), their own `name` (the fallback), what PATCH takes
 * (per-language `names`, `bios`, `titles` keyed by locale; `email` and `userId` for those who manage contributors and for the profile's own user; `links`, `photoMediaId`), how many
 * stories credit them and their public page per language.
 */
export function presentContributor(c: ContributorRecord, locales: readonly string[], who?: Principal) {
  // A contributor's email and account are the newsroom's business, not every freelancer's: only those who manage
  // contributors, and the person the profile belongs to, see them (absent otherwise).
  const private_ = !who || can(who.actor, 'contributor.manage') || (c.userId !== null && c.userId === who.userId);
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    names: c.names,
    bio: c.bio,
    bios: c.bios,
    titles: c.titles,
    ...(private_ ? { email: c.email } : {}),
    links: c.links,
    photoMediaId: c.photoMediaId,
    ...(private_ ? { userId: c.userId } : {}),
    articles: c.articles,
    urls: Object.fromEntries(locales.map((l) => [l, authorPath(l, c.slug)])),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
