import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import type { Deps } from '../../../../services/deps.js';
import { createTag, deleteTag, findTag, listTags, mergeTag, updateTag } from '../../../../services/tags.js';
import { readJson } from '../../../body.js';
import { parse } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentTag } from './present.js';
import { MergeTagBody } from './schema.js';

const BASE = `${ADMIN_API_PATH}/tags`;
const ID = ':id{[0-9]{1,12}}';

/**
 * /api/admin/v1/tags: list (per language, `q` search, keyset pages in slug order), read, create, rename and link
 * (PATCH), merge and delete. Reading needs any newsroom key or session; changes need `tag.manage`.
 */
export function tagRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');

  app.get('/', async (c) => {
    const { items, next, query } = await listTags(deps, c.req.query());
    const more = new URLSearchParams({
      ...(query.locale ? { locale: query.locale } : {}),
      ...(query.q ? { q: query.q } : {}),
      limit: String(query.limit),
      ...(next ? { after: next } : {}),
    });
    return c.json({ items: items.map(presentTag), next: next ? `${BASE}?${more}` : null });
  });

  app.post('/', async (c) => {
    const t = await createTag(deps, who(c), site.locales, await readJson(c));
    c.header('Location', `${BASE}/${t.id}`);
    return c.json(presentTag(t), 201);
  });

  app.get(`/${ID}`, async (c) => c.json(presentTag(await findTag(deps, Number(c.req.param('id'))))));

  app.patch(`/${ID}`, async (c) => c.json(presentTag(await updateTag(deps, who(c), Number(c.req.param('id')), await readJson(c)))));

  app.delete(`/${ID}`, async (c) => {
    await deleteTag(deps, who(c), Number(c.req.param('id')));
    return c.body(null, 204);
  });

  app.post(`/${ID}/merge`, async (c) => {
    const { into } = parse(MergeTagBody, await readJson(c), 'merge');
    const r = await mergeTag(deps, who(c), Number(c.req.param('id')), into);
    return c.json({ merged: { id: r.merged.id, slug: r.merged.slug, articles: r.merged.articles }, into: presentTag(r.into) });
  });

  return app;
}
