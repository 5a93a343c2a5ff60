import { wordpressQueryOf } from '../content/wordpress-query.js';
import { findRedirect } from '../db/taxonomy-repo.js';
import type { Deps } from './deps.js';
import { shortLink } from './site-pages.js';

/*
 * An address of a site this one replaced (a WordPress permalink of any structure, `/?p=41`, an author or category
 * archive) that an import stored as a redirect (services/wordpress-import.ts). Asked only for paths no route answers,
 * and for the home page with a WordPress query key. The target is always this site's own: an article's current
 * address, or a path the import made, which starts with one `/`.
 */
export async function oldAddress(deps: Deps, pathname: string, search: string): Promise<string | null> {
  const k = deps.db.kysely;
  const query = wordpressQueryOf(pathname, search);
  if (!query && pathname === '/') return null;
  const candidates = query ? [query] : pathname.endsWith('/') ? [pathname, pathname.slice(0, -1)] : [pathname, `${pathname}/`];
  for (const from of candidates) {
    if (!from) continue;
    const r = await findRedirect(k, from);
    if (!r) continue;
    if (r.to_path) return r.to_path.startsWith('/') && !r.to_path.startsWith('//') && !r.to_path.startsWith('/\\') ? r.to_path : null;
    if (r.article_id === null) return null;
    const found = await shortLink(deps, r.article_id);
    return found.kind === 'redirect' ? found.location : null;
  }
  return null;
}
