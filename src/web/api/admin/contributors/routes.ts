import { Hono, type Context } from 'hono';
import type { SiteContext } from '../../../../content/site-context.js';
import type { Deps } from '../../../../services/deps.js';
import {
  createContributor,
  deleteContributor,
  findContributorRecord,
  listContributors,
  mergeContributor,
  updateContributor,
} from '../../../../services/contributors.js';
import { readJson } from '../../../body.js';
import { parse } from '../articles/schema.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentContributor } from './present.js';
import { CONTRIBUTOR_KEY, ListContributorsQuery, MergeBody } from './schema.js';

const BASE = `${ADMIN_API_PATH}/contributors`;

/**
 * /api/admin/v1/contributors: list and search (keyset pages by id), read, create (also from the editor's byline
 * picker), change (PATCH), merge and delete. A contributor is named in the path by id or slug. Reading needs any
 * newsroom key or session; creating `contributor.create`, changing `contributor.manage` (or `contributor.edit-own`
 * for one's own linked profile), merging and deleting `contributor.manage`.
 */
export function contributorRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');
  const show = (c: Context, x: Parameters<typeof presentContributor>[0]) => presentContributor(x, site.locales, who(c));

  app.get('/', async (c) => {
    const query = parse(ListContributorsQuery, c.req.query(), 'query');
    const { items, nextAfter } = await listContributors(deps, who(c), query);
    const rest = Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => k !== 'after'));
    const next = nextAfter === null ? null : `${BASE}?${new URLSearchParams({ ...rest, after: String(nextAfter) })}`;
    return c.json({ items: items.map((x) => show(c, x)), next });
  });

  app.post('/', async (c) => {
    const made = await createContributor(deps, who(c), site.locales, await readJson(c));
    c.header('Location', `${BASE}/${made.id}`);
    return c.json(show(c, made), 201);
  });

  app.get(`/${CONTRIBUTOR_KEY}`, async (c) => c.json(show(c, await findContributorRecord(deps, c.req.param('key')))));

  app.patch(`/${CONTRIBUTOR_KEY}`, async (c) => c.json(show(c, await updateContributor(deps, who(c), site.locales, c.req.param('key'), await readJson(c)))));

  app.delete(`/${CONTRIBUTOR_KEY}`, async (c) => {
    await deleteContributor(deps, who(c), c.req.param('key'));
    return c.body(null, 204);
  });

  app.post(`/${CONTRIBUTOR_KEY}/merge`, async (c) => {
    const { into } = parse(MergeBody, await readJson(c), 'merge');
    const r = await mergeContributor(deps, who(c), site.locales, c.req.param('key'), into);
    return c.json({ merged: show(c, r.merged), into: show(c, r.into), moved: r.moved });
  });

  return app;
}
