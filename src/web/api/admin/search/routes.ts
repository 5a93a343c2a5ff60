import { Hono } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import type { Deps } from '../../../../services/deps.js';
import { MAX_PAGE, searchAdmin, suggestAdmin } from '../../../../services/search.js';
import { parse } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentSearchItem } from './present.js';
import { SearchQuery, SuggestQuery } from './schema.js';

const BASE = `${ADMIN_API_PATH}/search`;

/**
 * /api/admin/v1/search: full-text search over every article version the caller may read (drafts included for those
 * the policy lets read drafts), best first, a page at a time (`page`, `limit`), with `total` and the next page's URL.
 */
export function searchRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  app.get('/', async (c) => {
    const query = parse(SearchQuery, c.req.query(), 'query');
    const r = await searchAdmin(deps, c.get('apiPrincipal'), site.locales, { ...query, perPage: query.limit });
    const more = r.page * r.perPage < r.total && r.page < MAX_PAGE;
    const next = more ? `${BASE}?${new URLSearchParams({ ...c.req.query(), page: String(r.page + 1) })}` : null;
    // totalCapped: more than `total` match; only the newest `total` are ranked (search-query.ts MAX_CANDIDATES).
    return c.json({ total: r.total, totalCapped: r.more, page: r.page, limit: r.perPage, items: r.items.map(presentSearchItem), next });
  });
  app.get('/suggest', async (c) => {
    const query = parse(SuggestQuery, c.req.query(), 'query');
    return c.json(await suggestAdmin(deps, c.get('apiPrincipal'), site.locales, query));
  });
  return app;
}
